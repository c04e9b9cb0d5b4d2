"""Maps (PNG) of events and vessel tracks over the shipped land mask, and GeoJSON export.

No tile server: land comes from the 1-arc-minute East Asia raster (3-arc-minute
elsewhere) in ``data/geo``, drawn with matplotlib's Agg backend.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import shapely

from sanctionwatch.errors import NotFoundError
from sanctionwatch.maritime.events import Event, iso
from sanctionwatch.maritime.geo import DPRK_PORTS, dprk_waters, east_asia_mask, global_mask
from sanctionwatch.maritime.ingest.store import AisStore

COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e")


def events_geojson(events: list[Event]) -> dict[str, Any]:
    """A FeatureCollection with one Point per event and the JSON contract as properties."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(e.lon, 6), round(e.lat, 6)]},
                "properties": e.to_json(),
            }
            for e in events
        ],
    }


def _extent(lats: np.ndarray, lons: np.ndarray) -> tuple[float, float, float, float]:
    w, e = float(np.nanmin(lons)), float(np.nanmax(lons))
    s, n = float(np.nanmin(lats)), float(np.nanmax(lats))
    span = max(e - w, n - s, 0.2)
    cx, cy = (w + e) / 2, (s + n) / 2
    half = span * 0.6
    return cx - half, cy - half * 0.8, cx + half, cy + half * 0.8


def _base(ax: Any, box: tuple[float, float, float, float]) -> None:
    w, s, e, n = box
    ea = east_asia_mask()
    mask = ea if ea.covers(w, s, e, n) else global_mask()
    land, (x0, x1, y0, y1) = mask.window(w, s, e, n)
    ax.set_facecolor("#dcecf7")
    if land.size:
        ax.imshow(
            np.where(land, 1.0, np.nan),
            extent=(x0, x1, y0, y1),
            cmap="Greys",
            vmin=0,
            vmax=2.5,
            interpolation="nearest",
            zorder=1,
        )
    waters = shapely.clip_by_rect(dprk_waters(), w, s, e, n)
    for poly in getattr(waters, "geoms", [waters]):
        if not poly.is_empty and hasattr(poly, "exterior"):
            xs, ys = poly.exterior.xy
            ax.plot(xs, ys, color="#8c564b", lw=0.8, ls="--", zorder=2)
    for port in DPRK_PORTS:
        if w <= port.lon <= e and s <= port.lat <= n:
            ax.plot(port.lon, port.lat, "s", color="black", ms=4, zorder=4)
            ax.annotate(
                port.name,
                (port.lon, port.lat),
                fontsize=7,
                xytext=(3, 3),
                textcoords="offset points",
                zorder=4,
            )
    ax.set_xlim(w, e)
    ax.set_ylim(s, n)
    ax.set_aspect(1 / max(np.cos(np.radians((s + n) / 2)), 0.2))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")


def _save(fig: Any, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".png")
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=120, bbox_inches="tight", format="png")
        os.replace(tmp, out)
    finally:
        plt.close(fig)
        if os.path.exists(tmp):
            os.unlink(tmp)


def draw_event(store: AisStore, event: Event, out: Path, margin_hours: float = 6.0) -> None:
    """The event's vessels' tracks from ``margin_hours`` before to after, with the event marked."""
    pad = int(margin_hours * 3600)
    table = store.positions(
        event.start - pad, event.end + pad, mmsis=[v.mmsi for v in event.vessels]
    )
    lats = np.r_[table.column("lat").to_numpy(), event.lat]
    lons = np.r_[table.column("lon").to_numpy(), event.lon]
    fig, ax = plt.subplots(figsize=(8, 7))
    _base(ax, _extent(lats, lons))
    mmsi = table.column("mmsi").to_numpy()
    t = table.column("t").to_numpy()
    for n, vessel in enumerate(event.vessels):
        rows = mmsi == vessel.mmsi
        colour = COLOURS[n % len(COLOURS)]
        label = (
            f"{vessel.mmsi} {vessel.name or ''} {('[' + vessel.flag + ']') if vessel.flag else ''}"
        )
        ax.plot(
            lons[:-1][rows], lats[:-1][rows], "-", color=colour, lw=1, label=label.strip(), zorder=3
        )
        during = rows & (t >= event.start) & (t <= event.end)
        ax.plot(lons[:-1][during], lats[:-1][during], ".", color=colour, ms=3, zorder=3)
    ax.plot(event.lon, event.lat, "*", color="gold", mec="black", ms=16, zorder=5, label="event")
    ax.set_title(
        f"{event.type}/{event.kind} ({event.tier})  {iso(event.start)} → {iso(event.end)}\n"
        f"event {event.id}",
        fontsize=9,
    )
    ax.legend(loc="best", fontsize=7)
    _save(fig, out)


def draw_track(
    store: AisStore, mmsi: int, out: Path, start: int | None = None, end: int | None = None
) -> None:
    """One vessel's track, coloured by time."""
    table = store.positions(start, end, mmsis=[mmsi])
    if table.num_rows == 0:
        raise NotFoundError(
            f"no positions for MMSI {mmsi} in the store",
            hint="check the MMSI and the --from/--to range",
        )
    lats = table.column("lat").to_numpy()
    lons = table.column("lon").to_numpy()
    t = table.column("t").to_numpy()
    fig, ax = plt.subplots(figsize=(8, 7))
    _base(ax, _extent(lats, lons))
    ax.plot(lons, lats, "-", color="#555555", lw=0.6, zorder=3)
    sc = ax.scatter(lons, lats, c=(t - t.min()) / 3600.0, s=4, cmap="viridis", zorder=4)
    fig.colorbar(sc, ax=ax, label="hours since first position", shrink=0.7)
    ax.set_title(
        f"MMSI {mmsi}: {iso(int(t.min()))} → {iso(int(t.max()))}, {t.size} positions", fontsize=9
    )
    _save(fig, out)
