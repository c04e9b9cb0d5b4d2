"""OFAC ``sdnList`` XML: the real non-SDN consolidated files, plus small sdn.xml-shaped files.

sdn.xml itself is too large to keep in ../shared, so vessel and DPRK entries are
tested on a file written here in the same schema (values copied from the CSV
rows of the same entries: STAR 18 and CHU Hyo'k, see test_ofac_csv.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from followthemoney import EntityProxy

from sanctionwatch.errors import InputError, UnsafeInputError
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.ofac_xml import SdnXmlParser

PARSER = SdnXmlParser()
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"


def by_id(parsed: ParsedList) -> dict[str, EntityProxy]:
    return {e.id: e for e in parsed.entities if e.id is not None}


def facts_of(parsed: ParsedList, entity_id: str, prop: str) -> list[str]:
    return [f.value for f in parsed.facts if f.entity_id == entity_id and f.prop == prop]


@pytest.fixture(scope="module")
def ofac_dir(shared_data: Path) -> Path:
    return shared_data / "lists" / "ofac"


@pytest.fixture(scope="module")
def dec18(ofac_dir: Path) -> ParsedList:
    return PARSER.parse(ofac_dir / "ofac_nonsdn_consolidated_2025-12-18.xml")


@pytest.fixture(scope="module")
def jan08(ofac_dir: Path) -> ParsedList:
    return PARSER.parse(ofac_dir / "ofac_nonsdn_consolidated_2026-01-08.xml")


def test_sniff(ofac_dir: Path, shared_data: Path) -> None:
    for name in (
        "ofac_nonsdn_consolidated_2025-12-18.xml",
        "ofac_nonsdn_consolidated_2026-01-08.xml",
    ):
        path = ofac_dir / name
        assert PARSER.sniff(path, path.read_bytes()[:8192])
    for path in (
        shared_data / "lists" / "un" / "un_consolidated_2022-09-15.xml",
        ofac_dir / "cons_advanced_2020-03-17.xml",
        ofac_dir / "sdn_2023-11-30.csv",
    ):
        assert not PARSER.sniff(path, path.read_bytes()[:8192]), path


def test_counts_and_publish_date(dec18: ParsedList, jan08: ParsedList) -> None:
    # SOURCES.md: 442 entries (79 individuals, 363 entities) in both releases.
    for parsed in (dec18, jan08):
        schemata = [e.schema.name for e in parsed.entities]
        assert schemata.count("Person") == 79
        assert schemata.count("Organization") == 363
        assert schemata.count("Sanction") == 442
        assert parsed.skipped == []
        # The non-SDN list is a separate OFAC list; its releases say so.
        assert parsed.format == "ofac-sdn-xml+list-consolidated"
    assert dec18.published == datetime(2025, 12, 18, tzinfo=UTC)
    assert jan08.published == datetime(2026, 1, 8, tzinfo=UTC)


def test_individual_pinned(dec18: ParsedList) -> None:
    # <uid>9639</uid><firstName>Ismail Abdul Salah</firstName><lastName>HANIYA</lastName>
    # <sdnType>Individual</sdnType> program NS-PLC; aka HANIYA/Ismail, HANIYYA/Ismaeel (strong);
    # dateOfBirth 1962; placeOfBirth Shati.
    person = by_id(dec18)["ofac-9639"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["HANIYA, Ismail Abdul Salah"]
    assert person.get("lastName") == ["HANIYA"]
    assert person.get("firstName") == ["Ismail Abdul Salah"]
    assert sorted(person.get("alias")) == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert person.get("birthDate") == ["1962"]
    assert person.get("birthPlace") == ["Shati"]
    assert by_id(dec18)["ofac-9639-sanction"].get("program") == ["NS-PLC"]


def test_entity_pinned(dec18: ParsedList) -> None:
    # uid 17015 VNESHECONOMBANK: programs RUSSIA-EO14024 + UKRAINE-EO13662; ids Government
    # Gazette Number 00005061 (Russia), Registration Number 1077711000102, Tax ID 7750004150,
    # SWIFT/BIC BFEARUMM, Website www.veb.ru, Organization Established Date 18 Aug 1922; weak
    # aka VEB and BANK FOR DEVELOPMENT; f.k.a. VNESHECONOMBANK (+3); four addresses.
    org = by_id(dec18)["ofac-17015"]
    assert org.get("weakAlias") == ["VEB", "BANK FOR DEVELOPMENT"]
    assert "VEB.RF" in org.get("alias")
    assert "VNESHECONOMBANK" in org.get("previousName")
    assert len(org.get("previousName")) == 4
    assert sorted(org.get("registrationNumber")) == ["00005061", "1077711000102"]
    assert org.get("taxNumber") == ["7750004150"]
    assert org.get("swiftBic") == ["BFEARUMM"]
    assert org.get("incorporationDate") == ["1922-08-18"]
    assert org.get("website") == ["http://www.veb.ru/"]
    assert "Akademik Sakharov Ave 9, Moscow, 107996, Russia" in org.get("address")
    assert len(org.get("address")) == 4
    assert facts_of(dec18, "ofac-17015", "bik") == ["044525060"]
    assert "Tax ID No. 7750004150 (ru)" in facts_of(dec18, "ofac-17015", "document")
    sanction = by_id(dec18)["ofac-17015-sanction"]
    assert sorted(sanction.get("program")) == ["RUSSIA-EO14024", "UKRAINE-EO13662"]
    assert "Executive Order 13662 Directive Determination - Subject to Directive 1" in (
        sanction.get("provisions")
    )


def test_linked_to_in_parenthesised_remarks(dec18: ParsedList) -> None:
    linked = [f for f in dec18.facts if f.prop == "linkedTo"]
    assert linked
    assert all(not f.value.startswith("(") for f in linked)
    notes = [n for e in dec18.entities for n in e.get("notes", quiet=True)]
    assert not [n for n in notes if "Linked To" in n]


def statements(parsed: ParsedList) -> dict[str, set[tuple[str, str]]]:
    """Each entity's (property, value) pairs, facts included, ignoring value order."""
    found: dict[str, set[tuple[str, str]]] = {}
    for entity in parsed.entities:
        for prop, values in entity.to_dict()["properties"].items():
            found.setdefault(str(entity.id), set()).update((prop, v) for v in values)
    for fact in parsed.facts:
        found.setdefault(fact.entity_id, set()).add((f"fact:{fact.prop}", fact.value))
    return found


