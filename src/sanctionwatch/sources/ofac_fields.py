"""What OFAC's labels mean in FollowTheMoney terms, shared by all three OFAC formats.

The legacy CSV writes facts into free-text remarks ("DOB 18 Jun 1964; Passport
381420754 (Korea, North)"), the ``sdnList`` XML has typed ``idList`` items and the
advanced XML has typed features and documents; all three use the same OFAC
labels ("Passport", "Vessel Registration Identification", "MMSI", ...). This
module maps a label and its value onto a subject once, so the formats agree.

Conventions:
- Entity id ``ofac-<ent_num>`` (the advanced XML's ``FixedRef`` is the same number);
  one ``Sanction`` per subject, id ``ofac-<ent_num>-sanction``.
- Schema by SDN type: individual → Person, entity → Organization,
  vessel → Vessel, aircraft → Airplane (FtM's name for an aircraft).
- OFAC's consolidated non-SDN list is a separate list from the SDN list; parsers
  append ``+list-consolidated`` to the release format for it.
- Individuals' names stay as OFAC writes them ("PAEK, Chang-Ho"), with
  ``lastName``/``firstName`` split at the first comma.

Facts (what FtM has no property for), by ``prop``:
- ``birthDateRange``: an ISO interval ``"1964/1966"`` for "DOB 1964 to 1966";
  both ends also go to ``birthDate``.
- ``birthDateApprox``: the date written as "circa"; it also goes to ``birthDate``.
- ``document``: one identity/registration document as written, with its country
  and dates, e.g. ``"Passport 381420754 (kp) issued 2011-12-07 expires 2016-12-07"``.
- ``linkedTo`` / ``linkedToId``: the "Linked To:" name, and ``ofac-<n>`` when exactly
  one subject of the same release has that name.
- ``ownerName``: a vessel's owner as written (FtM ``owner`` is set when resolved).
- ``cryptoWallet``: ``"XBT 1DtG..."`` digital currency addresses.
- ``bik``, ``isin``, ``equityTicker``, ``issuerName``, ``operatorName``,
  ``previousTailNumber``, ``aircraftConstructionNumber``, ``modeSTransponderCode``,
  ``chineseCommercialCode``: as labelled by OFAC.
- ``imoNumberText`` / ``mmsiText``: an IMO number whose check digit fails (OFAC
  lists some old Lloyd's numbers) or an MMSI that is not nine digits, as written.
- ``ofacList``: the OFAC list(s) an advanced-XML entry is on (e.g. "SDN List").
- ``nameOriginalScript``: a name in a non-Latin script (advanced XML).
- ``relation``: an advanced-XML relationship, ``"Owned or Controlled By ofac-17022"``.
- Any FtM property whose value FtM cannot clean (a phone number without a
  country code, an unknown country name) is kept as a fact of the same name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from followthemoney import EntityProxy, model, registry

from sanctionwatch.model.entity import Fact
from sanctionwatch.model.identifiers import normalize_imo, normalize_mmsi

AUTHORITY = "US Office of Foreign Assets Control"
SOURCE = "ofac"
SCHEMA_BY_TYPE = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DAY_MON_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4})$")
_MON_YEAR = re.compile(r"^([A-Za-z]{3})[a-z]*\.? (\d{4})$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


# OFAC publishes two lists: the SDN list and the consolidated non-SDN list (SSI, NS-PLC,
# CMIC, ...). They are separate timelines; a release of the second is marked in its format.
CONSOLIDATED_MARK = "+list-consolidated"
# OFAC's consolidated (non-SDN) list is a list of its own with its own release
# history; sharing the SDN timeline would make each release "remove" the other.
SDN_SOURCE = "ofac"
CONSOLIDATED_SOURCE = "ofac_cons"


def list_source(consolidated: bool) -> str:
    """The store source for an OFAC file: the SDN list or the consolidated non-SDN list."""
    return CONSOLIDATED_SOURCE if consolidated else SDN_SOURCE


def consolidated_by_name(path: Path) -> bool:
    """True if the file name says it is OFAC's consolidated (non-SDN) list."""
    name = path.name.lower()
    return name.startswith("cons") or "nonsdn" in name or "non_sdn" in name


def entity_id(ref: str) -> str:
    """The stable id of OFAC entry ``ref`` (ent_num / uid / FixedRef)."""
    return f"{SOURCE}-{ref}"


