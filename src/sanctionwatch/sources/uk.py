"""The UK lists: OFSI's legacy Consolidated List CSV and the FCDO UK Sanctions List.

Three formats, one mapping:

- ``ofsi-conlist-csv``: HM Treasury / OFSI "ConList.csv" (until January 2026).
  Line 1 ``Last Updated,dd/mm/yyyy``; line 2 the header (``Name 6``, ``Name 1`` ..
  ``Name 5``, ``Title``, ``DOB``, ..., ``Group Type``, ``Alias Type``, ``Regime``,
  ``Listed On``, ``Last Updated``, ``Group ID``); one row per name and detail
  combination, grouped by ``Group ID``. Windows-1252 (UTF-8 is accepted too).
  Entity id ``uk-<Group ID>``. The UN reference, when OFSI wrote one, is read
  from "Other Information" ("UN Ref KPi.033", "UN REF:QI.A.146.14").
- ``uk-sanctions-list-csv``: the FCDO "UK Sanctions List" CSV. Line 1
  ``Report Date: dd-Mon-yyyy``; a 58-column header starting ``Last Updated,Unique
  ID,OFSI Group ID,UN Reference Number,...``; one row per name/address, grouped by
  ``Unique ID``. Entity id ``uk-<Unique ID>`` (e.g. ``uk-DPR0001``).
- ``uk-sanctions-list-xml``: the same list as XML: ``Designations`` root with
  ``DateGenerated`` and one ``Designation`` per Unique ID. Values are read by
  element name wherever they sit inside the designation (``Names/Name``,
  ``IndividualDetails/Individual/DOBs/DOB``, ``ShipDetails/Ship/IMONumbers/IMONumber``),
  so a re-nesting of containers does not lose data.

Mapping: Individual -> Person, Entity -> Organization, Ship -> Vessel. "Primary
name" rows are names, "Alias"/"AKA" aliases, "FKA" previous names, and low-quality
aliases ``weakAlias``. One Sanction per regime: authority "HM Treasury (OFSI)" or
"UK Foreign, Commonwealth & Development Office", ``program`` = regime,
``authorityId`` = Group ID / Unique ID, ``unscId`` = UN reference number (the
cross-list link), ``listingDate`` = "Listed On"/"Date Designated",
``modifiedAt`` = "Last Updated", ``provisions`` = sanctions imposed, ``reason`` =
UK statement of reasons.

Dates are ``dd/mm/yyyy``; ``00`` or ``dd``/``mm`` for an unknown day or month give
a partial date (``00/00/1960`` -> ``1960``, ``00/07/1960`` -> ``1960-07``). Text that is
no date is kept as the fact ``birthDateText``. Other facts: ``nationalityText``,
``nameOriginalScript``, ``designationSource`` (UN/UK; for the legacy list UN/EU as its
"UN listing" / "EU listing. Not UN." prose says), ``ofsiGroupId``,
``passportDetails``, ``nationalIdDetails``, ``subsidiaryNames``, ``parentCompany``,
``currentOwnerOperator``, ``previousOwnerOperator``, ``vesselLength``,
``imoNumberText`` (an IMO number whose check digit fails).

Bad input: a missing or unreadable header line, missing columns, undecodable
bytes, an unterminated quote, a truncated last row or a file with no records are
rejected with :class:`InputError` naming the file, line and fix. A single row with
the wrong number of fields, or without its Group ID / Unique ID, is skipped and
reported in ``ParsedList.skipped`` (its id if readable, and its line); so is a
record left without any name, and an XML Designation whose UniqueID was already
used. The rest of the file loads.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from followthemoney import EntityProxy
from lxml import etree
from normality import slugify

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import Fact
from sanctionwatch.model.identifiers import normalize_imo
from sanctionwatch.sources.base import ListParser, ParsedList, SkippedRecord
from sanctionwatch.sources.proxies import (
    add,
    add_or_fact,
    clean_text,
    line_of,
    make_entity,
    parse_xml_file,
    sanction_for,
)
from sanctionwatch.sources.xmlsafe import local

__all__ = [
    "PARSERS",
    "OfsiConListCsvParser",
    "UkSanctionsListCsvParser",
    "UkSanctionsListXmlParser",
    "uk_date",
]

OFSI = "HM Treasury (OFSI)"
FCDO = "UK Foreign, Commonwealth & Development Office"

_DMY = re.compile(r"^(\d{1,2}|dd|DD)/(\d{1,2}|mm|MM)/(\d{4})$")
_UN_REF_LABELLED = re.compile(
    r"UN\s*Ref(?:erence)?(?:\s*(?:No\.?|Number))?\)?\s*[:.]?\s*([A-Z]{1,3}[ie]?\.[A-Z0-9]+(?:\.[A-Z0-9]+)*)",
    re.IGNORECASE,
)
# Company and ship IMO numbers as OFSI writes them in "Other Information".
_IMO_TEXT = re.compile(r"\bIMO(?:\s*(?:number|no\.?))?\s*[:.]?\s*(\d{7})\b", re.IGNORECASE)
# "(1) Afghan (2) Pakistani", "a) French, b) Tunisian": several values in one cell.
_ENUMERATION = re.compile(r"\(\d+\)|\b[a-z]\)|;")


def uk_date(value: str | None) -> str | None:
    """``dd/mm/yyyy`` -> ISO date; unknown day or month (``00``, ``dd``, ``mm``) give a partial date.

    Returns None when ``value`` is not such a date.
    """
    text = clean_text(value)
    if text is None:
        return None
    if re.fullmatch(r"\d{4}", text):
        return text
    match = _DMY.match(text)
    if match is None:
        return None
    day, month, year = match.groups()
    if year == "0000":
        return None
    if not month.isdigit() or int(month) == 0:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if not day.isdigit() or int(day) == 0:
        return f"{year}-{int(month):02d}"
    try:
        return datetime(int(year), int(month), int(day)).date().isoformat()
    except ValueError:
        return None


def un_references(text: str | None) -> list[str]:
    """UN reference numbers labelled "UN Ref" in free text, in order of appearance."""
    if not text:
        return []
    found: list[str] = []
    # Only labelled numbers: a bare "QDe.092" in the text usually names another entry.
    for match in _UN_REF_LABELLED.finditer(text):
        ref = match.group(1).rstrip(".")
        if ref not in found:
            found.append(ref)
    return found


@dataclass
class UkName:
    """One name row of a record."""

    parts: list[str]
    last: str | None
    name_type: str
    strength: str = ""

    @property
    def full(self) -> str | None:
        return clean_text(" ".join([*self.parts, self.last or ""]))


@dataclass
class UkRecord:
    """Everything the list says about one Group ID / Unique ID, across its rows."""

    key: str
    line: int | None
    kind: str = ""
    names: list[UkName] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)

    def put(self, name: str, value: str | None) -> None:
        text = clean_text(value)
        if text is None:
            return
        bucket = self.values.setdefault(name, [])
        if text not in bucket:
            bucket.append(text)

    def get(self, name: str) -> list[str]:
        return self.values.get(name, [])


# -- building entities ---------------------------------------------------------------


def _schema_for(kind: str) -> str:
    kind = kind.lower()
    if kind.startswith("individual"):
        return "Person"
    if kind.startswith(("ship", "vessel")):
        return "Vessel"
    return "Organization"


def _name_prop(name: UkName) -> str:
    name_type = name.name_type.lower()
    if "low" in name.strength.lower():
        return "weakAlias"
    if "prim" in name_type or "prime" in name_type:
        return "name"
    if "fka" in name_type or "former" in name_type:
        return "previousName"
    return "alias"


def _build(record: UkRecord, authority: str, parsed: ParsedList) -> None:
    schema = _schema_for(record.kind)
    subject = make_entity(schema, f"uk-{record.key}")
    assert subject.id is not None
    facts: list[Fact] = []
    names = sorted(record.names, key=lambda n: _name_prop(n) != "name")
    for name in names:
        full = name.full
        if full is None:
            continue
        prop = _name_prop(name)
        if prop == "name" or (prop == "alias" and not subject.get("name")):
            if not subject.get("name") and schema == "Person":
                # Name 1-5 are the given names ("Yong", "Chol" of KIM Yong Chol).
                add(subject, "firstName", " ".join(name.parts) or None)
                add(subject, "lastName", name.last)
            add(subject, "name", full)
        elif full not in subject.get("name"):
            add(subject, prop, full)
    for script_name in record.get("non_latin_name"):
        add(subject, "alias", script_name)
        facts.append(Fact(subject.id, "nameOriginalScript", script_name))
    if not subject.get("name"):
        parsed.skipped.append(SkippedRecord(record.key, "record has no name", record.line))
        return

    add(subject, "title", record.get("title"))
    for dob in record.get("dob"):
        date = uk_date(dob)
        if date is not None:
            add(subject, "birthDate", date)
        else:
            facts.append(Fact(subject.id, "birthDateText", dob))
    for town, country in zip(
        record.get("birth_town") or [""], record.get("birth_country") or [""], strict=False
    ):
        add(subject, "birthPlace", ", ".join(p for p in (town, country) if p) or None)
    for country in record.get("birth_country"):
        add(subject, "birthCountry", country)
    for nationality in record.get("nationality"):
        _countries(subject, "nationality", nationality, facts, "nationalityText")
    add(subject, "passportNumber", record.get("passport"))
    add(subject, "idNumber", record.get("national_id"))
    for prop, fact in (
        ("passport_info", "passportDetails"),
        ("national_id_info", "nationalIdDetails"),
    ):
        facts.extend(Fact(subject.id, fact, v) for v in record.get(prop))
    add(subject, "position", record.get("position"))
    add(subject, "gender", record.get("gender"))
    add(subject, "address", record.get("address"))
    for country in record.get("address_country"):
        add(subject, "country", country)
    add(subject, "phone", record.get("phone"))
    add(subject, "website", record.get("website"))
    add(subject, "email", [e for v in record.get("email") for e in re.split(r"[;,\s]+", v)])
    add(subject, "notes", record.get("other_info"))
    add(subject, "legalForm", record.get("entity_type"))
    add(subject, "registrationNumber", record.get("business_reg") + record.get("hin"))
    for prop, fact in (
        ("subsidiaries", "subsidiaryNames"),
        ("parent_company", "parentCompany"),
        ("owner_operator", "currentOwnerOperator"),
        ("prev_owner_operator", "previousOwnerOperator"),
        ("length", "vesselLength"),
        ("designation_source", "designationSource"),
        ("ofsi_group_id", "ofsiGroupId"),
    ):
        facts.extend(Fact(subject.id, fact, v) for v in record.get(prop))
    if not record.get("designation_source"):
        # The legacy list says where a listing came from only in prose.
        for text in record.get("other_info"):
            source = _listing_source(text)
            if source is not None:
                facts.append(Fact(subject.id, "designationSource", source))
                break
    if schema == "Vessel":
        _vessel(record, subject, facts)
    elif schema == "Organization":
        for text in record.get("other_info"):
            add(subject, "imoNumber", _IMO_TEXT.findall(text))

    parsed.entities.append(subject)
    parsed.entities.extend(_sanctions(record, subject, authority))
    parsed.facts.extend(facts)


def _listing_source(text: str) -> str | None:
    """Where a legacy listing came from, per OFSI's prose ("UN listing", "EU listing. Not UN.")."""
    if re.search(r"\bnot UN\b|\bEU listing\b", text, re.IGNORECASE):
        return "EU"
    if re.search(r"\bUN listing\b", text, re.IGNORECASE):
        return "UN"
    return None


