"""DPRK waters: the coarse polygons we ship, and a user polygon from SANCTIONWATCH_DPRK_WATERS."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.geo import DPRK_PORTS, in_dprk_waters, km_to_dprk_waters
from sanctionwatch.maritime.waters import (
    DPRK_EAST_SEA,
    WATERS_ENV,
    builtin_waters,
    dprk_waters,
    load_waters_file,
)


def inside(lat: float, lon: float) -> bool:
    return bool(in_dprk_waters(np.array([lat]), np.array([lon]))[0])


@pytest.fixture
def eez_prk(shared_data: Path) -> Path:
    """The DPRK East Sea EEZ (Marine Regions via the GFW paper repo): a test fixture only."""
    return shared_data / "geo" / "eez_prk.json"


def test_builtin_polygon_is_coarse_and_covers_every_dprk_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(WATERS_ENV, raising=False)
    assert DPRK_EAST_SEA.is_valid and 12 <= len(DPRK_EAST_SEA.exterior.coords) - 1 <= 24
    assert all(inside(p.lat, p.lon) for p in DPRK_PORTS)
    assert inside(40.0, 131.5)  # open East Sea, on the Busan-Vladivostok route
    assert inside(38.5, 124.8)  # Korea Bay, off Nampo
    # Neighbours' coasts and waters stay out: Vladivostok, Posyet Bay, Sokcho (ROK), Ulleungdo,
    # the Oki Islands and Niigata (Japan), Dalian (China), Incheon (ROK).
    for lat, lon in [
        (43.1, 131.9),
        (42.65, 130.8),
        (38.2, 128.6),
        (37.5, 130.9),
        (36.2, 133.3),
        (37.9, 139.0),
        (38.9, 121.6),
        (37.45, 126.6),
    ]:
        assert not inside(lat, lon), (lat, lon)
    assert km_to_dprk_waters(np.array([43.1]), np.array([131.9]))[0] > 100


def test_setting_loads_a_detailed_polygon(monkeypatch: pytest.MonkeyPatch, eez_prk: Path) -> None:
    detailed = shape(json.loads(eez_prk.read_text())["features"][0]["geometry"])
    # A point the detailed EEZ covers and our coarse polygon does not, and the reverse.
    only_detailed = detailed.difference(DPRK_EAST_SEA).representative_point()
    only_coarse = DPRK_EAST_SEA.difference(detailed).representative_point()
    monkeypatch.delenv(WATERS_ENV, raising=False)
    assert dprk_waters().equals(builtin_waters())
    assert not inside(only_detailed.y, only_detailed.x)
    assert inside(only_coarse.y, only_coarse.x)

    monkeypatch.setenv(WATERS_ENV, str(eez_prk))
    assert inside(only_detailed.y, only_detailed.x)
    assert not inside(only_coarse.y, only_coarse.x)
    assert inside(38.5, 124.8)  # the file is East Sea only: our West Sea polygon is kept
    assert shapely.difference(dprk_waters(), detailed).area < builtin_waters().area / 2


def test_a_file_covering_the_west_sea_replaces_both(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "west.json"
    ring = [[124.5, 38.3], [125.3, 38.3], [125.3, 38.9], [124.5, 38.9], [124.5, 38.3]]
    path.write_text(json.dumps({"type": "Polygon", "coordinates": [ring]}))
    monkeypatch.setenv(WATERS_ENV, str(path))
    assert inside(38.5, 124.8)
    assert not inside(38.0, 124.2)  # in our West Sea polygon, not in the user's
    assert not inside(40.0, 131.5)  # nor our East Sea polygon


def _polygon(*ring: tuple[float, float]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[list(p) for p in ring]]})


SQUARE = ((129, 39), (131, 39), (131, 41), (129, 41), (129, 39))
BAD_FILES = {
    "not_json.json": ('{"type": "Polygon",\n  "coordinates": [[[1, 2]]', "line 2"),
    "point.json": ('{"type": "Point", "coordinates": [130.0, 40.0]}', "Point geometry"),
    "csv.json": ('{"rows": []}', "not GeoJSON"),
    "empty.json": ('{"type": "FeatureCollection", "features": []}', "no geometry"),
    "short_ring.json": (_polygon((130, 40), (131, 41)), "malformed"),
    "swapped.json": (_polygon((40, 130), (41, 130), (41, 131), (40, 130)), "outside longitude"),
    "elsewhere.json": (_polygon((10, 50), (11, 50), (11, 51), (10, 50)), "nowhere near"),
    "bowtie.json": (
        _polygon((129, 39), (131, 41), (131, 39), (129, 41), (129, 39)),
        "invalid: Self-intersection",
    ),
    "projected.json": (
        json.dumps(
            {
                "type": "Feature",
                "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
                "geometry": json.loads(_polygon(*SQUARE)),
            }
        ),
        "CRS other than WGS84",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    text, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_text(text)
    monkeypatch.setenv(WATERS_ENV, str(path))
    with pytest.raises(InputError) as info:
        dprk_waters()
    message = str(info.value)
    assert str(path) in message and expected in message and WATERS_ENV in message
    assert "what to do" in message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read") as info:
        load_waters_file(tmp_path / "nope.geojson")
    assert "nope.geojson" in str(info.value) and "unset" in str(info.value)
