"""OFAC's advanced sanctions data model: sdn_advanced.xml and cons_advanced.xml.

A namespace-qualified ``Sanctions`` document (``http://www.un.org/sanctions/1.0``,
or OFAC's newer ``.../exports/ADVANCED_XML``) in sections, in this order:
``DateOfIssue`` (the publication date), ``ReferenceValueSets`` (every coded value:
alias, feature, document, party and sanction types, countries, scripts, lists,
...), ``Locations``, ``IDRegDocuments`` (keyed to identities), ``DistinctParties``
(one ``Profile`` per listed subject with identities, aliases in one or more
scripts, and typed features), ``ProfileRelationships`` and ``SanctionsEntries``
(list, listing date, programs and measures per profile).

The file is streamed section by section with :func:`xmlsafe.iter_elements`, so
the ~120 MB sdn_advanced.xml never sits in memory as a tree; only the decoded
reference values, locations, documents and the entities being built are kept.
Coded values are resolved by id; features and document types go through the
same label mapping as the CSV remarks (:mod:`sanctionwatch.sources.ofac_fields`).

Names: the primary Latin-script name is ``name`` ("LAST, First" for individuals,
with ``lastName``/``firstName``); A.K.A. → ``alias`` (``weakAlias`` when marked
LowQuality), F.K.A. → ``previousName``, N.K.A. → ``alias``. Names in other scripts
are kept as ``alias`` and as a ``nameOriginalScript`` fact. Relationships become
``linkedTo`` (the other party's name) and ``linkedToId`` facts plus a
``relation`` fact ("Owned or Controlled By ofac-17015"); a vessel's "Owned or
Controlled By" sets FtM ``owner``. Every ``SanctionsEntry`` of a profile feeds its
one Sanction: programs, measures and legal basis (``provisions``) and the earliest
listing date (``listingDate``); the OFAC lists are ``ofacList`` facts.

Bad input:
- Whole file rejected with :class:`InputError`: empty, not this schema, malformed or
  truncated XML (with the line), a DTD or entities (:class:`UnsafeInputError`), no
  ``DateOfIssue`` and no date in the file name, or no readable ``DistinctParty``.
- Single record skipped and reported (``ParsedList.skipped``, with its line): a
  ``DistinctParty`` without a numeric ``FixedRef`` or without any name, a
  ``FixedRef`` seen before, or a ``SanctionsEntry`` for an unknown profile.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree

from sanctionwatch.errors import InputError
from sanctionwatch.sources.base import ListParser, ParsedList, SkippedRecord
from sanctionwatch.sources.ofac_csv import publication_date
from sanctionwatch.sources.ofac_fields import (
    CONSOLIDATED_MARK,
    Subject,
    apply_label,
    apply_remarks,
    consolidated_by_name,
    list_source,
    new_subject,
    split_individual_name,
)
from sanctionwatch.sources.ofac_xml import child_text, children
from sanctionwatch.sources.xmlsafe import iter_elements, local

log = logging.getLogger(__name__)

FORMAT = "ofac-advanced-xml"
_ROOT = re.compile(rb"<(?:\w+:)?Sanctions\b[^>]*(?:sanctions/1\.0|ADVANCED_XML)")
_FIX = "re-download the file from OFAC (sanctionslistservice.ofac.treas.gov)"
_SECTIONS = {
    "DateOfIssue",
    "ReferenceValueSets",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
}
_LATIN = {"latin", "latn", ""}  # ScriptCode is "Latin" in OFAC files, ISO 15924 "Latn"


def _line(element: etree._Element) -> int | None:
    return element.sourceline if isinstance(element.sourceline, int) else None


@dataclass(frozen=True)
class RefValue:
    """One coded value of ``ReferenceValueSets``: its text and attributes."""

    text: str
    attrs: dict[str, str]


@dataclass
class References:
    """Coded values by kind (``FeatureType``, ``Country``, ...) and id."""

    values: dict[str, dict[str, RefValue]] = field(default_factory=dict)

    def load(self, element: etree._Element) -> None:
        for group in element:
            if not isinstance(group.tag, str):
                continue
            for item in group:
                if not isinstance(item.tag, str):
                    continue
                attrs = {str(k): str(v) for k, v in item.attrib.items()}
                kind = local(item.tag)
                self.values.setdefault(kind, {})[attrs.get("ID", "")] = RefValue(
                    (item.text or "").strip(), attrs
                )

    def text(self, kind: str, ref_id: str | None) -> str:
        """The value of id ``ref_id`` in set ``kind`` ("" if unknown)."""
        if ref_id is None:
            return ""
        value = self.values.get(kind, {}).get(ref_id)
        return value.text if value else ""

    def attr(self, kind: str, ref_id: str | None, name: str) -> str:
        if ref_id is None:
            return ""
        value = self.values.get(kind, {}).get(ref_id)
        return value.attrs.get(name, "") if value else ""


@dataclass(frozen=True)
class Place:
    """A decoded ``Location``: its address text and country name."""

    text: str
    country: str


@dataclass(frozen=True)
class Document:
    """A decoded ``IDRegDocument``."""

    label: str
    number: str
    country: str | None
    issued: str | None
    expires: str | None
    valid: bool


def _ymd(element: etree._Element | None) -> date | None:
    if element is None:
        return None
    try:
        return date(
            int(child_text(element, "Year")),
            int(child_text(element, "Month") or 1),
            int(child_text(element, "Day") or 1),
        )
    except ValueError:
        return None


def _first(element: etree._Element, *path: str) -> etree._Element | None:
    current: etree._Element | None = element
    for name in path:
        if current is None:
            return None
        found = children(current, name)
        current = found[0] if found else None
    return current


def date_period_text(period: etree._Element) -> str | None:
    """A ``DatePeriod`` as OFAC writes dates: "1962", "1964-06", "1964 to 1966", "circa ..."."""
    start = _ymd(_first(period, "Start", "From"))
    end = _ymd(_first(period, "End", "To")) or _ymd(_first(period, "Start", "To")) or start
    if start is None or end is None:
        return None
    approximate = any(
        el.get("Approximate") == "true"
        for el in (_first(period, "Start"), _first(period, "End"))
        if el is not None
    )
    prefix = "circa " if approximate else ""
    if start == end:
        return prefix + start.isoformat()
    whole_years = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    if whole_years and start.year == end.year:
        return f"{prefix}{start.year}"
    if whole_years:
        return f"{prefix}{start.year} to {end.year}"
    if (start.year, start.month) == (end.year, end.month) and start.day == 1:
        next_month = date(end.year + end.month // 12, end.month % 12 + 1, 1)
        if (next_month - end).days == 1:
            return f"{prefix}{start.year}-{start.month:02d}"
    return f"{prefix}{start.isoformat()} to {end.isoformat()}"


class AdvancedXmlParser:
    """OFAC sdn_advanced.xml / cons_advanced.xml."""

    source = "ofac"
    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> bool:
        """True if the document element is the advanced model's ``Sanctions``."""
        return bool(_ROOT.search(head))

    def parse(self, path: Path) -> ParsedList:
        """Stream the sections of an advanced-schema file into subjects and sanctions."""
        _check_head(path, self)
        state = _State(path)
        for element in iter_elements(path, _SECTIONS):
            state.handle(element)
        return state.result()


