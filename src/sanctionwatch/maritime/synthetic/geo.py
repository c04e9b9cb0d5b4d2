"""Spherical geometry for planting tracks: distances, bearings, great-circle steps.

Every function takes and returns numpy arrays (scalars broadcast), so whole
tracks are computed at once. Degrees in, degrees out; metres for distances.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
ArrayLike = float | FloatArray

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_NM = 1852.0
KNOT_MS = METRES_PER_NM / 3600.0


def haversine_m(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray:
    """Great-circle distance in metres."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def bearing_deg(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray:
    """Initial great-circle bearing from point 1 to point 2, in [0, 360)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return np.asarray(np.degrees(np.arctan2(y, x)) % 360.0)


def destination(
    lat: ArrayLike, lon: ArrayLike, bearing: ArrayLike, distance_m: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """The point reached by travelling ``distance_m`` from (lat, lon) on ``bearing``."""
    p1, l1 = np.radians(lat), np.radians(lon)
    theta = np.radians(bearing)
    delta = np.asarray(distance_m) / EARTH_RADIUS_M
    p2 = np.arcsin(np.sin(p1) * np.cos(delta) + np.cos(p1) * np.sin(delta) * np.cos(theta))
    l2 = l1 + np.arctan2(
        np.sin(theta) * np.sin(delta) * np.cos(p1), np.cos(delta) - np.sin(p1) * np.sin(p2)
    )
    lon2 = (np.degrees(l2) + 540.0) % 360.0 - 180.0
    return np.asarray(np.degrees(p2)), np.asarray(lon2)


def interpolate(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike, fraction: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Points a ``fraction`` of the way along the great circle from 1 to 2."""
    p1, l1, p2, l2 = (np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2))
    f = np.asarray(fraction, dtype=np.float64)
    d = haversine_m(lat1, lon1, lat2, lon2) / EARTH_RADIUS_M
    sin_d = np.sin(d)
    tiny = sin_d < 1e-12
    safe = np.where(tiny, 1.0, sin_d)
    a = np.where(tiny, 1.0 - f, np.sin((1.0 - f) * d) / safe)
    b = np.where(tiny, f, np.sin(f * d) / safe)
    x = a * np.cos(p1) * np.cos(l1) + b * np.cos(p2) * np.cos(l2)
    y = a * np.cos(p1) * np.sin(l1) + b * np.cos(p2) * np.sin(l2)
    z = a * np.sin(p1) + b * np.sin(p2)
    lat = np.degrees(np.arctan2(z, np.hypot(x, y)))
    lon = np.degrees(np.arctan2(y, x))
    return np.asarray(lat), np.asarray(lon)


def offset_m(
    lat: ArrayLike, lon: ArrayLike, north_m: ArrayLike, east_m: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Shift points by small north/east offsets in metres (jitter, side-by-side berths)."""
    dlat = np.degrees(np.asarray(north_m) / EARTH_RADIUS_M)
    dlon = np.degrees(np.asarray(east_m) / (EARTH_RADIUS_M * np.cos(np.radians(lat))))
    return np.asarray(np.asarray(lat) + dlat), np.asarray(np.asarray(lon) + dlon)
