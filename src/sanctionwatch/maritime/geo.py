"""Geography the detectors need: distances, land, shore, ports and DPRK waters.

Everything here reads small files shipped in ``sanctionwatch/data/geo`` (provenance in
``SOURCES.md`` there) and is vectorised over numpy arrays.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray
from scipy.spatial import cKDTree  # type: ignore[import-untyped]
from shapely.geometry import Polygon, shape

EARTH_KM = 6371.0088
FloatArray = NDArray[np.float64]


def geo_path(name: str) -> Path:
    """Path of a file shipped in ``sanctionwatch/data/geo``."""
    return Path(str(resources.files("sanctionwatch") / "data" / "geo" / name))


def haversine_km(
    lat1: FloatArray | float,
    lon1: FloatArray | float,
    lat2: FloatArray | float,
    lon2: FloatArray | float,
) -> FloatArray:
    """Great-circle distance in km, element-wise."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Points on the unit sphere, for chord-distance KD-tree searches."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def chord_to_km(chord: FloatArray) -> FloatArray:
    return np.asarray(2 * EARTH_KM * np.arcsin(np.clip(chord / 2, 0.0, 1.0)), dtype=np.float64)


@dataclass(frozen=True)
class LandMask:
    """A boolean land raster (row 0 at ``north``, column 0 at ``west``)."""

    land: NDArray[np.bool_]
    north: float
    west: float
    cells_per_degree: int

    @classmethod
    def load(cls, name: str) -> LandMask:
        data = np.load(geo_path(name))
        shape_ = tuple(int(v) for v in data["shape"])
        bits = np.unpackbits(data["bits"])[: shape_[0] * shape_[1]].reshape(shape_).astype(bool)
        return cls(bits, float(data["north"]), float(data["west"]), int(data["cells_per_degree"]))

    @property
    def south(self) -> float:
        return float(self.north - self.land.shape[0] / self.cells_per_degree)

    @property
    def east(self) -> float:
        return float(self.west + self.land.shape[1] / self.cells_per_degree)

    def covers(self, west: float, south: float, east: float, north: float) -> bool:
        return (
            west >= self.west and east <= self.east and south >= self.south and north <= self.north
        )

    def is_land(self, lat: FloatArray, lon: FloatArray) -> NDArray[np.bool_]:
        rows = ((self.north - np.asarray(lat)) * self.cells_per_degree).astype(np.int64)
        cols = ((np.asarray(lon) - self.west) * self.cells_per_degree).astype(np.int64)
        inside = (
            (rows >= 0) & (rows < self.land.shape[0]) & (cols >= 0) & (cols < self.land.shape[1])
        )
        out = np.zeros(rows.shape, dtype=bool)
        out[inside] = self.land[rows[inside], cols[inside]]
        return out

    def window(
        self, west: float, south: float, east: float, north: float
    ) -> tuple[NDArray[np.bool_], tuple[float, float, float, float]]:
        """The sub-raster covering a box, with its exact (west, east, south, north) extent."""
        r0 = max(0, int((self.north - north) * self.cells_per_degree))
        r1 = min(self.land.shape[0], int(np.ceil((self.north - south) * self.cells_per_degree)))
        c0 = max(0, int((west - self.west) * self.cells_per_degree))
        c1 = min(self.land.shape[1], int(np.ceil((east - self.west) * self.cells_per_degree)))
        extent = (
            self.west + c0 / self.cells_per_degree,
            self.west + c1 / self.cells_per_degree,
            self.north - r1 / self.cells_per_degree,
            self.north - r0 / self.cells_per_degree,
        )
        return self.land[r0:r1, c0:c1], extent


@lru_cache(maxsize=1)
def east_asia_mask() -> LandMask:
    return LandMask.load("land_east_asia_1min.npz")


@lru_cache(maxsize=1)
def global_mask() -> LandMask:
    return LandMask.load("land_global_3min.npz")


def is_land(lat: FloatArray, lon: FloatArray) -> NDArray[np.bool_]:
    """Land test: 1-arc-minute raster in East Asia, 3-arc-minute elsewhere."""
    lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    ea = east_asia_mask()
    in_ea = (lat < ea.north) & (lat > ea.south) & (lon > ea.west) & (lon < ea.east)
    out = global_mask().is_land(lat, lon)
    out[in_ea] = ea.is_land(lat[in_ea], lon[in_ea])
    return out


@lru_cache(maxsize=1)
def _coast_tree() -> cKDTree:
    data = np.load(geo_path("coast_points.npz"))
    return cKDTree(unit_vectors(data["lat"].astype(np.float64), data["lon"].astype(np.float64)))


