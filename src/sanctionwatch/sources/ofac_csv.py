"""OFAC's legacy SDN CSV set: SDN.CSV plus ADD.CSV, ALT.CSV and SDN_COMMENTS.CSV.

SDN.CSV has no header and twelve columns: ent_num, SDN_Name, SDN_Type, Program,
Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. Empty
fields are written ``-0-`` (often with a trailing space) and the file may end with
a DOS end-of-file byte (0x1A). The companions, found next to SDN.CSV by
case-insensitive name, are: ADD.CSV (ent_num, add_num, address, city/state/postal,
country, remarks), ALT.CSV (ent_num, alt_num, type aka/fka/nka, name, remarks) and
SDN_COMMENTS.CSV (ent_num, the rest of a remark cut at 1,000 characters in
SDN.CSV). Companions must be named after the SDN file (``sdn_2023-11-30.csv`` →
``add_2023-11-30.csv``; the consolidated set's ``cons_prim.csv`` → ``cons_add.csv``,
``cons_alt.csv``, ``cons_comments.csv``). Loading SDN.CSV alone parses just it and
says so (a log warning and ``+no-companions`` in the release format); every file read
is listed in ``inputs``.

Encoding: UTF-8 if the bytes are valid UTF-8 (the real files are plain ASCII),
else Windows-1252, else Latin-1 (which cannot fail).

Publication date: the CSV set carries none in any file or header, so it is taken,
in this order, from (1) a date in the SDN file name (``sdn_2023-11-30.csv``,
``SDN-20231130.CSV``), (2) a date in its directory name (``set_2021-07-07/``),
(3) the file's modification time. The release format records which one was used:
``ofac-sdn-csv+published-from-filename`` / ``-dirname`` / ``-mtime``.

Bad input:
- Whole file rejected with :class:`InputError` (nothing is loaded): empty file;
  the first data line is not a 12-column SDN row (not this format); the last line
  is cut inside a quoted field, or is short of columns in a file without OFAC's
  closing 0x1A byte (truncated download); more than 1% (and more than
  ten) of the rows are malformed (damaged or the wrong file).
- Single record skipped and reported in ``ParsedList.skipped`` with file, line and
  ent_num: a row with the wrong number of columns, bad quoting, a non-numeric
  ent_num, or an ent_num already seen; a companion row that is malformed or names
  an ent_num not in SDN.CSV. The rest of the release loads.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sanctionwatch.errors import InputError
from sanctionwatch.sources.base import ListParser, ParsedList, SkippedRecord
from sanctionwatch.sources.ofac_fields import (
    CONSOLIDATED_MARK,
    Subject,
    apply_label,
    apply_remarks,
    consolidated_by_name,
    list_source,
    new_subject,
    resolve_links,
)

log = logging.getLogger(__name__)

FORMAT = "ofac-sdn-csv"
SDN_COLUMNS = 12
COMPANION_COLUMNS = {"add": 6, "alt": 5, "sdn_comments": 2}
SDN_TYPES = frozenset({"individual", "vessel", "aircraft", ""})
# Tolerate a few bad rows; beyond this the file is damaged or not SDN.CSV.
MAX_BAD_SHARE = 0.01
MAX_BAD_ROWS_ALWAYS_OK = 10

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_FIX_DOWNLOAD = "re-download the file set from OFAC (sanctionslistservice.ofac.treas.gov)"


def clean(value: str) -> str:
    """An SDN field with OFAC's ``-0-`` null marker turned into ""."""
    value = value.strip()
    return "" if value == "-0-" else value


def decode(raw: bytes) -> str:
    """Decode an OFAC CSV: UTF-8 when valid (BOM dropped), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


@dataclass(frozen=True)
class Row:
    """One parsed CSV line."""

    line: int
    fields: list[str]


@dataclass
class _Reading:
    path: Path
    rows: list[Row]
    bad: list[SkippedRecord]
    truncated_at: int | None


def _read_rows(path: Path, columns: int) -> _Reading:
    """Read ``path`` line by line (OFAC rows never span lines), isolating bad rows."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
    # OFAC ends its CSV files with a DOS end-of-file byte: its absence plus a broken last
    # row means the download was cut short.
    complete = raw.rstrip(b"\r\n \t").endswith(b"\x1a")
    text = decode(raw).rstrip("\x1a\r\n \t")
    rows: list[Row] = []
    bad: list[SkippedRecord] = []
    truncated_at: int | None = None
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.strip() == "\x1a":
            continue
        ref = line.split(",", 1)[0].strip().strip('"') or f"line {number}"
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            if number == len(lines) and (line.count('"') % 2 == 1 or not complete):
                truncated_at = number
            bad.append(SkippedRecord(ref, f"{path.name}: bad quoting ({exc})", number))
            continue
        if len(fields) != columns:
            if number == len(lines) and len(fields) < columns and not complete:
                truncated_at = number
            bad.append(
                SkippedRecord(
                    ref,
                    f"{path.name}: {len(fields)} columns, expected {columns}",
                    number,
                )
            )
            continue
        if not fields[0].strip().isdigit():
            bad.append(SkippedRecord(ref, f"{path.name}: ent_num is not a number", number))
            continue
        rows.append(Row(number, fields))
    return _Reading(path, rows, bad, truncated_at)


