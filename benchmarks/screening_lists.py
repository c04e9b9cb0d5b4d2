"""Load the real UN and OFAC files in ../shared/data/lists as ListedEntity, for benchmarks.

This is a small reader for evaluation only (the project's parsers live in
``sanctionwatch.sources``): it reads the fields screening uses (names,
aliases with their quality, dates and ranges of birth, nationality,
passports, IMO/MMSI/call sign) so that the development set and the
benchmarks can run on real list entries.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

from lxml import etree

from sanctionwatch.model.entity import ListedEntity

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "lists"
if not SHARED.exists():
    SHARED = Path("/work/shared/data/lists")
UN_FILE = SHARED / "un" / "un_consolidated_2026-05-08.xml"
OFAC_FILE = SHARED / "ofac" / "sdn_2024-05-03.csv"

_COUNTRY_FIX = {"Democratic People's Republic of Korea": "kp", "Korea, North": "kp"}


def _text(el: etree._Element, tag: str) -> str:
    return (el.findtext(tag) or "").strip()


def load_un(path: Path = UN_FILE) -> list[ListedEntity]:
    """Every UN entry (individuals and entities) with names, aliases, DOBs, documents."""
    tree = etree.parse(str(path))
    out: list[ListedEntity] = []
    for el in tree.iter("INDIVIDUAL", "ENTITY"):
        ref = _text(el, "REFERENCE_NUMBER")
        person = el.tag == "INDIVIDUAL"
        parts = [_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        name = " ".join(p for p in parts if p)
        props: dict[str, list[str]] = {"name": [name]}
        alias_tag = "INDIVIDUAL_ALIAS" if person else "ENTITY_ALIAS"
        for alias in el.iter(alias_tag):
            value = _text(alias, "ALIAS_NAME")
            if not value:
                continue
            quality = _text(alias, "QUALITY").lower()
            prop = "weakAlias" if quality == "low" else "alias"
            props.setdefault(prop, []).append(value)
        original = _text(el, "NAME_ORIGINAL_SCRIPT")
        if original:
            props.setdefault("alias", []).append(original)
        for value in el.iterfind("NATIONALITY/VALUE"):
            if value.text and value.text.strip():
                props.setdefault("nationality", []).append(
                    _COUNTRY_FIX.get(value.text.strip(), value.text.strip())
                )
        for dob in el.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            date, year = _text(dob, "DATE"), _text(dob, "YEAR")
            lo, hi = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
            if date:
                props.setdefault("birthDate", []).append(date[:10])
            elif year:
                props.setdefault("birthDate", []).append(year)
            elif lo and hi:
                props.setdefault("birthDateRange", []).append(f"{lo}/{hi}")
        for doc in el.iter("INDIVIDUAL_DOCUMENT"):
            number = _text(doc, "NUMBER")
            kind = _text(doc, "TYPE_OF_DOCUMENT").lower()
            if number:
                props.setdefault("passportNumber" if "passport" in kind else "idNumber", []).append(
                    number
                )
        schema = "Person" if person else "LegalEntity"
        sanction = {"unscId": [ref], "program": [_text(el, "UN_LIST_TYPE")]}
        out.append(ListedEntity(f"un-{ref}", schema, "un", props, [sanction]))
    return out


_AKA = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'$")
_DOB = re.compile(r"^(?:alt\. )?DOB (?:circa )?(.+)$")
_IMO = re.compile(r"IMO (\d{7})")
_MMSI = re.compile(r"MMSI (\d{9})")
_PASSPORT = re.compile(r"^(?:alt\. )?Passport ([A-Z0-9-]+)")
_NATIONALITY = re.compile(r"^(?:alt\. )?(?:nationality|citizen) (.+)$")


def _dob(text: str) -> list[str]:
    text = text.strip()
    if " to " in text:
        lo, hi = text.split(" to ", 1)
        return [f"range:{lo[-4:]}/{hi[-4:]}"]
    for fmt, keep in (("%d %b %Y", 10), ("%b %Y", 7), ("%Y", 4)):
        try:
            return [datetime.strptime(text, fmt).date().isoformat()[:keep]]
        except ValueError:
            continue
    return []


def load_ofac(path: Path = OFAC_FILE, dprk_only: bool = False) -> list[ListedEntity]:
    """Every OFAC SDN.CSV entry (or only DPRK programs) with aliases and remarks parsed."""
    out: list[ListedEntity] = []
    with path.open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 12:
                continue
            row = [c.strip() if c.strip() != "-0-" else "" for c in row]
            ent_num, name, kind, program = row[0], row[1], row[2].lower(), row[3]
            if dprk_only and "DPRK" not in program:
                continue
            schema = {"individual": "Person", "vessel": "Vessel", "aircraft": "Aircraft"}.get(
                kind, "LegalEntity"
            )
            props: dict[str, list[str]] = {"name": [name]}
            if row[4] and schema == "Vessel":
                props["callSign"] = [row[4]]
            if row[9]:
                props["flag" if schema == "Vessel" else "country"] = [
                    _COUNTRY_FIX.get(row[9], row[9])
                ]
            for remark in (r.strip().rstrip(".") for r in row[11].split(";")):
                if m := _AKA.match(remark):
                    prop = "previousName" if remark.startswith("f.k.a.") else "alias"
                    props.setdefault(prop, []).append(m.group(2))
                elif m := _DOB.match(remark):
                    for value in _dob(m.group(1)):
                        if value.startswith("range:"):
                            props.setdefault("birthDateRange", []).append(value[6:])
                        else:
                            props.setdefault("birthDate", []).append(value)
                elif m := _PASSPORT.match(remark):
                    props.setdefault("passportNumber", []).append(m.group(1))
                elif m := _NATIONALITY.match(remark):
                    props.setdefault("nationality", []).append(
                        _COUNTRY_FIX.get(m.group(1), m.group(1))
                    )
                if m := _IMO.search(remark):
                    props.setdefault("imoNumber", []).append(m.group(1))
                if m := _MMSI.search(remark):
                    props.setdefault("mmsi", []).append(m.group(1))
            programs = [p.strip("[] ") for p in program.split("]")]
            sanction = {"authorityId": [ent_num], "program": [p for p in programs if p]}
            out.append(ListedEntity(f"ofac-{ent_num}", schema, "ofac", props, [sanction]))
    return out


def load_corpus() -> list[ListedEntity]:
    """All UN entries plus the largest OFAC SDN file (the benchmark corpus)."""
    return load_un() + load_ofac()