def test_changes_between_releases(dec18: ParsedList, jan08: ParsedList) -> None:
    # `diff` of the two files shows ~2,700 changed lines, almost all the same items in a new
    # order with new item uids. The content changes are two, checked by hand: entry 18721 lost
    # the a.k.a. "VTB BANK BELARUS CLOSED JOINT STOCK COMPANY", and an address of 17018 had
    # its postal code corrected from 40051 to 400051.
    old, new = statements(dec18), statements(jan08)
    assert set(old) == set(new)
    changed = {i: (old[i] - new[i], new[i] - old[i]) for i in old if old[i] != new[i]}
    assert set(changed) == {"ofac-17018", "ofac-18721"}
    assert changed["ofac-18721"] == (
        {("alias", "VTB BANK BELARUS CLOSED JOINT STOCK COMPANY")},
        set(),
    )
    removed, added = changed["ofac-17018"]
    ((old_prop, old_value),) = removed
    ((new_prop, new_value),) = added
    assert old_prop == new_prop == "address"
    assert old_value.endswith("Maharashtra, 40051, India")
    assert new_value.endswith("Maharashtra, 400051, India")


# --- sdn.xml-shaped samples ----------------------------------------------------------------------

VESSEL_AND_PERSON = f"""<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="{NS}">
  <publshInformation>
    <Publish_Date>12/01/2023</Publish_Date>
    <Record_Count>2</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>28716</uid>
    <lastName>STAR 18</lastName>
    <sdnType>Vessel</sdnType>
    <remarks>Linked To: THINH CUONG COMPANY LIMITED.</remarks>
    <programList><program>DPRK4</program></programList>
    <idList>
      <id><uid>1</uid><idType>Vessel Registration Identification</idType>
        <idNumber>IMO 9020015</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>574001230</idNumber></id>
      <id><uid>3</uid><idType>Secondary sanctions risk:</idType>
        <idNumber>North Korea Sanctions Regulations, sections 510.201 and 510.210</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>4</uid><type>f.k.a.</type><category>strong</category><lastName>SAM 5</lastName></aka>
    </akaList>
    <vesselInfo>
      <callSign>3WAB9</callSign>
      <vesselType>General Cargo</vesselType>
      <vesselFlag>Vietnam</vesselFlag>
      <vesselOwner>THINH CUONG COMPANY LIMITED</vesselOwner>
      <tonnage>1,998</tonnage>
      <grossRegisteredTonnage>2,551</grossRegisteredTonnage>
    </vesselInfo>
  </sdnEntry>
  <sdnEntry>
    <uid>23014</uid>
    <firstName>Hyo'k</firstName>
    <lastName>CHU</lastName>
    <title>Foreign Trade Bank of the Democratic People's Republic of Korea representative</title>
    <sdnType>Individual</sdnType>
    <remarks>Foreign Trade Bank of the Democratic People's Republic of Korea representative.</remarks>
    <programList><program>DPRK4</program></programList>
    <idList>
      <id><uid>5</uid><idType>Passport</idType><idNumber>836420186</idNumber>
        <idCountry>Korea, North</idCountry><issueDate>28 Oct 2016</issueDate>
        <expirationDate>28 Oct 2021</expirationDate></id>
      <id><uid>6</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
      <id><uid>7</uid><idType>Unheard Of Number</idType><idNumber>X-1</idNumber></id>
    </idList>
    <nationalityList>
      <nationality><uid>8</uid><country>Korea, North</country><mainEntry>true</mainEntry></nationality>
    </nationalityList>
    <dateOfBirthList>
      <dateOfBirthItem><uid>9</uid><dateOfBirth>23 Nov 1986</dateOfBirth>
        <mainEntry>true</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>10</uid><dateOfBirth>1984 to 1986</dateOfBirth>
        <mainEntry>false</mainEntry></dateOfBirthItem>
    </dateOfBirthList>
  </sdnEntry>
</sdnList>
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ParsedList:
    folder = tmp_path_factory.mktemp("sdnxml")
    return PARSER.parse(write(folder, "sdn.xml", VESSEL_AND_PERSON))


def test_vessel_entry(sample: ParsedList) -> None:
    vessel = by_id(sample)["ofac-28716"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("name") == ["STAR 18"]
    assert vessel.get("imoNumber") == ["IMO9020015"]
    assert vessel.get("mmsi") == ["574001230"]
    assert vessel.get("callSign") == ["3WAB9"]
    assert vessel.get("type") == ["General Cargo"]
    assert vessel.get("flag") == ["vn"]
    assert vessel.get("tonnage") == ["1998"]
    assert vessel.get("grossRegisteredTonnage") == ["2551"]
    assert vessel.get("previousName") == ["SAM 5"]
    assert facts_of(sample, "ofac-28716", "ownerName") == ["THINH CUONG COMPANY LIMITED"]
    assert facts_of(sample, "ofac-28716", "linkedTo") == ["THINH CUONG COMPANY LIMITED"]
    sanction = by_id(sample)["ofac-28716-sanction"]
    assert sanction.get("program") == ["DPRK4"]
    assert sanction.get("provisions") == [
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210"
    ]
    assert sample.published == datetime(2023, 12, 1, tzinfo=UTC)


def test_individual_entry(sample: ParsedList) -> None:
    person = by_id(sample)["ofac-23014"]
    assert person.get("name") == ["CHU, Hyo'k"]
    assert person.get("lastName") == ["CHU"]
    assert person.get("passportNumber") == ["836420186"]
    assert person.get("gender") == ["male"]
    assert person.get("nationality") == ["kp"]
    assert sorted(person.get("birthDate")) == ["1984", "1986", "1986-11-23"]
    assert person.get("notes") == []  # the remark only repeats the title
    assert facts_of(sample, "ofac-23014", "birthDateRange") == ["1984/1986"]
    assert facts_of(sample, "ofac-23014", "document") == [
        "Passport 836420186 (kp) issued 2016-10-28 expires 2021-10-28",
        "Unheard Of Number X-1",
    ]


def test_owner_resolves_to_listed_company(tmp_path: Path) -> None:
    owner = """  <sdnEntry><uid>28700</uid><lastName>THINH CUONG COMPANY LIMITED</lastName>
    <sdnType>Entity</sdnType><programList><program>DPRK4</program></programList></sdnEntry>
