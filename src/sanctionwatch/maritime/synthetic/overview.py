"""One picture of a synthetic data set: every track, every planted event, the DPRK ports.

Filled markers are events a detector should fire on (in at least one tier),
hollow ones the near-misses that must not fire. Land comes from the shipped
1-arc-minute raster, so no tile server is needed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from sanctionwatch.maritime.synthetic.dataset import Dataset
from sanctionwatch.maritime.synthetic.rules import DPRK_PORTS

# Drawn in this order, so encounters end up on top of their partners' loitering.
MARKERS = {
    "loitering": ("s", "#2ca02c"),
    "gap": ("X", "#1f77b4"),
    "port_call": ("^", "#9467bd"),
    "identity": ("D", "#ff7f0e"),
    "encounter": ("o", "#d62728"),
}
BOX = (117.5, 28.5, 132.5, 43.5)  # west, south, east, north


def draw_overview(dataset: Dataset, out: Path) -> Path:
    """Write ``out`` (PNG): tracks in grey, planted events by type; returns ``out``."""
    from sanctionwatch.maritime.geo import east_asia_mask

    west, south, east, north = BOX
    fig, ax = plt.subplots(figsize=(9, 9))
    ax.set_facecolor("#dcecf7")
    land, extent = east_asia_mask().window(west, south, east, north)
    if land.size:
        ax.imshow(
            np.where(land, 1.0, np.nan),
            extent=extent,
            cmap="Greys",
            vmin=0,
            vmax=2.5,
            interpolation="nearest",
            zorder=1,
        )
    r = dataset.reports
    for vessel in range(len(dataset.plans)):
        mine = r.vessel == vessel
        if mine.any():
            ax.plot(r.lon[mine], r.lat[mine], lw=0.4, color="#555555", alpha=0.6, zorder=2)
    for port in DPRK_PORTS:
        ax.plot(port.lon, port.lat, "s", color="black", ms=3, zorder=3)
        ax.annotate(
            port.name, (port.lon, port.lat), fontsize=6, xytext=(3, 2), textcoords="offset points"
        )
    for type_, (marker, colour) in MARKERS.items():
        events = [e for e in dataset.truth if e.type == type_ and not e.ambiguous]
        fire = [e for e in events if e.should_fire]
        quiet = [
            e
            for e in events
            if not e.should_fire
            and not any(f.should_fire and f.mmsis == e.mmsis and f.start == e.start for f in events)
        ]
        for group, face, label in (
            (fire, colour, type_),
            (quiet, "none", f"{type_}: must not fire"),
        ):
            if group:
                ax.scatter(
                    [e.lon for e in group],
                    [e.lat for e in group],
                    marker=marker,
                    s=36,
                    facecolors=face,
                    edgecolors=colour,
                    linewidths=1.0,
                    label=label,
                    zorder=4,
                )
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / np.cos(np.radians((south + north) / 2)))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(
        f"synthetic AIS, seed {dataset.seed}: {len(dataset.plans)} ships, "
        f"{len(dataset.reports):,} positions, {len(dataset.truth)} truth events"
    )
    ax.legend(loc="upper left", fontsize=7, ncol=2, framealpha=0.9)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".png")
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=110, bbox_inches="tight", format="png")
        os.replace(tmp, out)
    finally:
        plt.close(fig)
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
