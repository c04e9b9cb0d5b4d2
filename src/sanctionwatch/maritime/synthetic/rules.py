"""The published thresholds each tier fires on, applied to planted (noise-free) parameters.

Ground truth says, for every planted event and each tier, whether a detector
*should* fire. That answer comes from here, from the thresholds in
``research/maritime.md`` §7, never from a detector. Where §7 leaves a choice
open, the reading used is written next to the rule so a disagreement with a
detector can be argued on the text.

Tiers:

* ``gfw``: Global Fishing Watch's published definitions, exactly.
  Encounter: <= 500 m for >= 2 h, median speed < 2 kn, mean position >= 10 km
  from a port. Loitering: hourly mean implied speed < 2 kn for >= 2 h, mean
  position >= 20 nm from shore. Gap: Welch et al.'s "likely disabling", >= 12 h
  starting > 50 nm from shore (reception is good everywhere in the synthetic
  data). Port call: entry within 3 km, exit beyond 4 km, with a stop.
* ``dprk``: the DPRK tier. Encounter: same distance/duration/speed, no port
  filter inside the DPRK area of interest; plus one-sided transfers. Loitering:
  tankers and cargo ships >= 4 h anywhere in the area outside port radii (3 km).
  Gap: >= 6 h (>= 4 h for a DPRK-flagged ship, MID 445) whose off or on point is
  within 100 km of DPRK waters, or in which a DPRK port can be reached, visited
  for 6 h and left. Port call: observed (as gfw) or inferred from such a gap.
* ``report`` (gaps only): every gap >= 6 h, GFW's gap table, unfiltered.

"DPRK waters" is the project's polygon (``maritime.geo.dprk_waters``: the East
Sea EEZ plus a coarse West Sea polygon), the same geography the detectors read;
the rules applied to it are written here, independently of the detectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from sanctionwatch.maritime.synthetic.geo import KNOT_MS, METRES_PER_NM, haversine_m
from sanctionwatch.maritime.synthetic.vessels import CARGO, TANKER

Tier = Literal["gfw", "dprk"]
GapTier = Literal["gfw", "dprk", "report"]
TIERS: tuple[Tier, Tier] = ("gfw", "dprk")


@dataclass(frozen=True)
class Port:
    name: str
    lat: float
    lon: float
    country: str


# DOMAIN.md (GFW's WPI list).
DPRK_PORTS: tuple[Port, ...] = (
    Port("Nampo", 38.717, 125.400, "KP"),
    Port("Songnim", 38.733, 125.617, "KP"),
    Port("Haeju", 38.0, 125.7, "KP"),
    Port("Hungnam", 39.833, 127.617, "KP"),
    Port("Wonsan", 39.167, 127.45, "KP"),
    Port("Chongjin", 41.767, 129.817, "KP"),
    Port("Kimchaek", 40.667, 129.2, "KP"),
    Port("Chaho", 40.2, 128.65, "KP"),
    Port("Rajin", 42.233, 130.3, "KP"),
    Port("Sonbong", 42.333, 130.4, "KP"),
)
# Ports the background traffic sails between, at their World Port Index positions.
OTHER_PORTS: tuple[Port, ...] = (
    Port("Dalian", 38.91667, 121.66667, "CN"),
    Port("Longkou", 37.63333, 120.28333, "CN"),
    Port("Yantai", 37.55, 121.45, "CN"),
    Port("Qingdao", 36.03333, 120.26667, "CN"),
    Port("Rizhao", 35.38333, 119.56667, "CN"),
    Port("Lianyungang", 34.73333, 119.45, "CN"),
    Port("Zhoushan", 30.0, 122.1, "CN"),
    Port("Ningbo", 29.88333, 121.55, "CN"),
    Port("Tianjin", 38.96667, 117.83333, "CN"),
    Port("Dandong", 39.81667, 124.15, "CN"),
    Port("Incheon", 37.46667, 126.61667, "KR"),
    Port("Pyeongtaek", 37.0, 126.8, "KR"),
    Port("Busan", 35.1, 129.03333, "KR"),
    Port("Vladivostok", 43.10889, 131.88833, "RU"),
)
ALL_PORTS = DPRK_PORTS + OTHER_PORTS

# A coarse coastline: points on the shore (mainland and islands) around the Yellow
# Sea, Korea Bay, East China Sea and the Sea of Japan. Distance to the nearest point
# over-estimates the true distance to shore a little; planted sites keep wide
# margins from the 20 nm and 50 nm thresholds so the coarseness never decides.
_COAST = np.array(
    [
        (24.45, 118.1),
        (26.0, 119.6),
        (26.15, 119.95),
        (27.0, 120.7),
        (27.95, 121.0),
        (28.6, 121.6),
        (28.9, 122.2),
        (29.2, 121.95),
        (29.95, 122.4),
        (30.72, 122.82),
        (30.62, 122.07),
        (30.85, 121.85),
        (31.5, 121.9),
        (31.8, 121.9),
        (32.1, 121.6),
        (32.4, 121.4),
        (33.2, 120.8),
        (33.8, 120.5),
        (34.3, 120.3),
        (34.75, 119.45),
        (35.4, 119.55),
        (36.05, 120.4),
        (36.15, 120.7),
        (36.8, 121.5),
        (36.9, 122.45),
        (37.4, 122.7),
        (37.5, 122.15),
        (37.55, 121.4),
        (37.8, 120.75),
        (37.65, 120.3),
        (37.95, 120.7),
        (37.2, 119.9),
        (37.8, 119.2),
        (38.3, 117.9),
        (39.0, 117.75),
        (38.95, 118.5),
        (39.9, 119.6),
        (40.7, 120.95),
        (40.7, 122.2),
        (40.3, 122.1),
        (38.8, 121.25),
        (38.93, 121.65),
        (39.25, 122.6),
        (39.6, 122.95),
        (39.85, 124.35),
        (40.05, 124.4),
        (39.55, 124.85),
        (39.75, 124.7),
        (38.72, 125.2),
        (38.55, 124.85),
        (38.3, 125.1),
        (38.1, 124.75),
        (38.0, 125.7),
        (37.9, 125.35),
        (37.85, 126.0),
        (37.96, 124.66),
        (37.66, 125.7),
        (37.45, 126.6),
        (36.95, 126.6),
        (36.75, 126.15),
        (36.35, 126.5),
        (35.98, 126.6),
        (35.6, 126.45),
        (35.62, 126.3),
        (34.8, 126.4),
        (34.68, 125.43),
        (34.07, 125.1),
        (34.4, 126.1),
        (33.3, 126.15),
        (33.45, 126.95),
        (33.2, 126.5),
        (34.3, 126.75),
        (34.7, 127.75),
        (35.1, 129.05),
        (35.5, 129.4),
        (36.0, 129.55),
        (37.5, 129.15),
        (38.2, 128.6),
        (39.17, 127.45),
        (39.83, 127.62),
        (40.2, 128.65),
        (40.67, 129.2),
        (41.77, 129.82),
        (42.23, 130.3),
        (42.65, 130.8),
        (43.1, 131.9),
        (34.4, 129.3),
        (33.8, 129.7),
        (33.6, 130.4),
        (32.7, 128.7),
        (32.75, 129.85),
        (31.8, 129.8),
        (31.5, 130.2),
        (30.35, 130.5),
        (26.7, 128.2),
        (24.8, 125.3),
        (24.35, 124.15),
        (25.3, 121.5),
        (35.5, 133.0),
        (36.2, 133.3),
    ]
)


# Ports are on the shore too.
_SHORE = np.vstack([_COAST, np.array([(p.lat, p.lon) for p in ALL_PORTS])])


def shore_distance_nm(lat: float, lon: float) -> float:
    """Approximate distance to the nearest shore, nautical miles (see ``_COAST``)."""
    d = haversine_m(lat, lon, _SHORE[:, 0], _SHORE[:, 1])
    return float(d.min() / METRES_PER_NM)


def nearest_port(lat: float, lon: float, ports: tuple[Port, ...] = ALL_PORTS) -> tuple[Port, float]:
    """The nearest port and its distance in km."""
    lats = np.array([p.lat for p in ports])
    lons = np.array([p.lon for p in ports])
    d = haversine_m(lat, lon, lats, lons)
    i = int(np.argmin(d))
    return ports[i], float(d[i] / 1000.0)


@dataclass(frozen=True)
class Thresholds:
    """Research §7 values; both the generator and the harness read them from here."""

    resample_s: int = 600
    encounter_max_distance_m: float = 500.0
    encounter_min_duration_s: int = 2 * 3600
    encounter_max_speed_kn: float = 2.0
    encounter_merge_s: int = 4 * 3600
    encounter_gfw_min_port_km: float = 10.0
    loiter_max_speed_kn: float = 2.0
    loiter_gfw_min_duration_s: int = 2 * 3600
    loiter_gfw_min_shore_nm: float = 20.0
    loiter_dprk_min_duration_s: int = 4 * 3600
    loiter_dprk_port_km: float = 3.0
    gap_report_min_s: int = 6 * 3600
    gap_disabling_min_s: int = 12 * 3600
    gap_disabling_min_shore_nm: float = 50.0
    gap_dprk_min_s: int = 6 * 3600
    gap_dprk_linked_min_s: int = 4 * 3600
    gap_dprk_near_km: float = 100.0
    port_entry_km: float = 3.0
    port_exit_km: float = 4.0
    max_speed_kn: float = 25.0
    # Ours (§7.4 leaves dwell_min to calibration): shortest stay that makes a call.
    inferred_call_min_dwell_s: int = 6 * 3600


THRESHOLDS = Thresholds()


def encounter_fires(
    tier: Tier,
    *,
    distance_m: float,
    duration_s: float,
    speed_kn: float,
    port_km: float,
    th: Thresholds = THRESHOLDS,
) -> bool:
    """Whether a two-sided encounter with these planted values should fire."""
    core = (
        distance_m <= th.encounter_max_distance_m
        and duration_s >= th.encounter_min_duration_s
        and speed_kn < th.encounter_max_speed_kn
    )
    if tier == "gfw":
        return core and port_km >= th.encounter_gfw_min_port_km
    return core  # every planted site is inside the DPRK area of interest


def km_to_dprk_waters(lat: float, lon: float) -> float:
    """Distance from a point to DPRK waters in km (0 inside)."""
    from sanctionwatch.maritime.geo import km_to_dprk_waters as _km

    return float(_km(np.array([lat]), np.array([lon]))[0])


def near_dprk(lat: float, lon: float, th: Thresholds | None = None) -> bool:
    """Within ``gap_dprk_near_km`` (100 km) of DPRK waters."""
    return km_to_dprk_waters(lat, lon) <= (th or THRESHOLDS).gap_dprk_near_km


def likely_disabling(
    *, duration_s: float, off: tuple[float, float], th: Thresholds | None = None
) -> bool:
    """Welch et al.'s "likely disabling": >= 12 h, starting > 50 nm from shore."""
    th = th or THRESHOLDS
    return (
        duration_s >= th.gap_disabling_min_s
        and shore_distance_nm(*off) > th.gap_disabling_min_shore_nm
    )