</sdnList>"""
    parsed = PARSER.parse(
        write(tmp_path, "sdn.xml", VESSEL_AND_PERSON.replace("</sdnList>", owner))
    )
    assert by_id(parsed)["ofac-28716"].get("owner") == ["ofac-28700"]
    assert facts_of(parsed, "ofac-28716", "linkedToId") == ["ofac-28700"]


# --- bad input -----------------------------------------------------------------------------------


def test_truncated_file(tmp_path: Path, ofac_dir: Path) -> None:
    raw = (ofac_dir / "ofac_nonsdn_consolidated_2025-12-18.xml").read_bytes()
    path = write(tmp_path, "consolidated.xml", raw[: len(raw) // 2])
    with pytest.raises(InputError, match="truncated") as info:
        PARSER.parse(path)
    assert info.value.line is not None and info.value.line > 1000
    assert "re-download" in str(info.value)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        PARSER.parse(write(tmp_path, "sdn.xml", b""))


def test_other_xml_is_rejected(shared_data: Path) -> None:
    un = shared_data / "lists" / "un" / "un_consolidated_2022-09-15.xml"
    with pytest.raises(InputError, match="not an OFAC sdnList XML file"):
        PARSER.parse(un)


def test_dtd_is_refused(tmp_path: Path) -> None:
    evil = VESSEL_AND_PERSON.replace(
        '<?xml version="1.0" standalone="yes"?>',
        '<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ).replace("STAR 18", "&x;")
    with pytest.raises(UnsafeInputError, match="DTD"):
        PARSER.parse(write(tmp_path, "sdn.xml", evil))


def test_bytes_not_matching_declared_encoding(tmp_path: Path) -> None:
    # Declared UTF-8 (the default), but "MUÑOZ" written in Windows-1252 on the STAR 18 line.
    text = VESSEL_AND_PERSON.replace(
        "<lastName>STAR 18</lastName>", "<lastName>MU\xd1OZ</lastName>"
    )
    path = write(tmp_path, "sdn.xml", text.encode("cp1252"))
    with pytest.raises(InputError, match="declared encoding") as info:
        PARSER.parse(path)
    assert (
        info.value.line
        == VESSEL_AND_PERSON.splitlines().index("    <lastName>STAR 18</lastName>") + 1
    )
    assert "encoding" in str(info.value)


def test_bad_entries_are_skipped_and_reported(tmp_path: Path) -> None:
    bad = """  <sdnEntry><uid>abc</uid><lastName>NO NUMBER</lastName></sdnEntry>
  <sdnEntry><uid>28716</uid><lastName>DUPLICATE</lastName><sdnType>Vessel</sdnType></sdnEntry>
  <sdnEntry><uid>5</uid><sdnType>Entity</sdnType></sdnEntry>
