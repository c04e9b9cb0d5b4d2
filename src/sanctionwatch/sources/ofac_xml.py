"""OFAC's ``sdnList`` XML schema: sdn.xml and the consolidated (non-SDN) list.

Root ``sdnList`` with ``publshInformation/Publish_Date`` (MM/DD/YYYY, the release's
publication date) and one ``sdnEntry`` per listed subject: ``uid`` (the ent_num),
``firstName``/``lastName``, ``sdnType``, ``title``, ``remarks``, ``programList``,
``idList`` (typed identifiers such as Passport, Vessel Registration Identification,
MMSI), ``akaList`` (type a.k.a./f.k.a./n.k.a., category strong/weak),
``addressList``, ``nationalityList``, ``citizenshipList``, ``dateOfBirthList``,
``placeOfBirthList`` and, for vessels, ``vesselInfo``.

Entries are streamed one at a time (sdn.xml is tens of MB), through ``xmlsafe``.
The typed values go through the same label mapping as the CSV remarks
(:mod:`sanctionwatch.sources.ofac_fields`), so an entry looks the same whichever
OFAC format it came from.

Bad input:
- Whole file rejected with :class:`InputError`: empty file, not ``sdnList`` XML,
  malformed or truncated XML (with the line where parsing stopped), a DTD or
  entity declaration (:class:`UnsafeInputError`), no ``sdnEntry`` at all.
- Single entry skipped and reported (``ParsedList.skipped``, with its line): an
  ``sdnEntry`` without a numeric ``uid`` or without a name, or a ``uid`` seen before.
- If ``Publish_Date`` is missing the date comes from the file name, else the file's
  modification time, and the release format says so (``+published-from-filename``).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
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
    iso_date,
    list_source,
    new_subject,
    resolve_links,
)
from sanctionwatch.sources.xmlsafe import iter_elements, local

log = logging.getLogger(__name__)

FORMAT = "ofac-sdn-xml"
_ROOT = re.compile(rb"<(?:\w+:)?sdnList\b")
_FIX = "re-download the file from OFAC (sanctionslistservice.ofac.treas.gov)"


def child_text(element: etree._Element, name: str) -> str:
    """Text of the first child with local name ``name`` ("" if none), in any namespace."""
    for child in element.iterchildren(f"{{*}}{name}"):
        return (child.text or "").strip()
    return ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Children with local name ``name``, in any namespace."""
    # lxml matches "{*}name" in C; building a QName per child was the parsers' hot spot.
    return list(element.iterchildren(f"{{*}}{name}"))


def grandchildren(element: etree._Element, group: str, name: str) -> list[etree._Element]:
    """``<group><name/>...</group>`` items under ``element``."""
    found: list[etree._Element] = []
    for holder in children(element, group):
        found.extend(children(holder, name))
    return found


def person_name(last: str, first: str, *, individual: bool) -> str:
    """OFAC's display form: "LAST, First" for individuals, else the name as given."""
    if individual and first and last:
        return f"{last}, {first}"
    return last or first