def _check_head(path: Path, parser: AdvancedXmlParser) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
    if not head.strip():
        raise InputError("the file is empty", path=path, hint=_FIX)
    if not parser.sniff(path, head):
        raise InputError(
            "this is not an OFAC advanced-schema XML file (no <Sanctions> element in the "
            "sanctions/1.0 or ADVANCED_XML namespace)",
            path=path,
            line=1,
            hint="check --source and that this is OFAC's sdn_advanced.xml or cons_advanced.xml",
        )


class _State:
    """What has been read so far while streaming one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.refs = References()
        self.places: dict[str, Place] = {}
        self.documents: dict[str, list[Document]] = {}
        self.subjects: dict[str, Subject] = {}
        self.listing_dates: dict[str, list[str]] = {}
        self.relations: list[tuple[str, str, str]] = []
        self.skipped: list[SkippedRecord] = []
        self.issued: date | None = None

    def handle(self, element: etree._Element) -> None:
        kind = local(element.tag)
        if kind == "DateOfIssue":
            self.issued = _ymd(element)
        elif kind == "ReferenceValueSets":
            self.refs.load(element)
        elif kind == "Location":
            self._location(element)
        elif kind == "IDRegDocument":
            self._document(element)
        elif kind == "DistinctParty":
            self._party(element)
        elif kind == "ProfileRelationship":
            self.relations.append(
                (
                    element.get("From-ProfileID", ""),
                    element.get("To-ProfileID", ""),
                    self.refs.text("RelationType", element.get("RelationTypeID")),
                )
            )
        elif kind == "SanctionsEntry":
            self._entry(element)

    # --- sections --------------------------------------------------------------------------------

    def _location(self, element: etree._Element) -> None:
        parts: dict[str, str] = {}
        for part in children(element, "LocationPart"):
            label = self.refs.text("LocPartType", part.get("LocPartTypeID"))
            values = children(part, "LocationPartValue")
            primary = [v for v in values if v.get("Primary") == "true"] or values
            if primary:
                parts[label.upper()] = child_text(primary[0], "Value")
        country = ""
        # AreaCode "undetermined" means no country is known.
        for item in children(element, "LocationCountry"):
            country = self.refs.text("Country", item.get("CountryID"))
        if not country:
            for item in children(element, "LocationAreaCode"):
                country = self.refs.attr("AreaCode", item.get("AreaCodeID"), "Description")
        if country.lower() == "undetermined":
            country = ""
        order = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE")
        lines = [parts[k] for k in order if parts.get(k)]
        lines += [v for k, v in parts.items() if k not in order and v]
        # A location that is only a country is a country, not an address.
        text = ", ".join([*lines, country] if country else lines) if lines else ""
        self.places[element.get("ID", "")] = Place(text, country)

    def _document(self, element: etree._Element) -> None:
        issued = expires = None
        for item in children(element, "DocumentDate"):
            kind = self.refs.text("IDRegDocDateType", item.get("IDRegDocDateTypeID")).lower()
            period = _first(item, "DatePeriod")
            text = date_period_text(period) if period is not None else None
            if "issue" in kind:
                issued = text
            elif "expir" in kind:
                expires = text
        country = self.refs.text("Country", element.get("IssuedBy-CountryID")) or None
        validity = self.refs.text("Validity", element.get("ValidityID")).lower()
        document = Document(
            label=self.refs.text("IDRegDocType", element.get("IDRegDocTypeID")),
            number=child_text(element, "IDRegistrationNo"),
            country=country,
            issued=issued,
            expires=expires,
            valid=validity in ("", "valid"),
        )
        self.documents.setdefault(element.get("IdentityID", ""), []).append(document)

    def _party(self, element: etree._Element) -> None:
        ref = element.get("FixedRef", "")
        line = _line(element)
        if not ref.isdigit():
            self.skipped.append(
                SkippedRecord(
                    ref or f"line {line}", "DistinctParty without a numeric FixedRef", line
                )
            )
            return
        if ref in self.subjects:
            self.skipped.append(SkippedRecord(ref, f"FixedRef {ref} listed twice", line))
            return
        profiles = children(element, "Profile")
        if not profiles:
            self.skipped.append(SkippedRecord(ref, "DistinctParty without a Profile", line))
            return
        profile = profiles[0]
        sub_type = profile.get("PartySubTypeID")
        sub_name = self.refs.text("PartySubType", sub_type).lower()
        party_type = self.refs.text(
            "PartyType", self.refs.attr("PartySubType", sub_type, "PartyTypeID")
        ).lower()
        if sub_name in ("vessel", "aircraft"):
            kind = sub_name
        elif party_type == "individual":
            kind = "individual"
        else:
            kind = "entity"
        subject = new_subject(kind, ref)
        for identity in children(profile, "Identity"):
            self._identity(subject, identity)
        if not subject.entity.get("name") and subject.entity.get("alias"):
            # Only names in other scripts: the first one is the name.
            subject.add("name", subject.entity.get("alias")[0])
        if not subject.entity.get("name"):
            self.skipped.append(SkippedRecord(ref, "DistinctParty without a name", line))
            return
        for feature in children(profile, "Feature"):
            self._feature(subject, feature)
        # The party's Comment is the remark the other formats carry ("Linked To: ...", ...).
        apply_remarks(subject, child_text(element, "Comment"))
        self.subjects[ref] = subject

    def _identity(self, subject: Subject, identity: etree._Element) -> None:
        group_types: dict[str, str] = {}
        groups = _first(identity, "NamePartGroups")
        for master in children(identity if groups is None else groups, "MasterNamePartGroup"):
            for group in children(master, "NamePartGroup"):
                group_types[group.get("ID", "")] = self.refs.text(
                    "NamePartType", group.get("NamePartTypeID")
                )
        individual = subject.entity.schema.name == "Person"
        for alias in children(identity, "Alias"):
            alias_type = self.refs.text("AliasType", alias.get("AliasTypeID")).upper()
            primary = alias.get("Primary") == "true" and identity.get("Primary") != "false"
            weak = alias.get("LowQuality") == "true"
            for documented in children(alias, "DocumentedName"):
                parts: dict[str, list[str]] = {}
                scripts: set[str] = set()
                for part in children(documented, "DocumentedNamePart"):
                    for value in children(part, "NamePartValue"):
                        label = group_types.get(value.get("NamePartGroupID", ""), "").lower()
                        parts.setdefault(label, []).append((value.text or "").strip())
                        code = self.refs.attr("Script", value.get("ScriptID"), "ScriptCode")
                        scripts.add(code.lower())
                name = _compose(parts, individual=individual)
                if not name:
                    continue
                latin = scripts <= _LATIN
                if not latin:
                    subject.add("alias", name)
                    subject.fact("nameOriginalScript", name)
                    continue
                if primary or alias_type == "NAME":
                    subject.add("name", name)
                    if individual:
                        last, first = split_individual_name(name)
                        subject.add("lastName", last)
                        subject.add("firstName", first)
                elif alias_type == "F.K.A.":
                    subject.add("previousName", name)
                elif weak:
                    subject.add("weakAlias", name)
                else:
                    subject.add("alias", name)
        for document in self.documents.pop(identity.get("ID", ""), []):
            self._apply_document(subject, document)

    def _apply_document(self, subject: Subject, document: Document) -> None:
        label = document.label
        if not document.valid:
            # A fraudulent document is evidence, not an identifier of the subject.
            subject.fact("document", f"{label} {document.number} (fraudulent)")
            return
        if not apply_label(
            subject,
            label,
            document.number,
            country=document.country,
            issued=document.issued,
            expires=document.expires,
        ):
            text = f"{label} {document.number}"
            if document.country:
                text += f" ({document.country})"
            subject.fact("document", text.strip())

    def _feature(self, subject: Subject, feature: etree._Element) -> None:
        label = self.refs.text("FeatureType", feature.get("FeatureTypeID"))
        for version in children(feature, "FeatureVersion"):
            values: list[str] = []
            for period in children(version, "DatePeriod"):
                text = date_period_text(period)
                if text:
                    values.append(text)
            for detail in children(version, "VersionDetail"):
                if detail.get("DetailReferenceID"):
                    values.append(
                        self.refs.text("DetailReference", detail.get("DetailReferenceID"))
                    )
                elif detail.text and detail.text.strip():
                    values.append(detail.text.strip())
            for where in children(version, "VersionLocation"):
                place = self.places.get(where.get("LocationID", ""))
                if place is None:
                    continue
                if label.lower() == "location":
                    subject.add("address", place.text or None)
                    subject.add("country", place.country or None)
                else:
                    values.append(place.country or place.text)
            for value in values:
                if value and not apply_label(subject, label, value):
                    subject.add("notes", f"{label} {value}".strip())

    def _entry(self, element: etree._Element) -> None:
        ref = element.get("ProfileID", "")
        subject = self.subjects.get(ref)
        if subject is None:
            self.skipped.append(
                SkippedRecord(
                    ref or element.get("ID", ""),
                    f"SanctionsEntry {element.get('ID', '')} names unknown profile {ref}",
                    _line(element),
                )
            )
            return
        list_name = self.refs.text("List", element.get("ListID"))
        if list_name:
            subject.fact("ofacList", list_name)
        for event in children(element, "EntryEvent"):
            when = _ymd(_first(event, "Date"))
            if when is not None:
                self.listing_dates.setdefault(ref, []).append(when.isoformat())
            basis = self.refs.text("LegalBasis", event.get("LegalBasisID"))
            if basis and basis.lower() != "unknown":
                subject.provision(f"Legal basis: {basis}")
        for measure in children(element, "SanctionsMeasure"):
            measure_type = self.refs.text("SanctionsType", measure.get("SanctionsTypeID"))
            comment = child_text(measure, "Comment")
            if measure_type.lower() == "program":
                if comment:
                    subject.sanction.add("program", comment)
            elif measure_type:
                subject.provision(f"Measure: {measure_type}" + (f" ({comment})" if comment else ""))

    # --- result ----------------------------------------------------------------------------------

    def result(self) -> ParsedList:
        if not self.subjects:
            raise InputError(
                "no DistinctParty could be read from the file",
                path=self.path,
                record=self.skipped[0].reference if self.skipped else None,
                hint=_FIX,
            )
        for ref, dates in self.listing_dates.items():
            self.subjects[ref].sanction.add("listingDate", min(dates))
        names = {ref: (s.entity.get("name") or [""])[0] for ref, s in self.subjects.items()}
        for source, target, relation in self.relations:
            subject = self.subjects.get(source)
            if subject is None or target not in self.subjects:
                continue
            target_id = self.subjects[target].id
            subject.fact("linkedTo", names[target])
            subject.fact("linkedToId", target_id)
            subject.fact("relation", f"{relation} {target_id}".strip())
            if relation.lower() == "owned or controlled by" and subject.has("owner"):
                subject.entity.add("owner", target_id)
        if self.issued is not None:
            published = datetime(self.issued.year, self.issued.month, self.issued.day, tzinfo=UTC)
            fmt = FORMAT
        else:
            published, origin = publication_date(self.path)
            fmt = f"{FORMAT}+published-from-{origin}"
            log.warning("%s: no DateOfIssue; using the %s date", self.path, origin)
        consolidated = self._consolidated()
        if consolidated:
            fmt += CONSOLIDATED_MARK
        parsed = ParsedList(
            source=list_source(consolidated), format=fmt, published=published, inputs=[self.path]
        )
        for subject in self.subjects.values():
            parsed.entities.append(subject.entity)
            parsed.entities.append(subject.sanction)
            parsed.facts.extend(subject.facts)
        parsed.skipped = self.skipped
        for record in self.skipped:
            log.warning(
                "skipped OFAC record %s (line %s): %s", record.reference, record.line, record.reason
            )
        return parsed

    def _consolidated(self) -> bool:
        """The consolidated (non-SDN) list: entries on the "Consolidated List" (else: file name)."""
        lists = {f.value for s in self.subjects.values() for f in s.facts if f.prop == "ofacList"}
        if lists:
            # cons_advanced also puts a few entries on the "SDN List" as well; sdn_advanced
            # never uses the "Consolidated List".
            return "Consolidated List" in lists
        return consolidated_by_name(self.path)


def _compose(parts: dict[str, list[str]], *, individual: bool) -> str:
    """One display name from typed name parts ("LAST, First Middle" for individuals)."""
    last = " ".join(parts.get("last name", []))
    given = " ".join(
        value
        for key in ("first name", "middle name", "patronymic", "matronymic")
        for value in parts.get(key, [])
    )
    if individual and last and given:
        return f"{last}, {given}"
    ordered = [last, given] if individual else []
    ordered += [" ".join(v) for k, v in parts.items() if k not in _PERSON_PARTS or not individual]
    return " ".join(p for p in ordered if p).strip()


_PERSON_PARTS = {"last name", "first name", "middle name", "patronymic", "matronymic"}


PARSERS: list[ListParser] = [AdvancedXmlParser()]
