"""NMEA decoding: real samples, tag blocks, receiver suffixes, multi-part, malformed lines."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import pytest
from pyais.encode import encode_dict

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.ingest.nmea import decode_nmea

AIS = "ais"


def tag(c: int, body: str) -> str:
    text = f"s:test,c:{c}"
    checksum = reduce(lambda a, ch: a ^ ord(ch), text, 0)
    return f"\\{text}*{checksum:02X}\\{body}"


def test_tag_block_sample(shared_data: Path) -> None:
    d = decode_nmea(shared_data / AIS / "nmea_tagblock_sample_2021-11-01.nm4")
    c = d.counts
    assert (c.lines, c.messages, c.positions, c.static, c.untimed) == (1000, 979, 915, 46, 0)
    ts = d.positions.column("ts").to_pylist()
    assert min(ts).isoformat().startswith("2021-11-01T01:5")
    assert max(ts).isoformat().startswith("2021-11-01T01:5")


def test_receiver_suffix_timestamps(shared_data: Path) -> None:
    d = decode_nmea(shared_data / AIS / "nmea_receiver_log_2012-01-01.nmea")
    assert d.counts.untimed == 0 and d.counts.positions == 3
    assert all(
        t.isoformat().startswith("2012-01-01T05:") for t in d.positions.column("ts").to_pylist()
    )


def test_untimed_samples_are_counted_not_guessed(shared_data: Path) -> None:
    d = decode_nmea(shared_data / AIS / "pyais_nmea_data_sample.txt")
    assert d.positions.num_rows == 0
    assert d.counts.untimed == d.counts.messages == 778
    assert d.counts.malformed == 100 and d.counts.malformed_examples
    g = decode_nmea(shared_data / AIS / "gpsd_sample.aivdm")
    # three gpsd lines carry receiver-suffix Unix times; their message types are not positions
    assert (g.counts.messages, g.counts.untimed, g.counts.other_types) == (102, 99, 3)
    assert g.counts.malformed == 1


def test_two_part_static_message_is_reassembled(tmp_path: Path) -> None:
    parts = encode_dict(
        {
            "msg_type": 5,
            "mmsi": 445123456,
            "imo": 9074729,
            "shipname": "CHON MA SAN",
            "callsign": "HMYZ",
            "ship_type": 80,
            "to_bow": 80,
            "to_stern": 24,
            "to_port": 8,
            "to_starboard": 8,
            "draught": 6.2,
            "destination": "NAMPO",
        },
        talker_id="AIVDM"[:2],
        seq_id=3,
    )
    assert len(parts) == 2
    position = encode_dict(
        {"msg_type": 1, "mmsi": 445123456, "lat": 38.7, "lon": 125.3, "speed": 0.1}
    )[0]
    lines = [
        tag(1700000000, parts[0]),
        parts[1],
        tag(1700000060, position),
        "garbage line",
        "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*31",
    ]
    path = tmp_path / "x.nmea"
    path.write_text("\n".join(lines) + "\n")
    d = decode_nmea(path)
    (row,) = d.static.to_pylist()
    assert (row["imo"], row["name"], row["callsign"], row["destination"]) == (
        "9074729",
        "CHON MA SAN",
        "HMYZ",
        "NAMPO",
    )
    assert (row["length"], row["width"], row["ship_type"]) == (104.0, 16.0, 80)
    assert int(row["ts"].timestamp()) == 1700000000
    assert d.positions.num_rows == 1
    assert d.counts.malformed == 2  # the garbage line and the checksum mismatch
    assert any("checksum" in e for e in d.counts.malformed_examples)


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.nmea"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError, match="binary") as info:
        decode_nmea(path)
    assert str(path) in str(info.value)


def test_text_without_any_sentence_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.nmea"
    path.write_text("hello\nworld\n")
    with pytest.raises(InputError, match="no !AIVDM"):
        decode_nmea(path)