def _countries(
    subject: EntityProxy, prop: str, text: str, facts: list[Fact], fact_prop: str
) -> None:
    """Add each country of an enumerated cell; keep the cell as a fact if any part is unclear."""
    parts = [p.strip(" ,.") for p in _ENUMERATION.split(text)]
    parts = [p for p in parts if p] or [text]
    before = len(facts)
    for part in parts:
        add_or_fact(subject, prop, part, facts, fact_prop)
    if len(facts) > before:
        del facts[before:]
        facts.append(Fact(str(subject.id), fact_prop, text))


def _vessel(record: UkRecord, subject: EntityProxy, facts: list[Fact]) -> None:
    assert subject.id is not None
    imos = record.get("imo") or [
        m for text in record.get("other_info") for m in _IMO_TEXT.findall(text)
    ]
    for raw in imos:
        digits = normalize_imo(raw)
        if digits is None:
            facts.append(Fact(subject.id, "imoNumberText", raw))
        else:
            add(subject, "imoNumber", digits)
    for flag in record.get("flag"):
        add_or_fact(subject, "flag", flag, facts, "flagText")
    for flag in record.get("prev_flags"):
        add_or_fact(subject, "pastFlags", flag, facts, "pastFlagText")
    add(subject, "type", record.get("ship_type"))
    add(subject, "tonnage", record.get("tonnage"))
    add(subject, "buildDate", record.get("year_built"))