def iso_date(text: str) -> str | None:
    """One OFAC date ("18 Jun 1964", "Jun 1964", "1964", "12/18/2025", ISO) as ISO 8601."""
    text = text.strip()
    if _ISO.match(text):
        return text
    match = _DAY_MON_YEAR.match(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    match = _MON_YEAR.match(text)
    if match and match.group(1).lower() in _MONTHS:
        return f"{match.group(2)}-{_MONTHS[match.group(1).lower()]:02d}"
    match = _US_DATE.match(text)
    if match:
        try:
            return date(int(match.group(3)), int(match.group(1)), int(match.group(2))).isoformat()
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class DateValue:
    """A date as OFAC writes it: exact or partial, "circa", or "A to B"."""

    dates: list[str]
    interval: str | None = None
    approximate: bool = False


def parse_date_value(text: str) -> DateValue | None:
    """Parse "18 Jun 1964", "circa 1960", "1964 to 1966" (and ISO forms); None if unreadable."""
    text = text.strip().rstrip(".")
    approximate = False
    if text.lower().startswith("circa "):
        approximate = True
        text = text[6:]
    # "1964 to 1966", and "1979-1982" as OFAC sometimes writes a span of years.
    parts = re.split(r"\s+to\s+|(?<=^\d{4})\s*-\s*(?=\d{4}$)", text, maxsplit=1)
    dates = [iso_date(part) for part in parts]
    if any(d is None for d in dates):
        return None
    found = [d for d in dates if d is not None]
    if len(found) == 2:
        return DateValue(found, interval=f"{found[0]}/{found[1]}", approximate=approximate)
    return DateValue(found, approximate=approximate)


def split_individual_name(name: str) -> tuple[str | None, str | None]:
    """(lastName, firstName) of an OFAC individual's "LAST, First" name."""
    if "," not in name:
        return None, None
    last, first = (part.strip() for part in name.split(",", 1))
    return (last or None), (first or None)


@dataclass
class Subject:
    """A listed subject being built: its FtM entity, its Sanction and its facts."""

    entity: EntityProxy
    sanction: EntityProxy
    facts: list[Fact] = field(default_factory=list)
    link_names: list[str] = field(default_factory=list)
    owner_names: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        assert self.entity.id is not None
        return self.entity.id

    def has(self, prop: str) -> bool:
        return self.entity.schema.get(prop) is not None

    def add(self, prop: str, value: str | None) -> None:
        """Add a value to an FtM property; keep it as a fact if FtM cannot take it."""
        if value is None or not value.strip():
            return
        value = value.strip()
        prop_obj = self.entity.schema.get(prop)
        if prop_obj is None:
            self.fact(prop, value)
            return
        if prop_obj.type.name == "phone":
            cleaned = prop_obj.type.clean(value, proxy=self.entity)
        else:
            cleaned = _clean(prop_obj.type.name, value)
        if cleaned is None:
            self.fact(prop, value)
            return
        self.entity.unsafe_add(prop_obj, cleaned, cleaned=True)

    def fact(self, prop: str, value: str) -> None:
        item = Fact(self.id, prop, value.strip())
        if item not in self.facts:
            self.facts.append(item)

    def provision(self, text: str) -> None:
        self.sanction.add("provisions", text.strip())

    def add_name(self, name: str, *, prop: str = "name") -> None:
        """Add a name as written; for individuals also its first/last parts."""
        self.add(prop, name)
        if prop == "name" and self.entity.schema.name == "Person":
            last, first = split_individual_name(name)
            self.add("lastName", last)
            self.add("firstName", first)

    def add_date(self, prop: str, text: str) -> None:
        """Add an OFAC date (exact, partial, circa or range) to a date property."""
        value = parse_date_value(text)
        if value is None:
            self.fact(prop, text)
            return
        for iso in value.dates:
            self.add(prop, iso)
        if value.interval and prop == "birthDate":
            self.fact("birthDateRange", value.interval)
        if value.approximate and prop == "birthDate":
            for iso in value.dates:
                self.fact("birthDateApprox", iso)


@functools.lru_cache(maxsize=65536)
def _clean(type_name: str, value: str) -> str | None:
    # Country names and dates repeat thousands of times; FtM's cleaning is the hot path.
    return registry.get(type_name).clean(value)


def new_subject(kind: str, ref: str) -> Subject:
    """A subject for OFAC entry ``ref`` of SDN type ``kind`` (individual/entity/vessel/aircraft)."""
    schema = SCHEMA_BY_TYPE.get(kind.strip().lower(), "Organization")
    entity = model.make_entity(schema)
    entity.id = entity_id(ref)
    sanction = model.make_entity("Sanction")
    sanction.id = f"{entity.id}-sanction"
    sanction.add("entity", entity.id)
    sanction.add("authority", AUTHORITY)
    sanction.add("authorityId", ref)
    sanction.add("country", "us")
    return Subject(entity, sanction)


# --- labels -------------------------------------------------------------------------------------

# Label (lower case, as OFAC writes it in remarks, idList types, features and document
# types) -> (FtM property or fact name, kind of value).
_LABELS: dict[str, tuple[str, str]] = {
    "dob": ("birthDate", "date"),
    "birthdate": ("birthDate", "date"),
    "pob": ("birthPlace", "text"),
    "place of birth": ("birthPlace", "text"),
    "nationality": ("nationality", "country"),
    "nationality country": ("nationality", "country"),
    "citizen": ("citizenship", "country"),
    "citizenship country": ("citizenship", "country"),
    "gender": ("gender", "gender"),
    "title": ("position", "text"),
    "passport": ("passportNumber", "doc"),
    "diplomatic passport": ("passportNumber", "doc"),
    "national id no.": ("idNumber", "doc"),
    "identification number": ("idNumber", "doc"),
    "cedula no.": ("idNumber", "doc"),
    "c.u.r.p.": ("idNumber", "doc"),
    "d.n.i.": ("idNumber", "doc"),
    "personal id card": ("idNumber", "doc"),
    "birth certificate number": ("idNumber", "doc"),
    "residency number": ("idNumber", "doc"),
    "credencial electoral": ("idNumber", "doc"),
    "electoral registry no.": ("idNumber", "doc"),
    "refugee id card": ("idNumber", "doc"),
    "kenyan id no.": ("idNumber", "doc"),
    "italian fiscal code": ("idNumber", "doc"),
    "turkish identification number": ("idNumber", "doc"),
    "driver's license no.": ("idNumber", "doc"),
    "cartilla de servicio militar nacional": ("idNumber", "doc"),
    "visanumberid": ("idNumber", "doc"),
    "national foreign id number": ("idNumber", "doc"),
    "tazkira national id card": ("idNumber", "doc"),
    "travel document number": ("idNumber", "doc"),
    "citizen's card number": ("idNumber", "doc"),
    "numero de identidad": ("idNumber", "doc"),
    "ssn": ("socialSecurityNumber", "doc"),
    "paraguayan tax identification number": ("taxNumber", "doc"),
    "tax id no.": ("taxNumber", "doc"),
    "r.f.c.": ("taxNumber", "doc"),
    "rfc": ("taxNumber", "doc"),
    "nit #": ("taxNumber", "doc"),
    "ruc #": ("taxNumber", "doc"),
    "c.u.i.t.": ("taxNumber", "doc"),
    "c.u.i.p.": ("taxNumber", "doc"),
    "c.u.i.": ("taxNumber", "doc"),
    "rtn": ("taxNumber", "doc"),
    "v.a.t. number": ("vatCode", "doc"),
    "registration number": ("registrationNumber", "doc"),
    "registration id": ("registrationNumber", "doc"),
    "business registration number": ("registrationNumber", "doc"),
    "business registration document #": ("registrationNumber", "doc"),
    "company number": ("registrationNumber", "doc"),
    "commercial registry number": ("registrationNumber", "doc"),
    "government gazette number": ("registrationNumber", "doc"),
    "c.r. no.": ("registrationNumber", "doc"),
    "chamber of commerce number": ("registrationNumber", "doc"),
    "trade license no.": ("registrationNumber", "doc"),
    "public registration number": ("registrationNumber", "doc"),
    "folio mercantil no.": ("registrationNumber", "doc"),
    "matricula mercantil no": ("registrationNumber", "doc"),
    "central registration system number": ("registrationNumber", "doc"),
    "economic register number (cbls)": ("registrationNumber", "doc"),
    "istanbul chamber of comm. no.": ("registrationNumber", "doc"),
    "certificate of incorporation number": ("registrationNumber", "doc"),
    "enterprise number": ("registrationNumber", "doc"),
    "branch unit number": ("registrationNumber", "doc"),
    "license": ("registrationNumber", "doc"),
    "uk company number": ("registrationNumber", "doc"),
    "registered charity no.": ("registrationNumber", "doc"),
    "dubai chamber of commerce membership no.": ("registrationNumber", "doc"),
    "united social credit code certificate (usccc)": ("uscCode", "doc"),
    "chinese commercial code": ("chineseCommercialCode", "fact"),
    "aircraft mode s transponder code": ("modeSTransponderCode", "fact"),
    "ethnicity": ("ethnicity", "text"),
    "legal entity number": ("leiCode", "doc"),
    "unified social credit code (uscc)": ("uscCode", "doc"),
    "d-u-n-s number": ("dunsCode", "doc"),
    "swift/bic": ("swiftBic", "text"),
    "email address": ("email", "text"),
    "email": ("email", "text"),
    "website": ("website", "text"),
    "phone number": ("phone", "text"),
    "telephone": ("phone", "text"),
    "bik (ru)": ("bik", "fact"),
    "isin": ("isin", "fact"),
    "equity ticker": ("equityTicker", "fact"),
    "issuer name": ("issuerName", "fact"),
    "organization established date": ("incorporationDate", "date"),
    "organization type:": ("sector", "text"),
    "target type": ("classification", "text"),
    "nationality of registration": ("jurisdiction", "country"),
    "vessel registration identification": ("imoNumber", "imo"),
    "imo": ("imoNumber", "imo"),
    "mmsi": ("mmsi", "mmsi"),
    "vessel call sign": ("callSign", "text"),
    "other vessel call sign": ("callSign", "text"),
    "vessel flag": ("flag", "country"),
    "other vessel flag": ("flag", "country"),
    "former vessel flag": ("pastFlags", "country"),
    "vessel type": ("type", "text"),
    "other vessel type": ("type", "text"),
    "former vessel type": ("pastTypes", "text"),
    "vessel tonnage": ("tonnage", "number"),
    "vessel gross registered tonnage": ("grossRegisteredTonnage", "number"),
    "vessel deadweight tonnage": ("deadweightTonnage", "number"),
    "vessel owner": ("owner", "owner"),
    "vessel year of build": ("buildDate", "date"),
    "aircraft model": ("model", "text"),
    "aircraft manufacture date": ("buildDate", "date"),
    "aircraft operator": ("operatorName", "fact"),
    "aircraft manufacturer's serial number (msn)": ("serialNumber", "text"),
    "aircraft tail number": ("registrationNumber", "text"),
    "previous aircraft tail number": ("previousTailNumber", "fact"),
    "aircraft construction number (also called l/n or s/n or f/n)": (
        "aircraftConstructionNumber",
        "fact",
    ),
    "linked to:": ("linkedTo", "link"),
}
# Labels whose whole item is a legal provision of the designation, kept on the Sanction.
_PROVISION_PREFIXES = (
    "secondary sanctions risk:",
    "transactions prohibited for persons owned or controlled by u.s. financial institutions:",
    "additional sanctions information -",
    "executive order",
    "caatsa section",
    "listing date (",
    "effective date (",
    "purchase/sales for divestment date (",
    "for more information on directives",
)
_DIGITAL_CURRENCY = "digital currency address - "
# Longest label first, so "vessel registration identification" beats "registration ...".
_LABEL_ORDER = sorted(_LABELS, key=len, reverse=True)
_LABEL_PREFIX = re.compile(
    "(" + "|".join(re.escape(label) for label in _LABEL_ORDER) + r")(?=[\s:]|$|(?<=:))",
    re.IGNORECASE,
)
_DOC_DATE = r"\d{1,2} [A-Za-z]{3} \d{4}|[A-Za-z]{3} \d{4}|\d{4}"
_DOC_TAIL = re.compile(
    r"^(?P<number>.+?)"
    r"(?:\s+\((?P<country>[^()]*)\))?"
    rf"(?:\s+issued\s+(?P<issued>{_DOC_DATE}))?"
    rf"(?:\s+expires\s+(?P<expires>{_DOC_DATE}))?$",
    re.IGNORECASE,
)


def apply_label(
    subject: Subject,
    label: str,
    value: str,
    *,
    country: str | None = None,
    issued: str | None = None,
    expires: str | None = None,
) -> bool:
    """Put ``value`` labelled ``label`` on ``subject``; return False if the label is unknown."""
    key = label.strip().lower().rstrip()
    value = value.strip()
    if key.startswith(_PROVISION_PREFIXES):
        subject.provision(f"{label.strip()} {value}".strip())
        return True
    if key.startswith(_DIGITAL_CURRENCY):
        currency = key[len(_DIGITAL_CURRENCY) :].upper()
        subject.fact("cryptoWallet", f"{currency} {value}")
        return True
    if key not in _LABELS:
        return False
    prop, kind = _LABELS[key]
    if not value:
        # A label with nothing after it: let the caller keep the text as written.
        return False
    if kind in ("doc", "text") and re.match(r"^IMO\s*\d{7}\b", value):
        # "Company Number IMO 5055293" is a company's IMO number, not a registration number.
        kind, prop = "imo", "imoNumber"
    if kind == "date":
        subject.add_date(prop, value)
    elif kind == "country":
        subject.add(prop, value)
    elif kind == "gender":
        subject.add(prop, value.lower())
    elif kind == "imo":
        imo = normalize_imo(value)
        if imo is None:
            subject.fact("imoNumberText", value)
        else:
            subject.add(prop, f"IMO{imo}")
    elif kind == "mmsi":
        mmsi = normalize_mmsi(value)
        if mmsi is None:
            subject.fact("mmsiText", value)
        else:
            subject.add(prop, mmsi)
    elif kind == "number":
        subject.add(prop, value.replace(",", ""))
    elif kind == "owner":
        subject.owner_names.append(value)
        subject.fact("ownerName", value)
    elif kind == "link":
        subject.link_names.append(value)
        subject.fact("linkedTo", value)
    elif kind == "fact":
        subject.fact(prop, value)
    elif kind == "doc":
        _add_document(subject, label.strip(), prop, value, country, issued, expires)
    else:
        subject.add(prop, value)
    return True


def _add_document(
    subject: Subject,
    label: str,
    prop: str,
    value: str,
    country: str | None,
    issued: str | None,
    expires: str | None,
) -> None:
    number = value
    if country is None and issued is None and expires is None:
        # Remarks write "Passport 381420754 (Korea, North) issued 07 Dec 2011 expires ...".
        match = _DOC_TAIL.match(value)
        if match and match.group("number"):
            number = match.group("number")
            country = match.group("country")
            issued = match.group("issued")
            expires = match.group("expires")
    subject.add(prop, number)
    parts = [f"{label} {number}"]
    if country:
        code = registry.country.clean(country)
        parts.append(f"({code or country})")
    if issued:
        parts.append(f"issued {iso_date(issued) or issued}")
    if expires:
        parts.append(f"expires {iso_date(expires) or expires}")
    subject.fact("document", " ".join(parts))


def apply_remark_item(subject: Subject, item: str) -> None:
    """Apply one "; "-separated item of an OFAC remark; unknown items go to ``notes``."""
    text = item.strip().rstrip(".").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text:
        return
    text = re.sub(r"^alt\.\s+", "", text, flags=re.IGNORECASE)
    alias = re.match(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.*)'$", text, re.IGNORECASE)
    if alias:
        kind = alias.group(1).lower()
        prop = {"a.k.a.": "weakAlias", "f.k.a.": "previousName", "n.k.a.": "alias"}[kind]
        subject.add(prop, alias.group(2))
        return
    lower = text.lower()
    if lower.startswith(_PROVISION_PREFIXES):
        subject.provision(text)
        return
    if lower.startswith(_DIGITAL_CURRENCY):
        rest = text[len(_DIGITAL_CURRENCY) :]
        currency, _, address = rest.partition(" ")
        apply_label(subject, _DIGITAL_CURRENCY + currency, address)
        return
    if lower.startswith("dob circa "):
        subject.add_date("birthDate", text[4:])
        return
    match = _LABEL_PREFIX.match(text)
    if match:
        label = match.group(1)
        if apply_label(subject, label, text[len(label) :].lstrip(" :")):
            return
    subject.add("notes", text)


def split_remarks(remarks: str) -> list[str]:
    """Split an OFAC remark into its "; "-separated items."""
    text = remarks.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return [part for part in re.split(r";\s+", text) if part.strip()]


def apply_remarks(subject: Subject, remarks: str) -> None:
    """Apply a whole OFAC remark, leaving out items that only repeat the title."""
    # OFAC repeats the Title (``position``) in the remarks; a title may itself hold "; ".
    titles = {
        part.strip().lower()
        for title in subject.entity.get("position", quiet=True)
        for part in title.split(";")
    }
    for item in split_remarks(remarks):
        if item.strip().rstrip(".").lower() not in titles:
            apply_remark_item(subject, item)


def resolve_links(subjects: list[Subject]) -> None:
    """Turn "Linked To:" and vessel-owner names into ids where one subject has that name."""
    by_name: dict[str, list[str]] = {}
    for subject in subjects:
        for name in subject.entity.get("name"):
            by_name.setdefault(name.strip().upper(), []).append(subject.id)
    for subject in subjects:
        for name in subject.link_names:
            ids = by_name.get(name.strip().rstrip(".").upper(), [])
            if len(ids) == 1:
                subject.fact("linkedToId", ids[0])
        for name in subject.owner_names:
            ids = by_name.get(name.strip().rstrip(".").upper(), [])
            if len(ids) == 1 and subject.has("owner"):
                subject.entity.add("owner", ids[0])
