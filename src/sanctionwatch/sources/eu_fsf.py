"""The EU Financial Sanctions File (FSF), XML version 1.1.

Layout (namespace ``http://eu.europa.ec/fpi/fsd/export``; any namespace is
accepted, only local names are read)::

    export generationDate=ISO-datetime
      sanctionEntity logicalId euReferenceNumber unitedNationId designationDate designationDetails
        remark*
        regulation* programme publicationDate entryIntoForceDate numberTitle / publicationUrl
        subjectType code=person|enterprise classificationCode=P|E
        nameAlias* wholeName firstName middleName lastName function gender title nameLanguage strong
        citizenship* countryIso2Code countryDescription
        birthdate* birthdate year monthOfYear dayOfMonth yearRangeFrom yearRangeTo circa city place ...
        address* street city zipCode poBox region place countryIso2Code / contactInfo key value
        identification* identificationTypeCode number latinNumber countryIso2Code issuedBy ...

Mapping:
- entity id ``eu-<logicalId>``; ``person`` -> Person, ``enterprise`` -> Organization,
  or Vessel when the entry carries an IMO number (identification type ``imo``, or
  a valid "IMO nnnnnnn" in its remarks together with a word such as vessel/tanker).
- ``strong="true"`` aliases are names (the first one is the caption), others are
  ``weakAlias``. Name parts, gender, function and title go on the Person.
- One Sanction per entry: authority "European Union", ``program`` = each
  regulation's programme, ``authorityId`` = the EU reference number,
  ``unscId`` = ``unitedNationId`` (the cross-list link to the UN entry),
  ``listingDate`` = ``designationDate``, ``startDate`` = earliest entry into force.
- Birth dates: an exact (or year/month-only) date is ``birthDate``. As in the UN
  parser, ranges are facts: ``birthDateRange`` = ``yearRangeFrom/yearRangeTo``, and a
  date marked ``circa`` becomes the range one year either side (``1959/1961``) with
  ``birthDateQualifier`` = ``circa 1960``, not a ``birthDate``.
- Other facts: ``euRegulation`` (type, number and title of each regulation),
  ``identityDocument`` (a document with its issuer and flags), ``birthDateText``
  and ``nationalityText`` (values FtM cannot type).

Bad input: a file that is not well-formed XML, has a DTD, or lacks the
``export``/``generationDate`` header is rejected with :class:`InputError`. A
``sanctionEntity`` without ``logicalId``, with a ``logicalId`` already used in the
file, or without any name is skipped and listed in ``ParsedList.skipped`` with its
reference and line; the rest of the file loads. A file with no ``sanctionEntity``
at all is rejected.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from followthemoney import EntityProxy
from lxml import etree

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import Fact
from sanctionwatch.model.identifiers import imo_check_digit_ok, imos_in_text
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

__all__ = ["PARSERS", "EuFsfParser"]

AUTHORITY = "European Union"
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?export[\s>]")
_VESSEL_WORDS = re.compile(r"\b(vessel|tanker|ship|cargo|bulk carrier|flag)\b", re.IGNORECASE)

# identificationTypeCode -> FtM property of the subject (others go to idNumber).
_ID_PROPS = {
    "passport": "passportNumber",
    "id": "idNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "swiftbic": "swiftBic",
    "ssn": "socialSecurityNumber",
    "imo": "imoNumber",
}


def _attr(element: etree._Element, name: str) -> str | None:
    return clean_text(element.get(name))


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    # "{*}" matches the tag in any namespace, or none, at C speed.
    return list(element.iterchildren(f"{{*}}{name}"))


def _parse_published(path: Path, root: etree._Element) -> datetime:
    raw = _attr(root, "generationDate")
    if raw is None:
        raise InputError(
            "the <export> element has no generationDate",
            path=path,
            line=line_of(root),
            hint="use the official EU FSF XML file, which states when it was generated",
        )
    try:
        published = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise InputError(
            f"generationDate {raw!r} is not an ISO date",
            path=path,
            line=line_of(root),
            hint="use the official EU FSF XML file",
        ) from exc
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.astimezone(UTC)


def _birth_date(node: etree._Element) -> str | None:
    """The most precise date the ``birthdate`` element states (ISO, possibly partial)."""
    full = _attr(node, "birthdate")
    if full:
        # "1960-00-00" style zeros mean an unknown month or day.
        return re.sub(r"(-00)+$", "", full)
    year = _attr(node, "year")
    if not year:
        return None
    month = _attr(node, "monthOfYear")
    day = _attr(node, "dayOfMonth")
    if month and month.isdigit():
        if day and day.isdigit():
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{int(month):02d}"
    return year


def _schema_of(entry: etree._Element) -> str:
    for node in _children(entry, "subjectType"):
        code = (node.get("code") or node.get("classificationCode") or "").lower()
        if code in ("person", "p"):
            return "Person"
    return "Organization"


def _entry_imos(entry: etree._Element, remarks: list[str]) -> list[str]:
    found: list[str] = []
    for node in _children(entry, "identification"):
        if (node.get("identificationTypeCode") or "").lower() == "imo":
            digits = re.sub(r"\D", "", node.get("number") or "")
            if imo_check_digit_ok(digits) and digits not in found:
                found.append(digits)
    for remark in remarks:
        if _VESSEL_WORDS.search(remark):
            found.extend(imo for imo in imos_in_text(remark) if imo not in found)
    return found


class EuFsfParser:
    """Parser for the EU Financial Sanctions File XML (``xmlFullSanctionsList_1_1``)."""

    source = "eu"
    format = "eu-fsf-xml"

    def sniff(self, path: Path, head: bytes) -> bool:
        """An ``export`` root that holds ``sanctionEntity`` elements (or the FSD namespace)."""
        if not _ROOT.search(head):
            return False
        return b"sanctionEntity" in head or b"/fsd/" in head

    def parse(self, path: Path) -> ParsedList:
        """Parse one EU FSF XML file into subjects, Sanctions and facts."""
        root = parse_xml_file(path)
        if local(root) != "export":
            raise InputError(
                f"root element is <{local(root)}>, expected <export>",
                path=path,
                line=line_of(root),
                hint="load the EU 'full sanctions list' XML (version 1.1) with --source eu",
            )
        parsed = ParsedList(
            source=self.source,
            format=self.format,
            published=_parse_published(path, root),
            inputs=[path],
        )
        seen: dict[str, int | None] = {}
        entries = _children(root, "sanctionEntity")
        if not entries:
            raise InputError(
                "the file has no <sanctionEntity> records",
                path=path,
                hint="re-download the official file; an empty list is never published",
            )
        for entry in entries:
            self._entry(entry, parsed, seen)
        return parsed

    def _entry(
        self, entry: etree._Element, parsed: ParsedList, seen: dict[str, int | None]
    ) -> None:
        logical_id = _attr(entry, "logicalId")
        reference = _attr(entry, "euReferenceNumber") or logical_id or f"line {line_of(entry)}"
        if logical_id is None:
            parsed.skipped.append(
                SkippedRecord(reference, "sanctionEntity has no logicalId", line_of(entry))
            )
            return
        if logical_id in seen:
            parsed.skipped.append(
                SkippedRecord(
                    reference,
                    f"logicalId {logical_id} already used by the entry at line {seen[logical_id]}",
                    line_of(entry),
                )
            )
            return
        seen[logical_id] = line_of(entry)
        remarks = [t for t in (clean_text(r.text) for r in _children(entry, "remark")) if t]
        schema = _schema_of(entry)
        imos = _entry_imos(entry, remarks) if schema == "Organization" else []
        if imos:
            schema = "Vessel"
        subject = make_entity(schema, f"eu-{logical_id}")
        facts: list[Fact] = []
        self._names(entry, subject)
        if not subject.get("name"):
            parsed.skipped.append(
                SkippedRecord(reference, "sanctionEntity has no name", line_of(entry))
            )
            return
        add(subject, "notes", remarks)
        for imo in imos:
            add(subject, "imoNumber", imo)
        if schema == "Person":
            self._person(entry, subject, facts)
        self._addresses(entry, subject)
        self._identifications(entry, subject, facts)
        parsed.entities.append(subject)
        parsed.entities.append(self._sanction(entry, subject, facts))
        parsed.facts.extend(facts)

    def _names(self, entry: etree._Element, subject: EntityProxy) -> None:
        is_person = subject.schema.name == "Person"
        # The caption is the first strong name in English (or of no stated language).
        nodes = sorted(
            _children(entry, "nameAlias"),
            key=lambda n: (n.get("nameLanguage") or "EN").upper() != "EN",
        )
        for node in nodes:
            whole = _attr(node, "wholeName")
            if not whole:
                parts = [_attr(node, k) for k in ("firstName", "middleName", "lastName")]
                whole = " ".join(p for p in parts if p) or None
            if not whole:
                continue
            strong = (node.get("strong") or "true").lower() != "false"
            if not strong:
                add(subject, "weakAlias", whole)
            elif not subject.get("name"):
                add(subject, "name", whole)
                if is_person:
                    add(subject, "firstName", _attr(node, "firstName"))
                    add(subject, "middleName", _attr(node, "middleName"))
                    add(subject, "lastName", _attr(node, "lastName"))
            elif whole not in subject.get("name"):
                add(subject, "alias", whole)
            if is_person:
                add(subject, "gender", _attr(node, "gender"))
                add(subject, "position", _attr(node, "function"))
                add(subject, "title", _attr(node, "title"))

    def _person(self, entry: etree._Element, subject: EntityProxy, facts: list[Fact]) -> None:
        assert subject.id is not None
        for node in _children(entry, "birthdate"):
            date = _birth_date(node)
            circa = (node.get("circa") or "").lower() == "true"
            if date and circa and date[:4].isdigit():
                # As for UN "APPROXIMATELY": one year either side, and no exact birthDate
                # (which screening would read as a conflict with the year next to it).
                year = int(date[:4])
                facts.append(Fact(subject.id, "birthDateRange", f"{year - 1}/{year + 1}"))
                facts.append(Fact(subject.id, "birthDateQualifier", f"circa {date}"))
            elif date:
                add_or_fact(subject, "birthDate", date, facts, "birthDateText")
            # A year range has no FtM property; it is kept whole as an ISO interval.
            low, high = _attr(node, "yearRangeFrom"), _attr(node, "yearRangeTo")
            if low and high:
                facts.append(Fact(subject.id, "birthDateRange", f"{low}/{high}"))
            place = ", ".join(
                p
                for p in (
                    _attr(node, "place") or _attr(node, "city"),
                    _attr(node, "region"),
                    _attr(node, "countryDescription"),
                )
                if p and p.upper() != "UNKNOWN"
            )
            add(subject, "birthPlace", place or None)
            add(subject, "birthCountry", _attr(node, "countryIso2Code"))
        for node in _children(entry, "citizenship"):
            code = _attr(node, "countryIso2Code")
            description = _attr(node, "countryDescription")
            if code and code != "00":
                add(subject, "nationality", code)
            elif description and description.upper() != "UNKNOWN":
                add_or_fact(
                    subject,
                    "nationality",
                    description,
                    facts,
                    "nationalityText",
                )

    def _addresses(self, entry: etree._Element, subject: EntityProxy) -> None:
        for node in _children(entry, "address"):
            parts = [
                _attr(node, k)
                for k in ("street", "poBox", "city", "zipCode", "place", "region")
                + ("countryDescription",)
            ]
            text = ", ".join(p for p in parts if p and p.upper() != "UNKNOWN")
            add(subject, "address", text or None)
            code = _attr(node, "countryIso2Code")
            if code and code != "00":
                add(subject, "country", code)
            for info in _children(node, "contactInfo"):
                key = (info.get("key") or "").upper()
                prop = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website"}
                if key in prop:
                    add(subject, prop[key], _attr(info, "value"))

    def _identifications(
        self, entry: etree._Element, subject: EntityProxy, facts: list[Fact]
    ) -> None:
        assert subject.id is not None
        for node in _children(entry, "identification"):
            number = _attr(node, "number") or _attr(node, "latinNumber")
            if not number:
                continue
            code = (node.get("identificationTypeCode") or "").lower()
            prop = _ID_PROPS.get(code, "idNumber")
            if prop not in subject.schema.properties:
                prop = (
                    "idNumber" if "idNumber" in subject.schema.properties else "registrationNumber"
                )
            add(subject, prop, number)
            country = _attr(node, "countryIso2Code")
            details = [
                _attr(node, "identificationTypeDescription") or code,
                number,
                country if country != "00" else None,
                _attr(node, "issuedBy"),
            ]
            flags = [
                flag
                for flag in ("diplomatic", "knownExpired", "knownFalse", "reportedLost")
                if (node.get(flag) or "").lower() == "true"
            ]
            facts.append(
                Fact(subject.id, "identityDocument", "; ".join(p for p in details + flags if p))
            )

    def _sanction(
        self, entry: etree._Element, subject: EntityProxy, facts: list[Fact]
    ) -> EntityProxy:
        assert subject.id is not None
        sanction = sanction_for(subject)
        add(sanction, "authority", AUTHORITY)
        add(sanction, "country", "eu")
        add(sanction, "authorityId", _attr(entry, "euReferenceNumber"))
        add(sanction, "unscId", _attr(entry, "unitedNationId"))
        add(sanction, "listingDate", _attr(entry, "designationDate"))
        add(sanction, "reason", _attr(entry, "designationDetails"))
        starts: list[str] = []
        for node in _children(entry, "regulation"):
            add(sanction, "program", _attr(node, "programme"))
            start = _attr(node, "entryIntoForceDate") or _attr(node, "publicationDate")
            if start:
                starts.append(start)
            for url in _children(node, "publicationUrl"):
                add(sanction, "sourceUrl", clean_text(url.text))
            title = _attr(node, "numberTitle")
            if title:
                kind = _attr(node, "regulationType") or "regulation"
                facts.append(Fact(subject.id, "euRegulation", f"{kind} {title}"))
        if starts:
            add(sanction, "startDate", min(starts))
        if not sanction.get("listingDate") and starts:
            add(sanction, "listingDate", min(starts))
        return sanction


PARSERS: list[ListParser] = [EuFsfParser()]