def _sanctions(record: UkRecord, subject: EntityProxy, authority: str) -> list[EntityProxy]:
    unsc = record.get("un_reference") or [
        ref for text in record.get("other_info") for ref in un_references(text)
    ]
    sanctions: list[EntityProxy] = []
    for regime in record.get("regime") or [""]:
        sanction = sanction_for(subject, slugify(regime) or "")
        add(sanction, "authority", authority)
        add(sanction, "country", "gb")
        add(sanction, "program", regime or None)
        add(sanction, "authorityId", record.key)
        add(sanction, "unscId", unsc)
        dates = record.get(f"listed_on@{regime or None}") or record.get("listed_on")
        listed = [d for d in (uk_date(v) for v in dates) if d]
        add(sanction, "listingDate", min(listed) if listed else None)
        add(sanction, "startDate", min(listed) if listed else None)
        updated = [d for d in (uk_date(v) for v in record.get("last_updated")) if d]
        add(sanction, "modifiedAt", max(updated) if updated else None)
        add(
            sanction,
            "provisions",
            [p for v in record.get("sanctions_imposed") for p in v.split("|")],
        )
        add(sanction, "reason", record.get("reasons"))
        sanctions.append(sanction)
    return sanctions


# -- CSV reading ---------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 if the bytes are valid UTF-8, else Windows-1252 (OFSI's legacy encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252 text",
            path=path,
            line=data[: exc.start].count(b"\n") + 1,
            hint="re-download the official file; it may be damaged",
        ) from exc


