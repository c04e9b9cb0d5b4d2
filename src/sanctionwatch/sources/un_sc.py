"""UN Security Council consolidated list (XML) → FollowTheMoney entities and facts.

The file (``https://scsanctions.un.org/resources/xml/en/consolidated.xml``) has a
root ``CONSOLIDATED_LIST`` with ``dateGenerated`` and two sections,
``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``. Each record becomes:

- a subject: ``Person`` (INDIVIDUAL) or ``Organization`` (ENTITY; FtM's
  Organization, unlike LegalEntity, can hold the IMO company number some DPRK
  entries carry), id ``un-<REFERENCE_NUMBER>`` (e.g. ``un-KPi.033``);
- exactly one ``Sanction``, id ``un-<REFERENCE_NUMBER>-sanction``: authority
  "United Nations Security Council", ``program`` = UN_LIST_TYPE (the regime,
  e.g. "DPRK"), ``programId`` = the committee's resolution (``UN-SC1718``; see
  :data:`PROGRAM_IDS` for the two regimes whose committee changed),
  ``unscId`` = REFERENCE_NUMBER, ``listingDate``/``startDate`` = LISTED_ON,
  ``modifiedAt`` = every LAST_DAY_UPDATED value, ``recordId`` = DATAID,
  ``reason`` = COMMENTS1 without the administrative boilerplate (INTERPOL link,
  "Review pursuant to resolution ... was concluded" sentences);
- a ``Passport`` or ``Identification`` per INDIVIDUAL_DOCUMENT with a number
  (id ``un-<ref>-doc-<hash>``), and ``passportNumber``/``idNumber`` on the person;
- a ``Vessel`` per ship IMO number named in the record's text (below).

Field mapping on the subject:

- FIRST..FOURTH_NAME joined → ``name``. The UN's FIRST_NAME is not a given name:
  in all 80 DPRK individuals it is the family name ("RI" / "WON HO"; KPi.080
  TSANG YUNG YUAN too), so for the DPRK regime FIRST_NAME → ``lastName`` and the
  rest → ``firstName``. Other regimes mix orders; their parts stay untagged
  (and verbatim in facts, below).
- NAME_ORIGINAL_SCRIPT → ``alias``. Aliases by QUALITY: Good, a.k.a. or blank →
  ``alias``; Low → ``weakAlias`` (kept, marked weak); f.k.a. → ``previousName``.
  Quotes around a whole alias (``"KOMID"``) are dropped. An alias's own
  DATE_OF_BIRTH, CITY_OF_BIRTH and COUNTRY_OF_BIRTH join the person's.
- TITLE → ``title``; DESIGNATION → ``position``; NATIONALITY → ``nationality``;
  GENDER → ``gender`` (files before 2025 have no GENDER element but say
  "Gender: male" in COMMENTS1, which is used).
- COMMENTS1 → ``notes`` (whitespace-normalised, so a re-wrapped comment is not
  an amendment).
- Addresses → ``address`` (one readable line) and ``country``; place of birth →
  ``birthPlace`` / ``birthCountry``; an EXACT date of birth (day or year) →
  ``birthDate`` (approximate and BETWEEN dates only as ranges, below).
- UN_LIST_TYPE → ``programId`` as on the Sanction; ``topics`` = ``sanction``
  (``sanction.linked`` for vessels).

Facts (``Fact(entity_id, prop, value)``, for what FtM has no property for), all on
the subject unless said otherwise:

- ``birthDateRange``: one per date of birth, an ISO 8601 interval. EXACT date
  ``1964-07-17/1964-07-17`` (a one-day range); EXACT year ``1984/1984``;
  APPROXIMATELY year Y ``(Y-1)/(Y+1)`` (the UN gives no tolerance; one year
  either side is what screening tools conventionally allow); BETWEEN
  ``FROM_YEAR/TO_YEAR``. A date of birth given only as a note ("30-35 years
  old") has no range.
- ``birthDateQualifier``: for approximate dates, the stated value, e.g.
  ``approximately 1968`` or ``approximately between 1955 and 1958`` (BETWEEN
  with the note "Approximately").
- ``birthDateNote``: the DOB's NOTE, prefixed with what it qualifies
  (``1958: Sep.``, ``24/06/1402 (Hijri Calendar)``).
- ``birthPlaceNote``, ``addressNote``, ``aliasNote`` (``<alias>: <note>``).
- ``identityDocument``: every INDIVIDUAL_DOCUMENT as one readable line (type,
  number, issuer, dates, note), including documents without a number.
- ``nameOriginalScript``: NAME_ORIGINAL_SCRIPT verbatim.
- ``unFirstName``, ``unSecondName``, ``unThirdName``, ``unFourthName``: the name
  parts verbatim (whitespace-normalised).
- ``unDataId``, ``unVersionNum``: DATAID, VERSIONNUM.
- ``unListType``: LIST_TYPE (always "UN List" so far); ``interpolNoticeUrl``:
  INTERPOL_LINK; ``sortKey``, ``sortKeyLastMod``, ``submittedBy``,
  ``submittedOn`` when present.
- ``vesselNamed``: an upper-case ship name that follows "vessel", "tanker",
  "ship", "M/V" in the record's text, with or without an IMO number
  ("Registered owner of DPRK tankers SAM JONG 1 and SAM JONG 2" gives two),
  so a ship name can lead an analyst to the designated owner or manager.
- ``relatedReference``: another UN reference number that COMMENTS1 names
  ("Son of Jalaluddin Haqqani (TAi.040)"), so an entry leads to its network.
- ``imoNumberMentioned``: a 7-digit IMO number in the text that is neither the
  entity's own number nor next to a ship word (kept so nothing is lost).
- ``unparsedValue``: ``<FIELD>: <text>`` for a value FtM cannot type (a
  nationality "Possibly Ethiopian", a date "2016-13-45"), so nothing is lost.

Vessels: the list has no vessel records, but entries name ships in free text
(COMMENTS1 and every NOTE; see :mod:`sanctionwatch.sources.ship_mentions`).
An IMO number is read as a *ship* only if it carries a valid IMO check digit
and its sentence speaks of a vessel (vessel, tanker, ship, M/V, ...) before
the number, not of the record's own "IMO number:". That matters: every DPRK
entity record with "IMO number: 5342883." states the company's own IMO
company-and-owner number (14 of 15 in the real files fail the ship check
digit; KPe.020's 1790183 passes by chance). Company numbers go on the
Organization's ``imoNumber``. A ship becomes ``Vessel`` ``un-imo-<IMO>``
(``imoNumber``, ``name`` when an upper-case name stands next to the number,
``topics`` ``sanction.linked``), linked by an ``UnknownLink``
(``un-<ref>-imo-<IMO>``, subject = the entry, object = the vessel, role
"vessel named in UN list entry"). FtM's ``Ownership`` would claim more than
the free text says, and a Sanction on the vessel would claim a designation the
list does not make.

Bad records: a record that cannot be identified (no or malformed
REFERENCE_NUMBER, a REFERENCE_NUMBER already seen in the file) or that has no
name at all is skipped and reported as a :class:`SkippedRecord` with its
reference (or DATAID) and line; the rest of the file loads. A value that cannot
be typed keeps its record (``unparsedValue``). A file with no readable records,
or whose root is not ``CONSOLIDATED_LIST``, is rejected with an
:class:`InputError`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from followthemoney import EntityProxy, model
from lxml import etree

from sanctionwatch.errors import InputError
from sanctionwatch.sources.base import Fact, ParsedList, SkippedRecord
from sanctionwatch.sources.ship_mentions import imo_mentions, ship_names
from sanctionwatch.sources.xmlsafe import parse_xml

__all__ = ["PARSERS", "PROGRAM_IDS", "UnConsolidatedXml", "parse", "program_id"]

SOURCE_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
AUTHORITY = "United Nations Security Council"
ROOT = "CONSOLIDATED_LIST"

# UN_LIST_TYPE → the resolution that set up the sanctions committee, from the date it applies.
# Two regimes changed committee: Somalia's 751 Committee became the Al-Shabaab Committee of
# resolution 2713 (1 Dec 2023), and Iran's "2231 List" became the 1737 Committee's list again
# when the earlier resolutions were re-imposed ("snapback", 28 Sep 2025).
PROGRAM_IDS: dict[str, tuple[tuple[date, str], ...]] = {
    "DPRK": ((date.min, "UN-SC1718"),),
    "Al-Qaida": ((date.min, "UN-SC1267"),),
    "Taliban": ((date.min, "UN-SC1988"),),
    "Iraq": ((date.min, "UN-SC1518"),),
    "Iran": ((date.min, "UN-SC2231"), (date(2025, 9, 28), "UN-SC1737")),
    "Libya": ((date.min, "UN-SC1970"),),
    "Somalia": ((date.min, "UN-SC751"), (date(2023, 12, 1), "UN-SC2713")),
    "DRC": ((date.min, "UN-SC1533"),),
    "Sudan": ((date.min, "UN-SC1591"),),
    "SouthSudan": ((date.min, "UN-SC2206"),),
    "CAR": ((date.min, "UN-SC2127"),),
    "Yemen": ((date.min, "UN-SC2140"),),
    "Mali": ((date.min, "UN-SC2374"),),
    "GB": ((date.min, "UN-SC2048"),),
    "Haiti": ((date.min, "UN-SC2653"),),
}


def program_id(regime: str, on: date) -> str | None:
    """The committee resolution id (``UN-SC1718``) of a UN_LIST_TYPE on a given date."""
    found = None
    for start, value in PROGRAM_IDS.get(regime, ()):
        if on >= start:
            found = value
    return found


_SNIFF = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<CONSOLIDATED_LIST[\s>/]",
    re.DOTALL,
)
_REFERENCE = re.compile(r"^[A-Z]{2,3}[ie]\.\d{3,4}$")
_REFERENCE_IN_TEXT = re.compile(r"\b([A-Z]{2,3}[ie]\.\d{3,4})\b")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_YEAR = re.compile(r"^\d{4}$")
# Administrative sentences in COMMENTS1 that are not a reason for listing
# (matched after whitespace normalisation).
_BOILERPLATE = (
    re.compile(r"INTERPOL-UN Security Council Special Notice web link:?\s*\S*", re.IGNORECASE),
    re.compile(
        r"(?:Photo|Picture)s? available for inclusion in the INTERPOL-UN Security Council "
        r"Special Notice\.?",
        re.IGNORECASE,
    ),
    re.compile(
        r"Review pursuant to (?:Security Council )?resolution \d+ \(\d{4}\) was concluded "
        r"(?:on )?\d{1,2} [A-Za-z]+\.?(?: \d{4})?\.?",
        re.IGNORECASE,
    ),
)
_GENDER_IN_COMMENTS = re.compile(r"\b(?:Gender|Sex):\s*(male|female)\b", re.IGNORECASE)
_OPEN_QUOTES = "\"'\u201c\u2018"
_CLOSE_QUOTES = "\"'\u201d\u2019"
_GENDERS = frozenset({"male", "female"})
# "381110042 (Expired 25 Jan. 2016)" → number, qualifier.
_NUMBER_QUALIFIER = re.compile(r"^(.*?\S)\s*\(([^()]*)\)$")
# "Afghan passport number OA296623", "Cedula No. 52252815" → label, number.
_NUMBER_LABEL = re.compile(
    r"^(.*\b(?i:number|no|passport|licen[cs]e|card|id)\b\.?:?)\s+"
    r"([A-Z0-9][A-Z0-9 /.-]*\d[A-Z0-9 /.-]*)$"
)
_PASSPORT = re.compile(r"passport|pasaporte|passeport", re.IGNORECASE)


def _text(value: str | None) -> str:
    """Whitespace-normalised text ('' for None)."""
    if value is None:
        return ""
    return " ".join(value.split())


def _fields(element: etree._Element) -> dict[str, str]:
    """Whitespace-normalised text of each leaf child, first occurrence per tag."""
    found: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in found and len(child) == 0:
            found[tag] = _text(child.text)
    return found


def _values(element: etree._Element, tag: str) -> list[str]:
    """Non-empty ``<TAG><VALUE>..</VALUE></TAG>`` values, in order."""
    found: list[str] = []
    for value in element.iterfind(f"{tag}/VALUE"):
        text = _text(value.text)
        if text and text not in found:
            found.append(text)
    return found


def _iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an xs:date (possibly with a zone suffix), if it is a real date."""
    match = _DATE.match(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def _line(element: etree._Element) -> int | None:
    """The element's line in the file (lxml-stubs leave ``sourceline`` untyped)."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


@dataclass
class _Record:
    """What one INDIVIDUAL/ENTITY element yields."""

    entities: list[EntityProxy] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


class _Builder:
    """Builds the entities and facts of one record."""

    def __init__(self, schema: str, reference: str) -> None:
        self.reference = reference
        self.subject = model.make_entity(schema)
        self.subject.id = f"un-{reference}"
        self.sanction = model.make_entity("Sanction")
        self.sanction.id = f"un-{reference}-sanction"
        self.sanction.add("entity", self.subject.id, cleaned=True)
        self.extra: list[EntityProxy] = []
        self.facts: list[Fact] = []

    @property
    def id(self) -> str:
        assert self.subject.id is not None
        return self.subject.id

    def fact(self, prop: str, value: str) -> None:
        """Record a fact about the subject (blank values and repeats are dropped)."""
        value = _text(value)
        if not value:
            return
        fact = Fact(self.id, prop, value)
        if fact not in self.facts:
            self.facts.append(fact)

    def add(self, proxy: EntityProxy, prop: str, value: str, field_name: str) -> None:
        """Add a typed value; keep it verbatim as ``unparsedValue`` if FtM cannot type it."""
        value = _text(value)
        if not value:
            return
        prop_type = proxy.schema.get(prop)
        assert prop_type is not None, prop
        cleaned = prop_type.type.clean(value, proxy=proxy)
        if cleaned is None:
            self.fact("unparsedValue", f"{field_name}: {value}")
            return
        proxy.add(prop, cleaned, cleaned=True)

    def add_date(
        self, proxy: EntityProxy, props: Iterable[str], value: str, field_name: str
    ) -> str | None:
        value = _text(value)
        if not value:
            return None
        iso = _iso_date(value)
        if iso is None:
            self.fact("unparsedValue", f"{field_name}: {value}")
            return None
        for prop in props:
            # Already validated as YYYY-MM-DD: skip FtM's slower date parsing.
            proxy.add(prop, iso, cleaned=True)
        return iso

    def record(self) -> _Record:
        return _Record([self.subject, self.sanction, *self.extra], self.facts)


class UnConsolidatedXml:
    """Parser for the UN SC consolidated list XML (``CONSOLIDATED_LIST``)."""

    source = "un"
    format = "un-sc-xml"

    def sniff(self, path: Path, head: bytes) -> bool:
        """True if the file starts with a ``CONSOLIDATED_LIST`` root element."""
        return _SNIFF.match(head) is not None

    def parse(self, path: Path) -> ParsedList:
        """Parse one consolidated list file (see the module docstring)."""
        return parse(path)


def parse(path: Path) -> ParsedList:
    """Parse a UN SC consolidated list XML file into a :class:`ParsedList`."""
    try:
        root = parse_xml(path)
    except InputError as exc:
        raise _with_official_url(exc) from exc
    if root.tag != ROOT:
        raise InputError(
            f"the root element is <{root.tag}>, not <{ROOT}>",
            path=path,
            line=_line(root),
            hint="this is not a UN SC consolidated list; check --source",
        )
    result = ParsedList(
        source="un",
        format=UnConsolidatedXml.format,
        published=_published(path, root),
        inputs=[path],
    )
    seen: dict[str, int | None] = {}
    vessels: dict[str, EntityProxy] = {}
    records = 0
    for section, tag, schema in (
        ("INDIVIDUALS", "INDIVIDUAL", "Person"),
        ("ENTITIES", "ENTITY", "Organization"),
    ):
        for element in root.iterfind(f"{section}/{tag}"):
            records += 1
            problem = _identify(element, seen)
            if isinstance(problem, SkippedRecord):
                result.skipped.append(problem)
                continue
            record = _parse_record(element, schema, problem, result.published.date())
            if record is None:
                result.skipped.append(
                    SkippedRecord(problem, "the record has no name", _line(element))
                )
                continue
            seen[problem] = _line(element)
            for proxy in record.entities:
                if proxy.schema.name == "Vessel" and proxy.id in vessels:
                    # One ship named in several entries stays one entity.
                    vessels[proxy.id].merge(proxy)
                    continue
                if proxy.schema.name == "Vessel" and proxy.id is not None:
                    vessels[proxy.id] = proxy
                result.entities.append(proxy)
            result.facts.extend(record.facts)
    if not seen:
        raise InputError(
            f"no readable INDIVIDUAL or ENTITY records ({records} found, "
            f"{len(result.skipped)} unreadable)",
            path=path,
            line=_line(root),
            hint="the file is incomplete; re-download the official list",
        )
    return result


def _with_official_url(exc: InputError) -> InputError:
    """The same error, with where to get a good copy added to the hint."""
    hint = f"{exc.hint}; the official list is {SOURCE_URL}" if exc.hint else None
    return type(exc)(exc.message, path=exc.path, line=exc.line, record=exc.record, hint=hint)


def _published(path: Path, root: etree._Element) -> datetime:
    raw = root.get("dateGenerated")
    if raw:
        try:
            stamp = datetime.fromisoformat(raw.strip())
        except ValueError as exc:
            raise InputError(
                f"dateGenerated {raw!r} is not an ISO 8601 timestamp",
                path=path,
                line=_line(root),
                hint="re-download the official list; its root carries dateGenerated",
            ) from exc
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        return stamp.astimezone(UTC)
    # Last resort: a date in the file name (documented in sources/base.py).
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.name)
    if match:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    raise InputError(
        "the root element has no dateGenerated and the file name has no date",
        path=path,
        line=_line(root),
        hint="re-download the official list, or name the file with its date (YYYY-MM-DD)",
    )


def _identify(element: etree._Element, seen: dict[str, int | None]) -> str | SkippedRecord:
    """The record's reference number, or why it cannot be used."""
    fields = _fields(element)
    reference = fields.get("REFERENCE_NUMBER", "")
    dataid = fields.get("DATAID", "")
    line = _line(element)
    if not reference:
        label = f"DATAID {dataid}" if dataid else f"{element.tag} at line {line}"
        return SkippedRecord(label, "the record has no REFERENCE_NUMBER", line)
    if not _REFERENCE.match(reference):
        return SkippedRecord(reference, "REFERENCE_NUMBER is not a UN reference like KPi.033", line)
    if reference in seen:
        return SkippedRecord(
            reference,
            f"REFERENCE_NUMBER {reference} appears twice (first at line {seen[reference]})",
            line,
        )
    return reference


def _parse_record(
    element: etree._Element, schema: str, reference: str, published: date
) -> _Record | None:
    """All entities and facts of one INDIVIDUAL/ENTITY, or None if it has no name."""
    fields = _fields(element)
    b = _Builder(schema, reference)
    is_person = schema == "Person"
    if not _names(b, element, fields, is_person):
        return None
    comments = (element.findtext("COMMENTS1") or "").strip()
    _designation(b, element, fields, comments, published)
    _list_fields(b, element, fields)
    if is_person:
        _person(b, element, fields, comments)
    address_tag = "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS"
    for address in element.iterfind(address_tag):
        _address(b, address)
    _vessels(b, element, is_person)
    return b.record()


def _names(b: _Builder, element: etree._Element, fields: dict[str, str], is_person: bool) -> bool:
    """Name, name parts, original script and aliases; False if the record has no name."""
    subject = b.subject
    parts = [fields.get(t, "") for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    for prop, part in zip(
        ("unFirstName", "unSecondName", "unThirdName", "unFourthName"), parts, strict=True
    ):
        b.fact(prop, part)
    subject.add("name", " ".join(p for p in parts if p))
    given = " ".join(p for p in parts[1:] if p)
    if is_person and fields.get("UN_LIST_TYPE") == "DPRK" and parts[0] and given:
        # Every DPRK individual is written family name first ("RI" / "WON HO").
        subject.add("lastName", parts[0])
        subject.add("firstName", given)

    original = fields.get("NAME_ORIGINAL_SCRIPT", "")
    if original:
        subject.add("alias", original)
        b.fact("nameOriginalScript", original)
    alias_tag = "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"
    for alias in element.iterfind(alias_tag):
        _alias(b, alias, is_person)
    if not subject.get("name"):
        # No main name: fall back to the first strong alias rather than lose the record.
        strong = subject.get("alias") or subject.get("previousName")
        if not strong:
            return False
        subject.add("name", strong[0])
    return True


def _designation(
    b: _Builder,
    element: etree._Element,
    fields: dict[str, str],
    comments: str,
    published: date,
) -> None:
    """The Sanction entity, plus the subject's notes, topics and program."""
    subject, sanction = b.subject, b.sanction
    subject.add("topics", "sanction", cleaned=True)
    sanction.add("authority", AUTHORITY, cleaned=True)
    sanction.add("unscId", b.reference)
    sanction.add("sourceUrl", SOURCE_URL, cleaned=True)
    sanction.add("recordId", fields.get("DATAID", ""))
    regime = fields.get("UN_LIST_TYPE", "")
    if regime:
        sanction.add("program", regime)
        committee = program_id(regime, published)
        if committee:
            sanction.add("programId", committee, cleaned=True)
            subject.add("programId", committee, cleaned=True)
    b.add_date(sanction, ("listingDate", "startDate"), fields.get("LISTED_ON", ""), "LISTED_ON")
    for value in _values(element, "LAST_DAY_UPDATED"):
        b.add_date(sanction, ("modifiedAt",), value, "LAST_DAY_UPDATED")
    if comments:
        # Line breaks in COMMENTS1 are the UN's text wrapping; normalising them keeps
        # a re-wrapped comment from showing up as an amendment between releases.
        subject.add("notes", _text(comments))
        for mentioned in _REFERENCE_IN_TEXT.findall(comments):
            if mentioned != b.reference:
                b.fact("relatedReference", mentioned)
        reason = _reason(comments)
        if reason:
            sanction.add("reason", reason)


def _list_fields(b: _Builder, element: etree._Element, fields: dict[str, str]) -> None:
    """The list's own bookkeeping fields, kept as facts."""
    b.fact("unDataId", fields.get("DATAID", ""))
    b.fact("unVersionNum", fields.get("VERSIONNUM", ""))
    for value in _values(element, "LIST_TYPE"):
        b.fact("unListType", value)
    if fields.get("HAS_INTERPOL_LINK", "").upper() == "YES":
        b.fact("interpolNoticeUrl", fields.get("INTERPOL_LINK", ""))
    for tag, prop in (
        ("SORT_KEY", "sortKey"),
        ("SORT_KEY_LAST_MOD", "sortKeyLastMod"),
        ("SUBMITTED_BY", "submittedBy"),
        ("SUBMITTED_ON", "submittedOn"),
    ):
        b.fact(prop, fields.get(tag, ""))


def _person(b: _Builder, element: etree._Element, fields: dict[str, str], comments: str) -> None:
    """Fields only individuals have: titles, nationality, gender, birth, documents."""
    subject = b.subject
    for value in _values(element, "TITLE"):
        subject.add("title", value)
    for value in _values(element, "DESIGNATION"):
        subject.add("position", value)
    for value in _values(element, "NATIONALITY"):
        b.add(subject, "nationality", value, "NATIONALITY")
    gender = fields.get("GENDER", "")
    stated = _GENDER_IN_COMMENTS.search(comments)
    if not gender and stated:
        # Files before the GENDER element (2025) state it in COMMENTS1.
        gender = stated.group(1)
    if gender.lower() in _GENDERS:
        subject.add("gender", gender.lower())
    elif gender and gender.lower() != "unknown":
        b.fact("unparsedValue", f"GENDER: {gender}")
    for dob in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(b, dob)
    for pob in element.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        _birth_place(b, pob)
    for doc in element.iterfind("INDIVIDUAL_DOCUMENT"):
        _document(b, doc)


def _reason(comments: str) -> str:
    """COMMENTS1 without the administrative sentences that are not a reason for listing."""
    text = _text(comments)
    for pattern in _BOILERPLATE:
        text = pattern.sub(" ", text)
    text = _text(text)
    if re.fullmatch(r"((?:Gender|Sex):\s*\w+\.?\s*)?", text, re.IGNORECASE):
        return ""
    return text


def _unquote(name: str) -> str:
    """``"KOMID"`` → ``KOMID``: the UN quotes some aliases; screening wants the bare name."""
    if len(name) > 2 and name[0] in _OPEN_QUOTES and name[-1] in _CLOSE_QUOTES:
        return name[1:-1].strip()
    return name


def _alias(b: _Builder, alias: etree._Element, is_person: bool) -> None:
    fields = _fields(alias)
    name = _unquote(fields.get("ALIAS_NAME", ""))
    if not name:
        return
    quality = fields.get("QUALITY", "").lower()
    if quality == "low":
        prop = "weakAlias"
    elif quality == "f.k.a.":
        prop = "previousName"
    else:
        prop = "alias"
    b.subject.add(prop, name)
    if fields.get("NOTE"):
        b.fact("aliasNote", f"{name}: {fields['NOTE']}")
    if is_person:
        dob = fields.get("DATE_OF_BIRTH", "")
        if _YEAR.match(dob):
            b.subject.add("birthDate", dob, cleaned=True)
            b.fact("birthDateRange", f"{dob}/{dob}")
        elif dob:
            iso = b.add_date(b.subject, ("birthDate",), dob, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH")
            if iso:
                b.fact("birthDateRange", f"{iso}/{iso}")
        city = fields.get("CITY_OF_BIRTH", "")
        country = fields.get("COUNTRY_OF_BIRTH", "")
        place = ", ".join(p for p in (city, country) if p)
        if place:
            b.subject.add("birthPlace", place)
        if country:
            b.add(b.subject, "birthCountry", country, "INDIVIDUAL_ALIAS/COUNTRY_OF_BIRTH")


def _birth_date(b: _Builder, dob: etree._Element) -> None:
    fields = _fields(dob)
    kind = fields.get("TYPE_OF_DATE", "").upper()
    day = fields.get("DATE", "")
    year = fields.get("YEAR", "")
    from_year = fields.get("FROM_YEAR", "")
    to_year = fields.get("TO_YEAR", "")
    note = fields.get("NOTE", "")
    stated = ""
    if day:
        iso = b.add_date(
            b.subject, ("birthDate",) if kind != "APPROXIMATELY" else (), day, "DATE_OF_BIRTH"
        )
        if iso:
            stated = iso
            if kind == "APPROXIMATELY":
                b.fact("birthDateRange", f"{int(iso[:4]) - 1}/{int(iso[:4]) + 1}")
                b.fact("birthDateQualifier", f"approximately {iso}")
            else:
                b.fact("birthDateRange", f"{iso}/{iso}")
    elif year:
        if not _YEAR.match(year):
            b.fact("unparsedValue", f"DATE_OF_BIRTH/YEAR: {year}")
        else:
            stated = year
            if kind == "APPROXIMATELY":
                b.fact("birthDateRange", f"{int(year) - 1}/{int(year) + 1}")
                b.fact("birthDateQualifier", f"approximately {year}")
            else:
                b.subject.add("birthDate", year, cleaned=True)
                b.fact("birthDateRange", f"{year}/{year}")
    elif from_year or to_year:
        if not (_YEAR.match(from_year) and _YEAR.match(to_year)) or int(from_year) > int(to_year):
            b.fact("unparsedValue", f"DATE_OF_BIRTH BETWEEN: {from_year}/{to_year}")
        else:
            stated = f"{from_year}/{to_year}"
            b.fact("birthDateRange", stated)
            if kind == "APPROXIMATELY" or note.lower().startswith("approx"):
                b.fact("birthDateQualifier", f"approximately between {from_year} and {to_year}")
    if note:
        b.fact("birthDateNote", f"{stated}: {note}" if stated else note)
    elif kind == "APPROXIMATELY" and not stated:
        b.fact("birthDateQualifier", "approximately (no date given)")


def _birth_place(b: _Builder, pob: etree._Element) -> None:
    fields = _fields(pob)
    parts = [fields.get(t, "") for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
    place = ", ".join(p for p in parts if p)
    if place:
        b.subject.add("birthPlace", place)
    country = fields.get("COUNTRY", "")
    if country:
        b.add(b.subject, "birthCountry", country, "PLACE_OF_BIRTH/COUNTRY")
    note = fields.get("NOTE", "")
    if note:
        b.fact("birthPlaceNote", f"{place}: {note}" if place else note)


def _address(b: _Builder, address: etree._Element) -> None:
    fields = _fields(address)
    parts = [fields.get(t, "") for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
    line = ", ".join(p for p in parts if p)
    if line:
        b.subject.add("address", line)
    country = fields.get("COUNTRY", "")
    if country:
        b.add(b.subject, "country", country, "ADDRESS/COUNTRY")
    note = fields.get("NOTE", "")
    if note:
        b.fact("addressNote", f"{line}: {note}" if line else note)


def _split_number(raw: str) -> tuple[str, str, str]:
    """Split a NUMBER field into (number, label, qualifier).

    The UN writes ``381110042 (Expired 25 Jan. 2016)``, ``Afghan passport number
    OA296623`` or ``Cedula No. 52252815``; screening needs the bare number.
    Numbers written with spaces (``D 000763``) are kept as they are.
    """
    number, label, qualifier = raw, "", ""
    paren = _NUMBER_QUALIFIER.match(number)
    if paren:
        number, qualifier = paren.group(1), paren.group(2)
    labelled = _NUMBER_LABEL.match(number)
    if labelled:
        label, number = labelled.group(1), labelled.group(2)
    return number.strip(" .:"), label.strip(), qualifier.strip()


def _document(b: _Builder, doc: etree._Element) -> None:
    fields = _fields(doc)
    kind = fields.get("TYPE_OF_DOCUMENT", "")
    kind2 = fields.get("TYPE_OF_DOCUMENT2", "")
    raw_number = fields.get("NUMBER", "")
    issuing = fields.get("ISSUING_COUNTRY", "")
    country_of_issue = fields.get("COUNTRY_OF_ISSUE", "")
    city = fields.get("CITY_OF_ISSUE", "")
    issued = fields.get("DATE_OF_ISSUE", "")
    expires = fields.get("DATE_OF_EXPIRY", "")
    note = fields.get("NOTE", "")
    if not any((kind, kind2, raw_number, issuing, country_of_issue, city, issued, expires, note)):
        return
    type_text = " / ".join(p for p in (kind, kind2) if p)
    summary = [type_text or "Document", raw_number]
    if issuing:
        summary.append(f"issued by {issuing}")
    place = ", ".join(p for p in (city, country_of_issue) if p)
    if place:
        summary.append(f"in {place}")
    if issued:
        summary.append(f"on {issued}")
    if expires:
        summary.append(f"expires {expires}")
    if note:
        summary.append(f"({note})")
    b.fact("identityDocument", " ".join(p for p in summary if p))
    number, label, qualifier = _split_number(raw_number)
    if not number:
        return
    is_passport = bool(_PASSPORT.search(f"{type_text} {label}"))
    b.subject.add("passportNumber" if is_passport else "idNumber", number)
    proxy = model.make_entity("Passport" if is_passport else "Identification")
    proxy.id = f"{b.id}-doc-{_short_hash(type_text, raw_number, issuing or country_of_issue)}"
    proxy.add("holder", b.id, cleaned=True)
    proxy.add("number", number)
    proxy.add("type", " / ".join(p for p in (type_text, label) if p))
    country = issuing or country_of_issue
    if country:
        b.add(proxy, "country", country, "DOCUMENT/ISSUING_COUNTRY")
    if city:
        proxy.add("authority", city)
    b.add_date(proxy, ("startDate",), issued, "DOCUMENT/DATE_OF_ISSUE")
    b.add_date(proxy, ("endDate",), expires, "DOCUMENT/DATE_OF_EXPIRY")
    for text in (qualifier, note):
        if text:
            proxy.add("description", text)
    if all(existing.id != proxy.id for existing in b.extra):  # the same document twice
        b.extra.append(proxy)


def _record_texts(element: etree._Element) -> list[str]:
    """Free text of a record where ships are named: comments and every NOTE."""
    texts = [element.findtext("COMMENTS1") or ""]
    for note in element.iter("NOTE", "ALIAS_NAME"):
        texts.append(note.text or "")
    return [t for t in texts if t.strip()]


def _vessels(b: _Builder, element: etree._Element, is_person: bool) -> None:
    for text in _record_texts(element):
        for name in ship_names(text):
            b.fact("vesselNamed", name)
        for mention in imo_mentions(text):
            if mention.kind == "ship":
                _vessel(b, mention.imo, mention.name)
            elif mention.kind == "own" and not is_person:
                b.subject.add("imoNumber", mention.imo)
            elif mention.kind == "bad-check-digit":
                b.fact("unparsedValue", f"IMO (invalid check digit): {mention.imo}")
            else:
                b.fact("imoNumberMentioned", mention.imo)


def _vessel(b: _Builder, imo: str, name: str | None) -> None:
    vessel_id = f"un-imo-{imo}"
    for proxy in b.extra:
        if proxy.id == vessel_id:
            if name:
                proxy.add("name", name)
            return
    vessel = model.make_entity("Vessel")
    vessel.id = vessel_id
    vessel.add("imoNumber", imo)
    if name:
        vessel.add("name", name)
    vessel.add("topics", "sanction.linked")
    link = model.make_entity("UnknownLink")
    link.id = f"{b.id}-imo-{imo}"
    link.add("subject", b.id)
    link.add("object", vessel_id)
    link.add("role", f"vessel named in UN list entry {b.reference}")
    b.extra.extend([vessel, link])


PARSERS = [UnConsolidatedXml()]
