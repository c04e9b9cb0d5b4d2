"""AIS ingest: NMEA and CSV readers, and the day-partitioned Parquet store."""

from sanctionwatch.maritime.ingest.store import AisStore, IngestReport

__all__ = ["AisStore", "IngestReport"]