def gap_fires(
    tier: GapTier,
    *,
    duration_s: float,
    off: tuple[float, float],
    on: tuple[float, float],
    dprk_flagged: bool,
    reachable_ports: list[Port],
    th: Thresholds | None = None,
) -> bool:
    """Whether a gap (off and on positions as lat, lon) should fire in ``tier``."""
    th = th or THRESHOLDS
    if tier == "report":
        return duration_s >= th.gap_report_min_s
    if tier == "gfw":
        return likely_disabling(duration_s=duration_s, off=off, th=th)
    floor = th.gap_dprk_linked_min_s if dprk_flagged else th.gap_dprk_min_s
    if duration_s < floor:
        return False
    return near_dprk(*off, th) or near_dprk(*on, th) or bool(reachable_ports)


def reachable_dprk_ports(
    *,
    off: tuple[float, float],
    on: tuple[float, float],
    duration_s: float,
    v_max_kn: float,
    th: Thresholds = THRESHOLDS,
) -> list[Port]:
    """DPRK ports a vessel could reach, stay ``inferred_call_min_dwell_s`` at, and leave in a gap."""
    v = min(v_max_kn, th.max_speed_kn) * KNOT_MS
    found = []
    for port in DPRK_PORTS:
        there = float(haversine_m(off[0], off[1], port.lat, port.lon))
        back = float(haversine_m(port.lat, port.lon, on[0], on[1]))
        if (there + back) / v + th.inferred_call_min_dwell_s <= duration_s:
            found.append(port)
    return found


def loitering_fires(
    tier: Tier,
    *,
    duration_s: float,
    lat: float,
    lon: float,
    ship_type: int,
    th: Thresholds = THRESHOLDS,
) -> bool:
    """Whether a run of slow hours (already < 2 kn each) should fire in ``tier``."""
    if tier == "gfw":
        return (
            duration_s >= th.loiter_gfw_min_duration_s
            and shore_distance_nm(lat, lon) >= th.loiter_gfw_min_shore_nm
        )
    tanker_or_cargo = ship_type // 10 * 10 in (TANKER, CARGO)
    return (
        tanker_or_cargo
        and duration_s >= th.loiter_dprk_min_duration_s
        and nearest_port(lat, lon)[1] > th.loiter_dprk_port_km
    )
