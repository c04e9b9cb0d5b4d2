"""Every detector threshold in one place.

Values marked GFW are Global Fishing Watch's published values (research/maritime.md §1,
with the repository each came from); values marked "ours" are sanctionwatch starting
points from research §7, calibrated on the synthetic scenarios. Change them with
``dataclasses.replace(DEFAULT, ...)``; detectors never read module constants.
"""

from __future__ import annotations

from dataclasses import dataclass

KNOT_KMH = 1.852
NM_KM = 1.852

TIERS = ("gfw", "dprk")
ALL_TIERS = ("gfw", "dprk", "report")  # report: every gap >= 6 h, unfiltered


@dataclass(frozen=True)
class Thresholds:
    """Thresholds for segmentation and every detector, both tiers."""

    # --- segmentation (gpsdio-segment v3.0.0 defaults) -----------------------------------
    segment_max_knots: float = 25.0  # GFW: implied speed above this splits a track
    segment_max_gap_hours: float = 24.0  # GFW: a gap longer than this splits a track
    noise_speeds_knots: tuple[float, ...] = (51.2, 63.0, 102.3)  # GFW: reported SOG = noise
    segment_overlap_min_positions: int = 3  # ours: both overlapping segments need this many

    # --- encounters / STS (pipe-encounters) ------------------------------------------------
    resample_minutes: int = 10  # GFW RESAMPLE_INCREMENT_MINUTES
    resample_max_gap_hours: float = 1.0  # GFW MAX_GAP_HOURS: no interpolation across longer gaps
    encounter_max_distance_km: float = 0.5  # GFW --max_encounter_dist_km
    encounter_raw_min_minutes: float = 60.0  # GFW README raw example: a run must last this long
    encounter_merge_gap_hours: float = 4.0  # GFW min_hours_between_encounters: merge closer runs
    encounter_min_hours: float = 2.0  # GFW --min_encounter_time_minutes 120
    encounter_max_median_knots: float = 2.0  # GFW published: median implied speed below this
    encounter_min_port_distance_km: float = 10.0  # GFW filter_by_distance (gfw tier only)
    encounter_strict_sog_knots: float = 1.0  # Ballinger 2024: strict sub-flag, both vessels
    # one-sided ("dark") STS, dprk tier: A loiters while B is dark nearby (ours)
    dark_sts_max_distance_km: float = 30.0  # B's off/on positions at most this far from A
    dark_sts_min_overlap_hours: float = 2.0  # A's loitering overlaps B's gap at least this long
    # (the one-sided check uses the same port/land filter as the dprk tier's encounters)

    # --- AIS gaps (pipe-gaps; Welch et al. 2022) ---------------------------------------------
    gap_report_hours: float = 6.0  # GFW product table: every gap at least this long
    gap_disabling_hours: float = 12.0  # Welch: "likely disabling" minimum
    gap_disabling_shore_nm: float = 50.0  # Welch: start farther than this from shore
    gap_disabling_reception: float = 10.0  # Welch: positions/vessel-day in the start 1° cell
    gap_disabling_prior_positions: int = 14  # Welch: positions in the 12 h before (all receivers)
    gap_dprk_hours: float = 4.0  # research §7.2: near DPRK waters or DPRK-linked vessel
    gap_dprk_near_km: float = 100.0  # ours: "near DPRK waters" = off/on point this close

    # --- inferred port call (research §7.4, ours) --------------------------------------------
    inferred_port_dwell_hours: float = 2.0  # ours (§7.4 leaves it to calibration)
    inferred_port_max_km: float = 400.0  # ours: off and on points at most this far from the port
    inferred_port_min_knots: float = 8.0  # ours: floor of the vessel's assumed speed
    inferred_port_max_knots: float = 25.0  # segmenter ceiling

    # --- loitering (pipe-loitering) ------------------------------------------------------------
    loiter_max_knots: float = 2.0  # GFW slow_threshold: hourly mean implied speed below this
    loiter_min_hours: float = 2.0  # GFW raw table minimum
    loiter_transship_hours: float = 4.0  # GFW product (RFMO reports): at least this long ...
    loiter_transship_shore_nm: float = 20.0  # ... and this far from shore
    loiter_dprk_min_hours: float = 4.0  # research §7.3 (ours): dprk tier minimum
    loiter_dprk_port_km: float = 3.0  # dprk tier: not within this distance of a port

    # --- port calls (pipe-anchorages) --------------------------------------------------------
    port_entry_km: float = 3.0  # GFW: entry within 3 km of an anchorage/port
    port_exit_km: float = 4.0  # GFW: exit beyond 4 km (hysteresis)
    port_stop_knots: float = 0.2  # GFW: stop begins below 0.2 kn
    port_gap_hours: float = 4.0  # GFW: AIS gap in port longer than 4 h
    port_min_confidence_gfw: int = 2  # GFW products use confidence >= 2
    port_min_confidence_dprk: int = 1  # dprk tier keeps entry/exit-only visits

    # --- identity --------------------------------------------------------------------------------
    swap_max_hours: float = 12.0  # ours: B appears at most this long after A goes dark
    swap_dark_hours: float = 6.0  # ours: A silent at least this long after its last position
    swap_max_knots: float = 25.0  # B's first position reachable from A's last at this speed
    swap_dimension_tolerance_m: float = 1.0  # ours: length and width agree within this
    swap_max_km: float = 30.0  # ours: "appears nearby"
    swap_min_length_m: float = 40.0  # ours: merchant ships, not small craft of standard sizes
    imo_placeholder_mmsis: int = 4  # ours: an IMO on more MMSIs than this is a placeholder

    # --- continuity: chunked runs load this much extra on each side of a day --------------
    carry_over_hours: float = 36.0


DEFAULT = Thresholds()
