"""Write a synthetic data set as NMEA (IEC tag blocks), MarineCadastre CSV and truth JSON.

Files are written to a temporary name and renamed into place, so a failed run
never leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import reduce
from pathlib import Path
from typing import IO, Any

import numpy as np
from pyais import encode_dict

from sanctionwatch.maritime.synthetic.dataset import Dataset
from sanctionwatch.maritime.synthetic.vessels import Identity

MARINECADASTRE_COLUMNS = (
    "MMSI",
    "BaseDateTime",
    "LAT",
    "LON",
    "SOG",
    "COG",
    "Heading",
    "VesselName",
    "IMO",
    "CallSign",
    "VesselType",
    "Status",
    "Length",
    "Width",
    "Draft",
    "Cargo",
    "TransceiverClass",
)


@contextmanager
def atomic_text(path: Path) -> Iterator[IO[str]]:
    """Open ``path`` for writing via a temporary file that replaces it only on success."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("w", encoding="ascii", newline="") as fh:
            yield fh
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _tag_block(fields: str) -> str:
    checksum = reduce(lambda acc, ch: acc ^ ord(ch), fields, 0)
    return f"\\{fields}*{checksum:02X}\\"


def _static_dict(identity: Identity, t: int) -> dict[str, Any]:
    eta = datetime.fromtimestamp(t + 86400, tz=UTC)
    return {
        "type": 5,
        "mmsi": identity.mmsi,
        "ais_version": 0,
        "imo": identity.imo or 0,
        "callsign": identity.callsign[:7],
        "shipname": identity.name[:20],
        "ship_type": identity.ship_type,
        "to_bow": identity.to_bow,
        "to_stern": identity.to_stern,
        "to_port": identity.to_port,
        "to_starboard": identity.to_starboard,
        "epfd": 1,
        "month": eta.month,
        "day": eta.day,
        "hour": eta.hour,
        "minute": 0,
        "draught": identity.draught,
        "destination": identity.destination[:20],
        "dte": 0,
    }


def nmea_lines(dataset: Dataset, *, corrupt_rate: float = 0.0) -> Iterator[str]:
    """``!AIVDM`` sentences in time order, each behind an IEC tag block with ``c:`` unix time.

    Position reports are types 1/2/3; static reports are type 5 in two sentences
    tied by a ``g:`` group. With ``corrupt_rate`` > 0 a few sentences from
    non-exact ships are damaged (bad checksum or cut short), as real feeds are.
    """
    rng = np.random.default_rng([dataset.seed, 5])
    r, s = dataset.reports, dataset.statics
    # Merge the two time-sorted streams; positions first on equal times.
    order = np.lexsort((np.r_[np.zeros(len(r)), np.ones(len(s))], np.r_[r.t, s.t]))
    exact = np.array([plan.exact for plan in dataset.plans])
    group = 0
    for k in order:
        channel = "AB"[int(k) % 2]
        if k < len(r):
            i = int(k)
            plan = dataset.plans[int(r.vessel[i])]
            identity = plan.identities[int(r.identity[i])][1]
            t = int(r.t[i])
            sentences = encode_dict(
                {
                    "type": int(r.msg_type[i]),
                    "mmsi": identity.mmsi,
                    "status": int(r.status[i]),
                    "turn": -128,
                    "speed": float(r.sog[i]),
                    "accuracy": 1,
                    "lon": float(r.lon[i]),
                    "lat": float(r.lat[i]),
                    "course": float(r.cog[i]),
                    "heading": int(r.heading[i]),
                    "second": t % 60,
                },
                talker_id="AI",
                sentence_type="VDM",
                radio_channel=channel,
            )
            lines = [_tag_block(f"c:{t}") + sentences[0]]
            damageable = not exact[int(r.vessel[i])]
        else:
            j = int(k) - len(r)
            plan = dataset.plans[int(s.vessel[j])]
            identity = plan.identities[int(s.identity[j])][1]
            t = int(s.t[j])
            group += 1
            sentences = encode_dict(
                _static_dict(identity, t),
                talker_id="AI",
                sentence_type="VDM",
                radio_channel=channel,
                seq_id=group % 10,
            )
            n = len(sentences)
            lines = [
                _tag_block(f"g:{part}-{n}-{group},c:{t}") + sentence
                for part, sentence in enumerate(sentences, start=1)
            ]
            damageable = not exact[int(s.vessel[j])]
        if corrupt_rate > 0 and damageable and rng.random() < corrupt_rate:
            victim = int(rng.integers(len(lines)))
            line = lines[victim]
            if rng.random() < 0.5:
                lines[victim] = line[: len(line) // 2]  # cut short, as on a dropped link
            else:
                head, _, _ = line.rpartition("*")
                lines[victim] = head + "*00" if not line.endswith("*00") else head + "*01"
        yield from lines


def write_nmea(dataset: Dataset, path: Path, *, corrupt_rate: float = 0.0) -> int:
    """Write the NMEA file; return the number of lines."""
    count = 0
    with atomic_text(path) as fh:
        for line in nmea_lines(dataset, corrupt_rate=corrupt_rate):
            fh.write(line + "\n")
            count += 1
    return count


def write_marinecadastre_csv(dataset: Dataset, path: Path) -> int:
    """Write positions as NOAA MarineCadastre CSV; return the number of rows."""
    r = dataset.reports
    with atomic_text(path) as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(MARINECADASTRE_COLUMNS)
        for i in range(len(r)):
            identity = dataset.plans[int(r.vessel[i])].identities[int(r.identity[i])][1]
            stamp = datetime.fromtimestamp(int(r.t[i]), tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
            out.writerow(
                (
                    identity.mmsi,
                    stamp,
                    f"{r.lat[i]:.5f}",
                    f"{r.lon[i]:.5f}",
                    f"{r.sog[i]:.1f}",
                    f"{r.cog[i]:.1f}",
                    int(r.heading[i]),
                    identity.name,
                    f"IMO{identity.imo}" if identity.imo else "",
                    identity.callsign,
                    identity.ship_type,
                    int(r.status[i]),
                    identity.length,
                    identity.width,
                    f"{identity.draught:.1f}",
                    identity.ship_type,
                    "A",
                )
            )
    return len(r)


def write_truth(dataset: Dataset, path: Path) -> int:
    """Write the ground-truth events as a JSON list; return how many."""
    events = [event.to_json(i) for i, event in enumerate(dataset.truth)]
    with atomic_text(path) as fh:
        json.dump(events, fh, indent=1)
        fh.write("\n")
    return len(events)
