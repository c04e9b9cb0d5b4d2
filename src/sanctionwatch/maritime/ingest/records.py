"""Column layouts of the two tables ingest writes, and the counters it reports."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

POSITION_SCHEMA = pa.schema(
    [
        ("mmsi", pa.int64()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("sog", pa.float32()),
        ("cog", pa.float32()),
        ("heading", pa.float32()),
        ("nav_status", pa.int16()),
        ("msg_type", pa.int8()),
    ]
)

STATIC_SCHEMA = pa.schema(
    [
        ("mmsi", pa.int64()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("imo", pa.string()),
        ("name", pa.string()),
        ("callsign", pa.string()),
        ("ship_type", pa.int16()),
        ("length", pa.float32()),
        ("width", pa.float32()),
        ("draught", pa.float32()),
        ("destination", pa.string()),
    ]
)

# Danish Maritime Authority CSVs spell ship types and navigational status as text; map them to
# the AIS codes NMEA and NOAA files carry (ITU-R M.1371 table 53 first digit; status table).
DMA_SHIP_TYPES = {
    "fishing": 30,
    "towing": 31,
    "towing long/wide": 32,
    "dredging": 33,
    "diving": 34,
    "military": 35,
    "sailing": 36,
    "pleasure": 37,
    "hsc": 40,
    "pilot": 50,
    "sar": 51,
    "tug": 52,
    "port tender": 53,
    "anti-pollution": 54,
    "law enforcement": 55,
    "medical": 58,
    "passenger": 60,
    "cargo": 70,
    "tanker": 80,
    "other": 90,
}
DMA_NAV_STATUS = {
    "under way using engine": 0,
    "at anchor": 1,
    "not under command": 2,
    "restricted maneuverability": 3,
    "constrained by her draught": 4,
    "moored": 5,
    "aground": 6,
    "engaged in fishing": 7,
    "under way sailing": 8,
}


@dataclass
class DecodeCounts:
    """What a reader saw in one file; printed by ``ais ingest``."""

    lines: int = 0
    messages: int = 0
    positions: int = 0
    static: int = 0
    malformed: int = 0
    untimed: int = 0
    no_position: int = 0
    other_types: int = 0
    incomplete_multipart: int = 0
    malformed_examples: list[str] = field(default_factory=list)

    def bad(self, line_no: int, reason: str) -> None:
        self.malformed += 1
        if len(self.malformed_examples) < 5:
            self.malformed_examples.append(f"line {line_no}: {reason}")

    def as_dict(self) -> dict[str, object]:
        return {
            "lines": self.lines,
            "messages": self.messages,
            "positions": self.positions,
            "static": self.static,
            "malformed": self.malformed,
            "untimed": self.untimed,
            "no_position": self.no_position,
            "other_types": self.other_types,
            "incomplete_multipart": self.incomplete_multipart,
            "malformed_examples": list(self.malformed_examples),
        }
