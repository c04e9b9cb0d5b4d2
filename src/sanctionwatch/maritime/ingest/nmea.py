"""NMEA 0183 ``!AIVDM``/``!AIVDO`` files decoded with pyais.

Timestamps come from an IEC 62320 tag block (``\\s:station,c:<unix>*hh\\``) before the
sentence, or from receiver metadata after the checksum (the first 10-digit Unix time),
as in the receiver logs AISHub-style feeds write. Multi-part messages are reassembled
by (sequence id, channel). Malformed lines are counted and skipped; a file with no AIS
sentence at all is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from pyais.exceptions import AISBaseException
from pyais.messages import NMEAMessage

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.ingest.records import POSITION_SCHEMA, STATIC_SCHEMA, DecodeCounts
from sanctionwatch.maritime.ingest.sniff import open_text_lines

_SENTENCE = re.compile(rb"![A-Z]{2}VD[MO],")
_TAG_BLOCK = re.compile(rb"^\\([^\\]*)\\")
_UNIX = re.compile(rb"(?<![\d.])(1\d{9})(?![\d.])")
POSITION_TYPES = {1, 2, 3, 18, 19, 27}
# What pyais raises on broken sentences and payloads (its own errors, plus bit-level ones).
DECODE_ERRORS = (AISBaseException, ValueError, IndexError, KeyError, TypeError)
STATIC_TYPES = {5, 19, 24}


@dataclass
class DecodedFile:
    positions: pa.Table
    static: pa.Table
    counts: DecodeCounts


@dataclass
class _Columns:
    pos: dict[str, list[Any]] = field(
        default_factory=lambda: {name: [] for name in POSITION_SCHEMA.names}
    )
    sta: dict[str, list[Any]] = field(
        default_factory=lambda: {name: [] for name in STATIC_SCHEMA.names}
    )


def _timestamp(prefix: bytes, suffix: bytes) -> int | None:
    tag = _TAG_BLOCK.match(prefix)
    if tag:
        for part in tag.group(1).split(b"*")[0].split(b","):
            if part.startswith(b"c:"):
                value = int(part[2:])
                return value // 1000 if value > 10**11 else value
    for blob in (suffix, prefix):
        found = _UNIX.search(blob)
        if found:
            return int(found.group(1))
    return None


def _split_line(raw: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(prefix, sentence, receiver suffix) or None when the line holds no sentence."""
    found = _SENTENCE.search(raw)
    if not found:
        return None
    start = found.start()
    star = raw.find(b"*", start)
    if star < 0 or star + 3 > len(raw):
        return raw[:start], raw[start:], b""
    return raw[:start], raw[start : star + 3], raw[star + 3 :]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).replace("@", " ").strip()
    return text or None


class _Fields:
    """``dict.get``-style access to a decoded pyais message's attributes."""

    __slots__ = ("msg",)

    def __init__(self, msg: Any) -> None:
        self.msg = msg

    def get(self, name: str) -> Any:
        return getattr(self.msg, name, None)


def _add(cols: _Columns, counts: DecodeCounts, msg: Any, ts: int) -> None:
    data = _Fields(msg)  # attribute access; pyais' asdict() copies every field
    mtype = int(msg.msg_type)
    mmsi = int(msg.mmsi)
    if mtype in POSITION_TYPES:
        lat, lon = data.get("lat"), data.get("lon")
        if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
            counts.no_position += 1
        else:
            p = cols.pos
            p["mmsi"].append(mmsi)
            p["ts"].append(ts * 1_000_000)
            p["lat"].append(float(lat))
            p["lon"].append(float(lon))
            speed = data.get("speed")
            p["sog"].append(None if speed is None else float(speed))
            course = data.get("course")
            p["cog"].append(None if course is None or course >= 360 else course)
            heading = data.get("heading")
            p["heading"].append(None if heading is None or heading >= 360 else heading)
            status = data.get("status")
            p["nav_status"].append(None if status is None else int(status))
            p["msg_type"].append(mtype)
            counts.positions += 1
    if mtype in STATIC_TYPES:
        s = cols.sta
        part = data.get("partno")
        bow, stern = data.get("to_bow"), data.get("to_stern")
        port, star = data.get("to_port"), data.get("to_starboard")
        imo = data.get("imo")
        ship_type = data.get("ship_type")
        s["mmsi"].append(mmsi)
        s["ts"].append(ts * 1_000_000)
        s["imo"].append(str(imo) if imo else None)
        s["name"].append(_text(data.get("shipname")) if part in (None, 0) else None)
        s["callsign"].append(_text(data.get("callsign")))
        s["ship_type"].append(int(ship_type) if ship_type else None)
        length = (bow or 0) + (stern or 0)
        width = (port or 0) + (star or 0)
        s["length"].append(float(length) if length else None)
        s["width"].append(float(width) if width else None)
        draught = data.get("draught")
        s["draught"].append(float(draught) if draught else None)
        s["destination"].append(_text(data.get("destination")))
        counts.static += 1
    if mtype not in POSITION_TYPES and mtype not in STATIC_TYPES:
        counts.other_types += 1