def _rows(path: Path, text: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """CSV rows after the header with the line each starts on; csv errors become InputError."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO("".join(lines[first_line - 1 :])), strict=True)
    offset = first_line - 1
    start = reader.line_num + 1
    try:
        for row in reader:
            yield start + offset, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"malformed CSV: {exc}",
            path=path,
            line=start + offset,
            hint="the file looks truncated or damaged (an unterminated quote?); re-download it",
        ) from exc


@dataclass(frozen=True)
class _CsvLayout:
    """Which header column feeds which record value."""

    key: str
    required: tuple[str, ...]
    columns: dict[str, str]
    name_parts: tuple[str, ...] = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")


_LEGACY = _CsvLayout(
    key="Group ID",
    required=("Name 6", "Name 1", "Group Type", "Alias Type", "Regime", "Group ID"),
    columns={
        "Title": "title",
        "DOB": "dob",
        "Town of Birth": "birth_town",
        "Country of Birth": "birth_country",
        "Nationality": "nationality",
        "Passport Details": "passport",
        "NI Number": "national_id",
        "Position": "position",
        "Country": "address_country",
        "Name Non-Latin Script": "non_latin_name",
        "Other Information": "other_info",
        "Regime": "regime",
        "Listed On": "listed_on",
        "Last Updated": "last_updated",
    },
)

_FCDO = _CsvLayout(
    key="Unique ID",
    required=("Unique ID", "Name 6", "Name type", "Regime Name", "Designation Type"),
    columns={
        "OFSI Group ID": "ofsi_group_id",
        "UN Reference Number": "un_reference",
        "Title": "title",
        "Name non-latin script": "non_latin_name",
        "Regime Name": "regime",
        "Designation source": "designation_source",
        "Sanctions Imposed": "sanctions_imposed",
        "Other Information": "other_info",
        "UK Statement of Reasons": "reasons",
        "Address Country": "address_country",
        "Phone number": "phone",
        "Website": "website",
        "Email address": "email",
        "Date Designated": "listed_on",
        "Last Updated": "last_updated",
        "D.O.B": "dob",
        "Nationality(/ies)": "nationality",
        "National Identifier number": "national_id",
        "National Identifier additional information": "national_id_info",
        "Passport number": "passport",
        "Passport additional information": "passport_info",
        "Position": "position",
        "Gender": "gender",
        "Town of birth": "birth_town",
        "Country of birth": "birth_country",
        "Type of entity": "entity_type",
        "Subsidiaries": "subsidiaries",
        "Parent company": "parent_company",
        "Business registration number (s)": "business_reg",
        "IMO number": "imo",
        "Current owner/operator (s)": "owner_operator",
        "Previous owner/operator (s)": "prev_owner_operator",
        "Current believed flag of ship": "flag",
        "Previous flags": "prev_flags",
        "Type of ship": "ship_type",
        "Tonnage of ship": "tonnage",
        "Length of ship": "length",
        "Year Built": "year_built",
        "Hull identification number (HIN)": "hin",
    },
)


def _read_csv(
    path: Path, text: str, header_line: int, layout: _CsvLayout, parsed: ParsedList
) -> list[UkRecord]:
    """Group the rows into records; malformed rows go to ``parsed.skipped``."""
    lines = text.splitlines()
    if len(lines) < header_line:
        raise InputError(
            "the file ends before its header line",
            path=path,
            line=len(lines) + 1,
            hint="the file looks truncated; re-download it",
        )
    header = [h.strip() for h in next(csv.reader([lines[header_line - 1]]))]
    missing = [c for c in layout.required if c not in header]
    if missing:
        raise InputError(
            f"the header lacks column(s) {', '.join(missing)}",
            path=path,
            line=header_line,
            hint=f"this is not the {parsed.format} layout; check --source and the file",
        )
    index = {name: i for i, name in enumerate(header)}
    records: dict[str, UkRecord] = {}
    rows = list(_rows(path, text, header_line + 1))
    for position, (line, row) in enumerate(rows):
        if not any(cell.strip() for cell in row):
            continue
        key_cell = row[index[layout.key]].strip() if len(row) > index[layout.key] else ""
        if len(row) != len(header):
            if position == len(rows) - 1 and not text.endswith(("\n", "\r")):
                raise InputError(
                    f"the last row has {len(row)} fields, expected {len(header)}",
                    path=path,
                    line=line,
                    record=key_cell or None,
                    hint="the file looks truncated; re-download it",
                )
            parsed.skipped.append(
                SkippedRecord(
                    key_cell or f"line {line}",
                    f"row has {len(row)} fields, expected {len(header)}",
                    line,
                )
            )
            continue
        if not key_cell:
            parsed.skipped.append(SkippedRecord(f"line {line}", f"row has no {layout.key}", line))
            continue
        record = records.get(key_cell)
        if record is None:
            record = records[key_cell] = UkRecord(key_cell, line)

        def cell(column: str, row: list[str] = row) -> str | None:
            return clean_text(row[index[column]]) if column in index else None

        record.kind = record.kind or (cell("Group Type") or cell("Designation Type") or "")
        record.names.append(
            UkName(
                parts=[p for p in (cell(c) for c in layout.name_parts) if p],
                last=cell("Name 6"),
                name_type=cell("Alias Type") or cell("Name type") or "",
                strength=cell("Alias Quality") or cell("Alias strength") or "",
            )
        )
        for column, name in layout.columns.items():
            record.put(name, cell(column))
        # A Group ID can sit under several regimes, each with its own dates.
        for column, name in (("Listed On", "listed_on"), ("Date Designated", "listed_on")):
            record.put(f"{name}@{cell('Regime') or cell('Regime Name')}", cell(column))
        address = [cell(c) for c in header if c.startswith("Address ")]
        address += [cell("Post/Zip Code"), cell("Country")] if layout is _LEGACY else []
        record.put("address", ", ".join(p for p in address if p) or None)
    if not records:
        raise InputError(
            "the file has a header but no records",
            path=path,
            hint="re-download the official file; an empty list is never published",
        )
    return list(records.values())


def _head_text(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.decode("cp1252", errors="replace")


def _published_from(path: Path, raw: str | None, formats: Iterable[str], what: str) -> datetime:
    text = clean_text(raw) or ""
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise InputError(
        f"cannot read the {what} {text!r}",
        path=path,
        line=1,
        hint="use the official file as published; its first line states its date",
    )


class OfsiConListCsvParser:
    """HM Treasury / OFSI legacy Consolidated List CSV (ConList.csv)."""

    source = "uk"
    format = "ofsi-conlist-csv"

    def sniff(self, path: Path, head: bytes) -> bool:
        """First line ``Last Updated,<date>`` and a header with ``Group ID``."""
        text = _head_text(head)
        return text.startswith("Last Updated,") and "Group ID" in text and "Name 6" in text

    def parse(self, path: Path) -> ParsedList:
        """Parse the CSV; rows are grouped into one entity per Group ID."""
        parsed, records = self.read(path)
        for record in records:
            _build(record, OFSI, parsed)
        return parsed

    def read(self, path: Path) -> tuple[ParsedList, list[UkRecord]]:
        """The release header and the raw records (one per Group ID, one name per row)."""
        text = _decode(path, path.read_bytes())
        first = next(csv.reader([text.split("\n", 1)[0]]))
        published = _published_from(
            path, first[1] if len(first) > 1 else None, ["%d/%m/%Y"], "'Last Updated' date"
        )
        parsed = ParsedList(self.source, self.format, published, [path])
        return parsed, _read_csv(path, text, 2, _LEGACY, parsed)


class UkSanctionsListCsvParser:
    """FCDO UK Sanctions List CSV (``UK-Sanctions-List.csv``)."""

    source = "uk"
    format = "uk-sanctions-list-csv"

    def sniff(self, path: Path, head: bytes) -> bool:
        """``Report Date:`` line (optional) and a header with ``Unique ID``."""
        lines = _head_text(head).splitlines()[:2]
        # csv, not startswith: the header may come quoted.
        return any(row[:2] == ["Last Updated", "Unique ID"] for row in csv.reader(lines))

    def parse(self, path: Path) -> ParsedList:
        """Parse the CSV; rows are grouped into one entity per Unique ID."""
        text = _decode(path, path.read_bytes())
        first = text.split("\n", 1)[0].strip()
        if not first.lower().startswith("report date"):
            raise InputError(
                "the first line is not 'Report Date: dd-Mon-yyyy'",
                path=path,
                line=1,
                hint="use the file as published by the FCDO; its first line states its date",
            )
        raw = first.partition(":")[2].strip().strip(",").strip('"')
        published = _published_from(path, raw, ["%d-%b-%Y", "%d/%m/%Y"], "report date")
        parsed = ParsedList(self.source, self.format, published, [path])
        for record in _read_csv(path, text, 2, _FCDO, parsed):
            _build(record, FCDO, parsed)
        return parsed


# -- XML ------------------------------------------------------------------------------

# Element local name -> record value. Names, addresses and ship details are read
# by name wherever they sit inside a Designation.
_XML_VALUES = {
    "LastUpdated": "last_updated",
    "DateDesignated": "listed_on",
    "OFSIGroupID": "ofsi_group_id",
    "UNReferenceNumber": "un_reference",
    "Title": "title",
    "NameNonLatinScript": "non_latin_name",
    "RegimeName": "regime",
    "DesignationSource": "designation_source",
    "SanctionsImposed": "sanctions_imposed",
    "OtherInformation": "other_info",
    "UKStatementofReasons": "reasons",
    "PhoneNumber": "phone",
    "Website": "website",
    "EmailAddress": "email",
    "DOB": "dob",
    "Nationality": "nationality",
    "PassportNumber": "passport",
    "PassportAdditionalInformation": "passport_info",
    "NationalIdentifierNumber": "national_id",
    "NationalIdentifierAdditionalInformation": "national_id_info",
    "Position": "position",
    "Gender": "gender",
    "TownOfBirth": "birth_town",
    "CountryOfBirth": "birth_country",
    "TypeOfEntity": "entity_type",
    "Subsidiary": "subsidiaries",
    "ParentCompany": "parent_company",
    "BusinessRegistrationNumber": "business_reg",
    "IMONumber": "imo",
    "CurrentOwnerOperator": "owner_operator",
    "PreviousOwnerOperator": "prev_owner_operator",
    "CurrentBelievedFlagOfShip": "flag",
    "PreviousFlag": "prev_flags",
    "TypeOfShip": "ship_type",
    "TonnageOfShip": "tonnage",
    "LengthOfShip": "length",
    "YearBuilt": "year_built",
    "HullIdentificationNumber": "hin",
}
_ADDRESS_PARTS = tuple(f"AddressLine{i}" for i in range(1, 7)) + ("AddressPostalCode",)


def _text_of(element: etree._Element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and local(child) == name:
            return clean_text(child.text)
    return None


def _xml_record(designation: etree._Element, key: str) -> UkRecord:
    record = UkRecord(key, line_of(designation))
    record.kind = _text_of(designation, "IndividualEntityShip") or ""
    for element in designation.iter():
        if not isinstance(element.tag, str) or element is designation:
            continue
        name = local(element)
        if name == "Name" and len(element):
            record.names.append(
                UkName(
                    parts=[p for p in (_text_of(element, f"Name{i}") for i in range(1, 6)) if p],
                    last=_text_of(element, "Name6"),
                    name_type=_text_of(element, "NameType") or "",
                    strength=_text_of(element, "AliasStrength") or "",
                )
            )
        elif name == "Address" and len(element):
            parts = [_text_of(element, p) for p in _ADDRESS_PARTS]
            country = _text_of(element, "AddressCountry")
            record.put("address", ", ".join(p for p in [*parts, country] if p) or None)
            record.put("address_country", country)
        elif name in _XML_VALUES and not len(element):
            record.put(_XML_VALUES[name], element.text)
    return record


class UkSanctionsListXmlParser:
    """FCDO UK Sanctions List XML (``UK-Sanctions-List.xml``)."""

    source = "uk"
    format = "uk-sanctions-list-xml"

    def sniff(self, path: Path, head: bytes) -> bool:
        """A ``Designations`` root element."""
        return re.search(rb"<Designations[\s>]", head) is not None

    def parse(self, path: Path) -> ParsedList:
        """Parse the XML; one entity per ``Designation``."""
        root = parse_xml_file(path)
        if local(root) != "Designations":
            raise InputError(
                f"root element is <{local(root)}>, expected <Designations>",
                path=path,
                line=line_of(root),
                hint="load the FCDO UK Sanctions List XML with --source uk",
            )
        raw = _text_of(root, "DateGenerated") or clean_text(root.get("DateGenerated"))
        published = _published_from(
            path, raw, ["%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"], "DateGenerated"
        )
        parsed = ParsedList(self.source, self.format, published, [path])
        count = 0
        seen: dict[str, int | None] = {}
        for designation in root:
            if not isinstance(designation.tag, str) or local(designation) != "Designation":
                continue
            count += 1
            key = _text_of(designation, "UniqueID")
            line = line_of(designation)
            if key is None:
                parsed.skipped.append(
                    SkippedRecord(f"line {line}", "Designation has no UniqueID", line)
                )
                continue
            if key in seen:
                parsed.skipped.append(
                    SkippedRecord(key, f"UniqueID already used at line {seen[key]}", line)
                )
                continue
            seen[key] = line
            _build(_xml_record(designation, key), FCDO, parsed)
        if count == 0:
            raise InputError(
                "the file has no <Designation> records",
                path=path,
                hint="re-download the official file; an empty list is never published",
            )
        return parsed


PARSERS: list[ListParser] = [
    OfsiConListCsvParser(),
    UkSanctionsListCsvParser(),
    UkSanctionsListXmlParser(),
]