def _check_file(reading: _Reading, what: str) -> None:
    path = reading.path
    total = len(reading.rows) + len(reading.bad)
    if total == 0:
        raise InputError(f"no {what} rows in the file", path=path, hint=_FIX_DOWNLOAD)
    if not reading.rows:
        first = reading.bad[0]
        raise InputError(
            f"this is not an {what} file: {first.reason}",
            path=path,
            line=first.line,
            hint="check --source and that this is OFAC's file",
        )
    if reading.truncated_at is not None:
        raise InputError(
            "the last row is incomplete, so the file was cut short",
            path=path,
            line=reading.truncated_at,
            hint=_FIX_DOWNLOAD,
        )
    if len(reading.bad) > MAX_BAD_ROWS_ALWAYS_OK and len(reading.bad) > MAX_BAD_SHARE * total:
        first = reading.bad[0]
        raise InputError(
            f"{len(reading.bad)} of {total} rows are malformed (first: {first.reason})",
            path=path,
            line=first.line,
            record=first.reference,
            hint=_FIX_DOWNLOAD,
        )


def companion_names(sdn_name: str) -> dict[str, str]:
    """The companion file names that belong with SDN file ``sdn_name`` (lower case).

    ``sdn.csv`` → ``add.csv``, ``alt.csv``, ``sdn_comments.csv``;
    ``sdn_2023-11-30.csv`` → ``add_2023-11-30.csv``, ...; the consolidated (non-SDN) set
    ``cons_prim.csv`` → ``cons_add.csv``, ``cons_alt.csv``, ``cons_comments.csv``.
    """
    name = sdn_name.lower()
    if "prim" in name:
        return {
            "add": name.replace("prim", "add", 1),
            "alt": name.replace("prim", "alt", 1),
            "sdn_comments": name.replace("prim", "comments", 1),
        }
    if "sdn" in name:
        return {
            "add": name.replace("sdn", "add", 1),
            "alt": name.replace("sdn", "alt", 1),
            "sdn_comments": name.replace("sdn", "sdn_comments", 1),
        }
    return {}


def find_companions(sdn_path: Path) -> dict[str, Path]:
    """ADD/ALT/SDN_COMMENTS files next to ``sdn_path``, matched case-insensitively.

    Only files named after the SDN file count (see :func:`companion_names`), so a
    dated ``sdn_2023-11-30.csv`` never picks up another day's plain ``add.csv``.
    """
    siblings = {p.name.lower(): p for p in sdn_path.parent.iterdir() if p.is_file()}
    return {
        kind: siblings[name]
        for kind, name in companion_names(sdn_path.name).items()
        if name in siblings and name != sdn_path.name.lower()
    }


def publication_date(path: Path) -> tuple[datetime, str]:
    """When this CSV set was published, and where that came from (see module docs)."""
    for origin, name in (("filename", path.name), ("dirname", path.parent.name)):
        match = _DATE_IN_NAME.search(name)
        if match:
            try:
                day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
            return datetime(day.year, day.month, day.day, tzinfo=UTC), origin
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return mtime, "mtime"


def programs_of(field: str) -> list[str]:
    """Program codes of the Program column: "SDGT] [IRGC" → ["SDGT", "IRGC"]."""
    return [p.strip() for p in re.split(r"\]\s*\[", field.strip().strip("[]")) if p.strip()]


def _subject_from_row(row: Row) -> Subject:
    f = [clean(v) for v in row.fields]
    ent_num, name, kind, program = f[0], f[1], f[2].lower(), f[3]
    subject = new_subject(kind or "entity", ent_num)
    subject.add_name(name)
    for code in programs_of(program):
        subject.sanction.add("program", code)
    subject.add("position", f[4])
    if subject.entity.schema.name == "Vessel":
        subject.add("callSign", f[5])
        subject.add("type", f[6])
        subject.add("tonnage", f[7].replace(",", ""))
        subject.add("grossRegisteredTonnage", f[8].replace(",", ""))
        subject.add("flag", f[9])
        if f[10]:
            apply_label(subject, "Vessel Owner", f[10])
    return subject