def _subject_from_entry(entry: etree._Element, uid: str) -> Subject:
    kind = child_text(entry, "sdnType").lower()
    subject = new_subject(kind or "entity", uid)
    individual = kind == "individual"
    last, first = child_text(entry, "lastName"), child_text(entry, "firstName")
    subject.add("name", person_name(last, first, individual=individual))
    if individual:
        subject.add("lastName", last)
        subject.add("firstName", first)
    subject.add("position", child_text(entry, "title"))
    for program in grandchildren(entry, "programList", "program"):
        subject.sanction.add("program", (program.text or "").strip())

    for aka in grandchildren(entry, "akaList", "aka"):
        name = person_name(
            child_text(aka, "lastName"), child_text(aka, "firstName"), individual=individual
        )
        kind_of = child_text(aka, "type").lower()
        weak = child_text(aka, "category").lower() == "weak"
        if kind_of == "f.k.a.":
            prop = "previousName"
        elif weak:
            prop = "weakAlias"
        else:
            prop = "alias"
        subject.add(prop, name)

    for item in grandchildren(entry, "idList", "id"):
        label, number = child_text(item, "idType"), child_text(item, "idNumber")
        country = child_text(item, "idCountry") or None
        issued = child_text(item, "issueDate") or None
        expires = child_text(item, "expirationDate") or None
        if not apply_label(subject, label, number, country=country, issued=issued, expires=expires):
            text = f"{label} {number}" + (f" ({country})" if country else "")
            subject.fact("document", text.strip())

    for address in grandchildren(entry, "addressList", "address"):
        parts = [
            child_text(address, name)
            for name in ("address1", "address2", "address3", "city", "stateOrProvince")
        ]
        postal, country = child_text(address, "postalCode"), child_text(address, "country")
        line = ", ".join(p for p in [*parts, postal, country] if p)
        subject.add("address", line)
        subject.add("country", country)

    for item in grandchildren(entry, "nationalityList", "nationality"):
        apply_label(subject, "nationality", child_text(item, "country"))
    for item in grandchildren(entry, "citizenshipList", "citizenship"):
        apply_label(subject, "citizen", child_text(item, "country"))
    for item in grandchildren(entry, "dateOfBirthList", "dateOfBirthItem"):
        apply_label(subject, "DOB", child_text(item, "dateOfBirth"))
    for item in grandchildren(entry, "placeOfBirthList", "placeOfBirthItem"):
        apply_label(subject, "POB", child_text(item, "placeOfBirth"))

    for info in children(entry, "vesselInfo"):
        for tag, label in (
            ("callSign", "Vessel Call Sign"),
            ("vesselType", "Vessel Type"),
            ("vesselFlag", "Vessel Flag"),
            ("vesselOwner", "Vessel Owner"),
            ("tonnage", "Vessel Tonnage"),
            ("grossRegisteredTonnage", "Vessel Gross Registered Tonnage"),
        ):
            apply_label(subject, label, child_text(info, tag))

    apply_remarks(subject, child_text(entry, "remarks"))
    return subject


class SdnXmlParser:
    """OFAC sdn.xml / consolidated.xml (the ``sdnList`` schema)."""

    source = "ofac"
    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> bool:
        """True if the document element is ``sdnList``."""
        return bool(_ROOT.search(head))

    def parse(self, path: Path) -> ParsedList:
        """Stream the entries of an ``sdnList`` file."""
        try:
            with path.open("rb") as fh:
                head = fh.read(8192)
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
        if not head.strip():
            raise InputError("the file is empty", path=path, hint=_FIX)
        if not self.sniff(path, head):
            raise InputError(
                "this is not an OFAC sdnList XML file (no <sdnList> element)",
                path=path,
                line=1,
                hint="check --source and that this is OFAC's sdn.xml or consolidated.xml",
            )
        subjects: dict[str, Subject] = {}
        skipped: list[SkippedRecord] = []
        published_text = ""
        record_count = ""
        for element in iter_elements(path, {"publshInformation", "sdnEntry"}):
            if local(element.tag) == "publshInformation":
                published_text = child_text(element, "Publish_Date")
                record_count = child_text(element, "Record_Count")
                continue
            uid = child_text(element, "uid")
            line = element.sourceline if isinstance(element.sourceline, int) else None
            if not uid.isdigit():
                skipped.append(
                    SkippedRecord(uid or f"line {line}", "sdnEntry without a numeric uid", line)
                )
                continue
            if uid in subjects:
                skipped.append(SkippedRecord(uid, f"uid {uid} listed twice", line))
                continue
            if not (child_text(element, "lastName") or child_text(element, "firstName")):
                skipped.append(SkippedRecord(uid, "sdnEntry without a name", line))
                continue
            subjects[uid] = _subject_from_entry(element, uid)
        if not subjects:
            raise InputError(
                "no sdnEntry could be read from the file",
                path=path,
                record=skipped[0].reference if skipped else None,
                hint=_FIX,
            )
        if record_count.isdigit() and int(record_count) != len(subjects) + len(skipped):
            log.warning(
                "%s: Record_Count says %s entries, the file has %d",
                path,
                record_count,
                len(subjects) + len(skipped),
            )
        all_subjects = list(subjects.values())
        resolve_links(all_subjects)
        published_iso = iso_date(published_text) if published_text else None
        if published_iso is not None:
            day = datetime.fromisoformat(published_iso)
            published = datetime(day.year, day.month, day.day, tzinfo=UTC)
            fmt = FORMAT
        else:
            published, origin = publication_date(path)
            fmt = f"{FORMAT}+published-from-{origin}"
            log.warning("%s: no Publish_Date; using the %s date", path, origin)
        consolidated = consolidated_by_name(path)
        if consolidated:
            fmt += CONSOLIDATED_MARK
        parsed = ParsedList(
            source=list_source(consolidated), format=fmt, published=published, inputs=[path]
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


PARSERS: list[ListParser] = [SdnXmlParser()]