def _looks_binary(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(65536)
    if path.suffix == ".gz":
        return False
    if b"\x00" in head:
        return True
    printable = sum(1 for b in head if 32 <= b < 127 or b in (9, 10, 13))
    return bool(head) and printable / len(head) < 0.9


def decode_nmea(path: Path) -> DecodedFile:
    """Decode one NMEA file into position and static tables (nothing is written)."""
    if _looks_binary(path):
        raise InputError(
            "this is not a text NMEA file (binary bytes found)",
            path=path,
            line=1,
            hint="pass a file of !AIVDM/!AIVDO sentences, or use --format csv for CSV exports",
        )
    counts = DecodeCounts()
    cols = _Columns()
    pending: dict[tuple[Any, ...], tuple[list[NMEAMessage], int | None, int]] = {}
    sentences = 0
    for line_no, raw in _lines(path):
        counts.lines += 1
        stripped = raw.strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        parts = _split_line(stripped)
        if parts is None:
            counts.bad(line_no, "no !AIVDM/!AIVDO sentence")
            continue
        prefix, sentence, suffix = parts
        sentences += 1
        try:
            nmea = NMEAMessage(sentence)
        except DECODE_ERRORS as exc:
            counts.bad(line_no, f"unparsable sentence ({type(exc).__name__})")
            continue
        if not nmea.is_valid:
            counts.bad(line_no, "checksum mismatch")
            continue
        ts = _timestamp(prefix, suffix)
        if nmea.frag_cnt > 1:
            key = (nmea.seq_id, nmea.channel, nmea.frag_cnt)
            if nmea.frag_num == 1:
                if key in pending:
                    counts.incomplete_multipart += 1
                pending[key] = ([nmea], ts, line_no)
                continue
            if key not in pending or len(pending[key][0]) != nmea.frag_num - 1:
                counts.incomplete_multipart += 1
                pending.pop(key, None)
                continue
            frags, first_ts, first_line = pending[key]
            frags.append(nmea)
            if len(frags) < nmea.frag_cnt:
                continue
            del pending[key]
            ts = first_ts if first_ts is not None else ts
            try:
                nmea = NMEAMessage.assemble_from_iterable(frags)
            except DECODE_ERRORS as exc:
                counts.bad(
                    first_line, f"multi-part message cannot be joined ({type(exc).__name__})"
                )
                continue
        try:
            decoded = nmea.decode()
        except DECODE_ERRORS as exc:
            counts.bad(line_no, f"payload does not decode ({type(exc).__name__})")
            continue
        counts.messages += 1
        if ts is None:
            counts.untimed += 1
            continue
        _add(cols, counts, decoded, ts)
    counts.incomplete_multipart += len(pending)
    if sentences == 0 and counts.lines > 0:
        raise InputError(
            "no !AIVDM/!AIVDO sentence in the file",
            path=path,
            line=1,
            hint="check the file is NMEA 0183 AIS; for CSV exports use --format csv",
        )
    return DecodedFile(
        pa.table(cols.pos, schema=POSITION_SCHEMA),
        pa.table(cols.sta, schema=STATIC_SCHEMA),
        counts,
    )


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    yield from enumerate(open_text_lines(path), start=1)