</sdnList>"""
    parsed = PARSER.parse(write(tmp_path, "sdn.xml", VESSEL_AND_PERSON.replace("</sdnList>", bad)))
    assert len([e for e in parsed.entities if e.schema.name == "Sanction"]) == 2
    assert by_id(parsed)["ofac-28716"].get("name") == ["STAR 18"]
    reasons = {s.reference: (s.reason, s.line) for s in parsed.skipped}
    assert reasons["abc"][0] == "sdnEntry without a numeric uid"
    assert reasons["28716"][0] == "uid 28716 listed twice"
    assert reasons["5"][0] == "sdnEntry without a name"
    # The bad entries replace the closing tag on line 57 of the sample, one per line.
    assert VESSEL_AND_PERSON.splitlines()[56] == "</sdnList>"
    assert [reasons[r][1] for r in ("abc", "28716", "5")] == [57, 58, 59]


def test_no_entries_rejects_the_file(tmp_path: Path) -> None:
    text = f'<?xml version="1.0"?>\n<sdnList xmlns="{NS}"><publshInformation/></sdnList>\n'
    with pytest.raises(InputError, match="no sdnEntry"):
        PARSER.parse(write(tmp_path, "sdn.xml", text))


def test_missing_publish_date_falls_back_to_file_name(tmp_path: Path) -> None:
    text = VESSEL_AND_PERSON.replace("<Publish_Date>12/01/2023</Publish_Date>", "")
    parsed = PARSER.parse(write(tmp_path, "sdn_2023-12-02.xml", text))
    assert parsed.published == datetime(2023, 12, 2, tzinfo=UTC)
    assert parsed.format == "ofac-sdn-xml+published-from-filename"