def distance_from_shore_km(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Distance to the nearest coast cell (0 on land); accurate to about one raster cell."""
    lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    if lat.size == 0:
        return np.zeros(0)
    chord, _ = _coast_tree().query(unit_vectors(lat, lon))
    km = chord_to_km(np.asarray(chord))
    km[is_land(lat, lon)] = 0.0
    return km


@dataclass(frozen=True)
class Port:
    name: str
    country: str
    locode: str
    lat: float
    lon: float


# DOMAIN.md / GFW WPI_ports.csv (research §1.4): the ten DPRK ports.
DPRK_PORTS: tuple[Port, ...] = (
    Port("Nampo", "kp", "KPNAM", 38.717, 125.400),
    Port("Songnim/Kyomip'o", "kp", "KPSGN", 38.733, 125.617),
    Port("Haeju", "kp", "KPHAE", 38.0, 125.7),
    Port("Hungnam", "kp", "KPHGM", 39.833, 127.617),
    Port("Wonsan", "kp", "KPWON", 39.167, 127.45),
    Port("Chongjin", "kp", "KPCHO", 41.767, 129.817),
    Port("Kimchaek", "kp", "KPSON", 40.667, 129.2),
    Port("Chaho", "kp", "", 40.2, 128.65),
    Port("Rajin", "kp", "KPRJN", 42.233, 130.3),
    Port("Sonbong", "kp", "", 42.333, 130.4),
)


@dataclass(frozen=True)
class PortIndex:
    """Nearest-port look-ups over a fixed list of ports."""

    ports: tuple[Port, ...]
    tree: cKDTree

    @classmethod
    def of(cls, ports: tuple[Port, ...]) -> PortIndex:
        lat = np.array([p.lat for p in ports], dtype=np.float64)
        lon = np.array([p.lon for p in ports], dtype=np.float64)
        return cls(ports, cKDTree(unit_vectors(lat, lon)))

    def nearest(self, lat: FloatArray, lon: FloatArray) -> tuple[FloatArray, NDArray[np.int64]]:
        """(distance km, index into ``ports``) of the nearest port for each point."""
        lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
        if lat.size == 0:
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        chord, idx = self.tree.query(unit_vectors(lat, lon))
        return chord_to_km(np.asarray(chord)), np.asarray(idx, dtype=np.int64)


@lru_cache(maxsize=1)
def world_ports() -> PortIndex:
    """NGA World Port Index ports plus the DPRK list (deduplicated by position)."""
    ports: list[Port] = list(DPRK_PORTS)
    with open(geo_path("ports.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ports.append(
                Port(
                    row["name"], row["country"], row["locode"], float(row["lat"]), float(row["lon"])
                )
            )
    return PortIndex.of(tuple(ports))


@lru_cache(maxsize=1)
def dprk_ports() -> PortIndex:
    return PortIndex.of(DPRK_PORTS)


# West Sea side of DPRK waters: no published polygon is shipped, so this is a coarse box we
# drew ourselves (ours): Korea Bay east of the disputed China-DPRK median line (~123.9°E)
# and north of the Northern Limit Line (~37.7°N), including DPRK land.
_DPRK_WEST_SEA = Polygon(
    [
        (124.15, 39.95),
        (123.85, 39.2),
        (123.9, 38.1),
        (124.6, 37.75),
        (125.7, 37.7),
        (126.15, 37.75),
        (126.7, 37.95),
        (126.7, 40.3),
        (124.4, 40.3),
    ]
)
# Named areas for the dprk tier's context and its port-filter waiver (ours, coarse boxes).
AOI_BOXES: dict[str, tuple[float, float, float, float]] = {
    "korea_bay_yellow_sea": (117.5, 33.0, 127.0, 41.0),
    "east_china_sea": (117.0, 23.0, 131.0, 33.0),
    "east_sea_dprk": (127.0, 38.0, 133.5, 43.0),
}


@lru_cache(maxsize=1)
def dprk_waters() -> shapely.Geometry:
    """DPRK waters: the East Sea EEZ (Marine Regions) plus our coarse West Sea polygon."""
    feature = json.loads(geo_path("eez_prk_simplified.json").read_text(encoding="utf-8"))
    geom = shapely.union(shape(feature["geometry"]), _DPRK_WEST_SEA)
    shapely.prepare(geom)
    return geom


def in_dprk_waters(lat: FloatArray, lon: FloatArray) -> NDArray[np.bool_]:
    return np.asarray(
        shapely.contains_xy(dprk_waters(), np.asarray(lon), np.asarray(lat)), dtype=bool
    )


def km_to_dprk_waters(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Approximate distance to DPRK waters (0 inside), using a local equirectangular scale."""
    lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    if lat.size == 0:
        return np.zeros(0)
    scale = np.cos(np.radians(np.clip(lat, -80, 80)))
    geom = dprk_waters()
    # distance in degrees measured in a frame squashed in longitude around each point's latitude
    nearest = shapely.shortest_line(shapely.points(lon, lat), geom)
    coords = shapely.get_coordinates(nearest).reshape(-1, 2, 2)
    dx = (coords[:, 1, 0] - coords[:, 0, 0]) * scale
    dy = coords[:, 1, 1] - coords[:, 0, 1]
    return np.asarray(np.hypot(dx, dy) * 111.195, dtype=np.float64)


def aoi_name(lat: float, lon: float) -> str | None:
    """The named DPRK-tier area a point lies in, if any."""
    if bool(in_dprk_waters(np.array([lat]), np.array([lon]))[0]):
        return "dprk_waters"
    for name, (w, s, e, n) in AOI_BOXES.items():
        if w <= lon <= e and s <= lat <= n:
            return name
    return None


@lru_cache(maxsize=1)
def mid_countries() -> dict[str, str]:
    """ITU Maritime Identification Digits → ISO 3166 alpha-2 (lower case)."""
    with open(geo_path("mid.csv"), encoding="utf-8", newline="") as fh:
        return {row["mid"]: row["country"] for row in csv.DictReader(fh)}


def mmsi_flag(mmsi: int) -> str | None:
    """Flag (ISO alpha-2) implied by a ship station MMSI's MID, or None if unallocated."""
    text = f"{mmsi:09d}"
    if len(text) != 9 or text[0] not in "234567":
        return None
    return mid_countries().get(text[:3])
