"""DPRK waters: coarse polygons we drew, or a detailed GeoJSON polygon the user supplies.

The package ships no published boundary. Both built-in polygons are ours, drawn by hand from
general geography: approximate, a few km to tens of km off any real line, and not a legal
boundary (provenance in ``data/geo/SOURCES.md``). Set ``SANCTIONWATCH_DPRK_WATERS`` to a
GeoJSON file (for example Marine Regions' DPRK EEZ) to use a detailed polygon instead.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Polygon, shape

from sanctionwatch.errors import InputError

WATERS_ENV = "SANCTIONWATCH_DPRK_WATERS"

# East Sea (Sea of Japan) side, ours: the DPRK-claimed EEZ, coarsely. It runs a little inland
# along the DPRK coast (so every East Sea port is inside), out from the DPRK/ROK land boundary
# at the coast roughly along 38.6°N, then north-east to ~133.3°E, and back to the Tumen mouth
# along the DPRK/Russia line (straight, south-east from the Tumen mouth). It stays well clear of
# Japanese and Russian coasts.
DPRK_EAST_SEA = Polygon(
    [
        (128.36, 38.61),  # DPRK/ROK land boundary at the coast
        (129.60, 38.62),
        (130.80, 38.66),
        (131.90, 38.80),
        (132.70, 39.20),
        (133.30, 39.85),  # furthest east, facing Japan's EEZ; then straight to the Tumen mouth
        (130.70, 42.29),  # Tumen mouth: DPRK/Russia land boundary
        (130.45, 42.50),  # then inland along the coast, southward
        (130.15, 42.35),
        (129.65, 41.90),
        (129.50, 41.55),
        (129.00, 40.80),
        (128.50, 40.35),
        (128.00, 40.15),
        (127.35, 39.90),
        (127.25, 39.20),
        (127.75, 38.95),
        (128.10, 38.70),
    ]
)
# West Sea (Yellow Sea / Korea Bay) side, ours: Korea Bay east of the disputed China-DPRK median
# line (~123.9°E) and north of the Northern Limit Line (~37.7°N), including DPRK land.
DPRK_WEST_SEA = Polygon(
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
_GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
)
# A user polygon must reach into this box, or its coordinates are probably [lat, lon] or projected.
_REGION = shapely.box(123.0, 37.0, 134.0, 43.5)
_HINT = (
    "give a GeoJSON Polygon or MultiPolygon (bare, a Feature or a FeatureCollection) in WGS84 "
    f"[longitude, latitude] covering DPRK waters, or unset {WATERS_ENV} to use the built-in "
    "coarse polygon"
)


def builtin_waters() -> shapely.Geometry:
    """The shipped coarse DPRK waters: our East Sea and West Sea polygons."""
    return shapely.union(DPRK_EAST_SEA, DPRK_WEST_SEA)


def dprk_waters() -> shapely.Geometry:
    """DPRK waters as a prepared geometry (lon, lat): the user's file if set, else ours.

    A user polygon replaces our East Sea polygon; our West Sea polygon is kept unless the
    file covers part of it too (published EEZ polygons cover only the East Sea).
    """
    value = os.environ.get(WATERS_ENV, "").strip()
    return _cached(value or None)


@lru_cache(maxsize=4)
def _cached(path: str | None) -> shapely.Geometry:
    if path is None:
        geom = builtin_waters()
    else:
        user = load_waters_file(Path(path).expanduser())
        geom = user if user.intersects(DPRK_WEST_SEA) else shapely.union(user, DPRK_WEST_SEA)
    shapely.prepare(geom)
    return geom


def load_waters_file(path: Path) -> shapely.Geometry:
    """Read a GeoJSON polygon of DPRK waters; anything unusable raises ``InputError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {WATERS_ENV} file: {exc}", path=path, hint=_HINT) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{WATERS_ENV} file is not JSON: {exc.msg}", path=path, line=exc.lineno, hint=_HINT
        ) from exc
    geometries = _geometries(doc, path)
    if not geometries:
        raise InputError(f"{WATERS_ENV} file has no geometry", path=path, hint=_HINT)
    parts = []
    for n, geometry in enumerate(geometries, start=1):
        record = f"geometry {n}"
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in ("Polygon", "MultiPolygon"):
            raise InputError(
                f"{WATERS_ENV} file holds a {kind or 'malformed'} geometry, not a polygon",
                path=path,
                record=record,
                hint=_HINT,
            )
        try:
            geom = shape(geometry)
        except (ValueError, TypeError, KeyError, IndexError, shapely.errors.ShapelyError) as exc:
            raise InputError(
                f"{WATERS_ENV} file has malformed polygon coordinates: {exc}",
                path=path,
                record=record,
                hint=_HINT,
            ) from exc
        _check(geom, path, record)
        parts.append(geom)
    geom = shapely.union_all(parts)
    if not geom.intersects(_REGION):
        raise InputError(
            f"{WATERS_ENV} polygon lies nowhere near the Korean peninsula "
            f"(bounds {tuple(round(b, 2) for b in geom.bounds)}); are the coordinates "
            "[latitude, longitude] or projected?",
            path=path,
            hint=_HINT,
        )
    return geom


def _geometries(doc: Any, path: Path) -> list[Any]:
    """The geometry objects of a bare geometry, a Feature or a FeatureCollection."""
    kind = doc.get("type") if isinstance(doc, dict) else None
    crs = doc.get("crs") if isinstance(doc, dict) else None
    if crs is not None and not any(code in json.dumps(crs) for code in ("CRS84", "4326")):
        raise InputError(
            f"{WATERS_ENV} file declares a CRS other than WGS84: {json.dumps(crs)}",
            path=path,
            hint=_HINT,
        )
    if kind == "FeatureCollection" and isinstance(doc.get("features"), list):
        return [f.get("geometry") if isinstance(f, dict) else None for f in doc["features"]]
    if kind == "Feature":
        return [doc.get("geometry")]
    if kind == "GeometryCollection":
        return list(doc.get("geometries") or [])
    if kind in _GEOMETRY_TYPES:
        return [doc]  # a bare geometry; non-polygons are refused by the caller
    raise InputError(
        f"{WATERS_ENV} file is not GeoJSON (top-level type {kind!r})", path=path, hint=_HINT
    )


def _check(geom: shapely.Geometry, path: Path, record: str) -> None:
    """Refuse empty, out-of-range and self-intersecting polygons."""
    if geom.is_empty:
        raise InputError(f"{WATERS_ENV} polygon is empty", path=path, record=record, hint=_HINT)
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise InputError(
            f"{WATERS_ENV} polygon has coordinates outside longitude/latitude range "
            f"(bounds {minx:.2f}, {miny:.2f}, {maxx:.2f}, {maxy:.2f})",
            path=path,
            record=record,
            hint=_HINT,
        )
    if not geom.is_valid:
        raise InputError(
            f"{WATERS_ENV} polygon is invalid: {shapely.is_valid_reason(geom)}",
            path=path,
            record=record,
            hint="repair it first (for example shapely.make_valid or QGIS 'Fix geometries'); "
            + _HINT,
        )
