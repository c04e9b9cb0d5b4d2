"""Maritime evidence: AIS ingest, track cleaning, detectors, events, and their evaluation."""
