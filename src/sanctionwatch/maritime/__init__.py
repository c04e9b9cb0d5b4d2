"""Maritime evidence from AIS: ingest, track segments, event detectors, list links, maps.

The flow is ``ingest`` (NMEA/CSV → day-partitioned Parquet) → ``segments`` (per-MMSI
track cleaning) → ``detectors`` (pure functions, two tiers) → ``events`` (stored,
linked to the sanctions lists, ranked).
"""

from sanctionwatch.maritime.config import Thresholds
from sanctionwatch.maritime.events import Event, VesselRef

__all__ = ["Event", "Thresholds", "VesselRef"]