class SdnCsvParser:
    """OFAC SDN.CSV with its companion ADD/ALT/SDN_COMMENTS files."""

    source = "ofac"
    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> bool:
        """True if the first line is a 12-column SDN row (ent_num, name, type, ...)."""
        text = decode(head.lstrip(b"\xef\xbb\xbf"))
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            fields = next(csv.reader([first]))
        except (csv.Error, StopIteration):
            return False
        return (
            len(fields) == SDN_COLUMNS
            and fields[0].strip().isdigit()
            and clean(fields[2]).lower() in SDN_TYPES
        )

    def parse(self, path: Path) -> ParsedList:
        """Parse SDN.CSV and whichever companions sit next to it."""
        reading = _read_rows(path, SDN_COLUMNS)
        _check_file(reading, "OFAC SDN.CSV")
        skipped = list(reading.bad)
        subjects: dict[str, Subject] = {}
        remarks: dict[str, str] = {}
        for row in reading.rows:
            ent_num = row.fields[0].strip()
            if ent_num in subjects:
                skipped.append(
                    SkippedRecord(ent_num, f"{path.name}: ent_num {ent_num} listed twice", row.line)
                )
                continue
            subjects[ent_num] = _subject_from_row(row)
            # Unstripped: a remark cut at 1,000 characters continues in SDN_COMMENTS.CSV.
            remarks[ent_num] = "" if clean(row.fields[11]) == "" else row.fields[11]

        companions = find_companions(path)
        inputs = [path]
        for kind in ("sdn_comments", "alt", "add"):
            if kind not in companions:
                continue
            companion = companions[kind]
            inputs.append(companion)
            comp = _read_rows(companion, COMPANION_COLUMNS[kind])
            _check_file(comp, f"OFAC {kind.upper()}.CSV")
            skipped.extend(comp.bad)
            for row in comp.rows:
                ent_num = row.fields[0].strip()
                if ent_num not in subjects:
                    skipped.append(
                        SkippedRecord(
                            ent_num,
                            f"{companion.name}: ent_num {ent_num} is not in {path.name}",
                            row.line,
                        )
                    )
                    continue
                if kind == "sdn_comments":
                    # The continuation of a remark cut at 1,000 characters in SDN.CSV.
                    remarks[ent_num] += row.fields[1]
                elif kind == "alt":
                    _apply_alias(subjects[ent_num], row)
                else:
                    _apply_address(subjects[ent_num], row)
        for ent_num, remark in remarks.items():
            apply_remarks(subjects[ent_num], remark)

        all_subjects = list(subjects.values())
        resolve_links(all_subjects)
        published, origin = publication_date(path)
        fmt = f"{FORMAT}+published-from-{origin}"
        consolidated = consolidated_by_name(path)
        if consolidated:
            fmt += CONSOLIDATED_MARK
        if not companions:
            fmt += "+no-companions"
            log.warning(
                "%s: no ADD/ALT/SDN_COMMENTS files next to it; parsed SDN.CSV alone "
                "(no addresses, no strong aliases, long remarks cut at 1,000 characters)",
                path,
            )
        parsed = ParsedList(
            source=list_source(consolidated), format=fmt, published=published, inputs=inputs
        )
        for subject in all_subjects:
            parsed.entities.append(subject.entity)
            parsed.entities.append(subject.sanction)
            parsed.facts.extend(subject.facts)
        parsed.skipped = skipped
        for record in skipped:
            log.warning(
                "skipped OFAC record %s (line %s): %s", record.reference, record.line, record.reason
            )
        return parsed


def _apply_alias(subject: Subject, row: Row) -> None:
    kind, name = clean(row.fields[2]).lower(), clean(row.fields[3])
    prop = {"aka": "alias", "fka": "previousName", "nka": "alias"}.get(kind, "alias")
    subject.add(prop, name)


def _apply_address(subject: Subject, row: Row) -> None:
    street, city, country, remark = (clean(v) for v in row.fields[2:6])
    if street or city:
        # A row that is only a country is a country, not an address.
        subject.add("address", ", ".join(part for part in (street, city, country) if part))
    subject.add("country", country)
    if remark:
        subject.add("notes", remark)


def iter_rows(path: Path, columns: int) -> Iterator[Row]:
    """The well-formed rows of one OFAC CSV file (for tools and tests)."""
    yield from _read_rows(path, columns).rows


PARSERS: list[ListParser] = [SdnCsvParser()]
