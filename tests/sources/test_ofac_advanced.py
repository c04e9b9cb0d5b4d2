"""OFAC advanced schema: the real cons_advanced file, plus a small sdn_advanced-shaped file.

sdn_advanced.xml (~120 MB) is not kept in ../shared; its DPRK vessel and person
entries are tested on a file written here in the same schema, with the values of
STAR 18 and CHU Hyo'k from the real SDN.CSV (see test_ofac_csv.py). Entry 99001
("EXAMPLE TRADING CO LTD", with a Chinese-script name) is fictitious.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from followthemoney import EntityProxy

from sanctionwatch.errors import InputError, SourceMismatchError, UnsafeInputError
from sanctionwatch.sources import registry
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.ofac_advanced import AdvancedXmlParser, date_period_text
from sanctionwatch.sources.xmlsafe import parse_xml

PARSER = AdvancedXmlParser()


def by_id(parsed: ParsedList) -> dict[str, EntityProxy]:
    return {e.id: e for e in parsed.entities if e.id is not None}


def facts_of(parsed: ParsedList, entity_id: str, prop: str) -> list[str]:
    return [f.value for f in parsed.facts if f.entity_id == entity_id and f.prop == prop]


@pytest.fixture(scope="module")
def ofac_dir(shared_data: Path) -> Path:
    return shared_data / "lists" / "ofac"


@pytest.fixture(scope="module")
def cons(ofac_dir: Path) -> ParsedList:
    return PARSER.parse(ofac_dir / "cons_advanced_2020-03-17.xml")


def test_registry_picks_the_right_ofac_parser(ofac_dir: Path, shared_data: Path) -> None:
    expected = {
        "sdn_2021-08-18.csv": "ofac-sdn-csv",
        "sdn_2023-11-30.csv": "ofac-sdn-csv",
        "sdn_2023-12-01.csv": "ofac-sdn-csv",
        "sdn_2024-05-03.csv": "ofac-sdn-csv",
        "set_2021-07-07/sdn.csv": "ofac-sdn-csv",
        "ofac_nonsdn_consolidated_2025-12-18.xml": "ofac-sdn-xml",
        "ofac_nonsdn_consolidated_2026-01-08.xml": "ofac-sdn-xml",
        "cons_advanced_2020-03-17.xml": "ofac-advanced-xml",
    }
    for name, fmt in expected.items():
        assert registry.parser_for(ofac_dir / name, "ofac").format == fmt, name
    for un in sorted((shared_data / "lists" / "un").glob("*.xml")):
        with pytest.raises(SourceMismatchError, match="does not look like a 'ofac' list"):
            registry.parser_for(un, "ofac")


def test_counts_and_date(cons: ParsedList) -> None:
    # SOURCES.md: 375 DistinctParty profiles; DateOfIssue 2020-03-17. Profiles of party
    # sub-type 4 (individual) number 82 and of sub-type 3 (entity) 293 (grep -c in the file).
    schemata = [e.schema.name for e in cons.entities]
    assert schemata.count("Sanction") == 375
    assert schemata.count("Person") == 82
    assert schemata.count("Organization") == 293
    assert cons.published == datetime(2020, 3, 17, tzinfo=UTC)
    # All 375 entries are on ListID 91512 "Consolidated List" (9 are also on the SDN List).
    assert cons.format == "ofac-advanced-xml+list-consolidated"
    assert cons.skipped == []


def test_individual_pinned(cons: ParsedList) -> None:
    # DistinctParty 9639: primary name HANIYA / Ismail Abdul Salah, two A.K.A.s; Birthdate
    # 1962-01-01..1962-12-31 (a year); Place of Birth "Shati"; two SanctionsEntries: list
    # 91512 (Consolidated, 2014-10-10) and 91243 (Non-SDN PLC, 2006-04-12), program NS-PLC.
    person = by_id(cons)["ofac-9639"]
    assert person.get("name") == ["HANIYA, Ismail Abdul Salah"]
    assert person.get("lastName") == ["HANIYA"]
    assert person.get("firstName") == ["Ismail Abdul Salah"]
    assert sorted(person.get("alias")) == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert person.get("birthDate") == ["1962"]
    assert person.get("birthPlace") == ["Shati"]
    assert person.get("address") == []  # its only Location is "undetermined"
    sanction = by_id(cons)["ofac-9639-sanction"]
    assert sanction.get("program") == ["NS-PLC"]
    assert sanction.get("listingDate") == ["2006-04-12"]
    assert sorted(facts_of(cons, "ofac-9639", "ofacList")) == [
        "Consolidated List",
        "Non-SDN Palestinian Legislative Council List",
    ]


def test_relationship_pinned(cons: ParsedList) -> None:
    # ProfileRelationship 2211: From 18267 To 17022, RelationType 15003 "Owned or Controlled By".
    assert facts_of(cons, "ofac-18267", "linkedToId") == ["ofac-17022"]
    assert facts_of(cons, "ofac-18267", "relation") == ["Owned or Controlled By ofac-17022"]
    target = by_id(cons)["ofac-17022"].get("name")
    assert facts_of(cons, "ofac-18267", "linkedTo") == target


def test_same_entries_as_the_sdnlist_format(cons: ParsedList, ofac_dir: Path) -> None:
    # The consolidated list in the other schema, five years later, keeps most of the same ids.
    from sanctionwatch.sources.ofac_xml import SdnXmlParser

    other = SdnXmlParser().parse(ofac_dir / "ofac_nonsdn_consolidated_2025-12-18.xml")
    shared = set(by_id(cons)) & set(by_id(other))
    assert len(shared) > 300
    assert by_id(other)["ofac-9639"].get("name") == by_id(cons)["ofac-9639"].get("name")


def test_date_periods() -> None:
    def period(start: str, end: str, approx: str = "false") -> str:
        def ymd(value: str) -> str:
            y, m, d = value.split("-")
            return f"<Year>{y}</Year><Month>{int(m)}</Month><Day>{int(d)}</Day>"

        return (
            f'<DatePeriod><Start Approximate="{approx}"><From>{ymd(start)}</From>'
            f'<To>{ymd(start)}</To></Start><End Approximate="{approx}"><From>{ymd(end)}</From>'
            f"<To>{ymd(end)}</To></End></DatePeriod>"
        )

    from lxml import etree

    def text(start: str, end: str, approx: str = "false") -> str | None:
        return date_period_text(etree.fromstring(period(start, end, approx)))

    assert text("1986-11-23", "1986-11-23") == "1986-11-23"
    assert text("1962-01-01", "1962-12-31") == "1962"
    assert text("1964-01-01", "1966-12-31") == "1964 to 1966"
    assert text("1964-02-01", "1964-02-29") == "1964-02"
    assert text("1960-01-01", "1960-12-31", "true") == "circa 1960"
    assert text("1964-03-05", "1964-04-07") == "1964-03-05 to 1964-04-07"


# --- sdn_advanced-shaped sample ------------------------------------------------------------------

NS = "http://www.un.org/sanctions/1.0"


def _date(y: int, m: int, d: int) -> str:
    return f"<Year>{y}</Year><Month>{m}</Month><Day>{d}</Day>"


def _period(start: tuple[int, int, int], end: tuple[int, int, int]) -> str:
    s, e = _date(*start), _date(*end)
    return (
        f'<DatePeriod CalendarTypeID="1"><Start Approximate="false"><From>{s}</From><To>{s}</To>'
        f'</Start><End Approximate="false"><From>{e}</From><To>{e}</To></End></DatePeriod>'
    )


def _name(group_ids: list[str], values: list[str], script: str = "215") -> str:
    parts = "".join(
        f'<DocumentedNamePart><NamePartValue NamePartGroupID="{g}" ScriptID="{script}">{v}'
        "</NamePartValue></DocumentedNamePart>"
        for g, v in zip(group_ids, values, strict=True)
    )
    return f"<DocumentedName>{parts}</DocumentedName>"


def _feature(type_id: str, body: str) -> str:
    return f'<Feature FeatureTypeID="{type_id}"><FeatureVersion>{body}</FeatureVersion></Feature>'


def _text(value: str) -> str:
    return f'<VersionDetail DetailTypeID="1432">{value}</VersionDetail>'


SAMPLE = f"""<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="{NS}">
  <DateOfIssue><Year>2023</Year><Month>12</Month><Day>1</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1401">F.K.A.</AliasType>
      <AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <AreaCodeValues><AreaCode ID="11291" Description="undetermined">undetermined</AreaCode>
    </AreaCodeValues>
    <CountryValues><Country ID="11126" ISO2="KP">Korea, North</Country>
      <Country ID="11250" ISO2="VN">Vietnam</Country></CountryValues>
    <DetailReferenceValues><DetailReference ID="91526">Male</DetailReference>
    </DetailReferenceValues>
    <FeatureTypeValues>
      <FeatureType ID="8">Birthdate</FeatureType><FeatureType ID="10">Nationality Country</FeatureType>
      <FeatureType ID="25">Location</FeatureType><FeatureType ID="224">Gender</FeatureType>
      <FeatureType ID="1">Vessel Call Sign</FeatureType><FeatureType ID="2">Vessel Type</FeatureType>
      <FeatureType ID="3">Vessel Flag</FeatureType><FeatureType ID="4">Vessel Owner</FeatureType>
      <FeatureType ID="5">Vessel Tonnage</FeatureType>
      <FeatureType ID="6">Vessel Gross Registered Tonnage</FeatureType>
      <FeatureType ID="7">MMSI</FeatureType><FeatureType ID="9">Place of Birth</FeatureType>
      <FeatureType ID="11">Secondary sanctions risk:</FeatureType>
      <FeatureType ID="12">Something New</FeatureType>
    </FeatureTypeValues>
    <IDRegDocDateTypeValues><IDRegDocDateType ID="1480">Issue Date</IDRegDocDateType>
      <IDRegDocDateType ID="1481">Expiration Date</IDRegDocDateType></IDRegDocDateTypeValues>
    <IDRegDocTypeValues><IDRegDocType ID="1571">Passport</IDRegDocType>
      <IDRegDocType ID="1626">Vessel Registration Identification</IDRegDocType>
    </IDRegDocTypeValues>
    <ListValues><List ID="1550">SDN List</List></ListValues>
    <LocPartTypeValues><LocPartType ID="1454">CITY</LocPartType>
      <LocPartType ID="1451">ADDRESS1</LocPartType></LocPartTypeValues>
    <NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType>
      <NamePartType ID="1521">First Name</NamePartType><NamePartType ID="1525">Entity Name</NamePartType>
      <NamePartType ID="1526">Vessel Name</NamePartType></NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="1" PartyTypeID="4">Vessel</PartySubType>
      <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType>
      <PartyType ID="4">Transport</PartyType></PartyTypeValues>
    <RelationTypeValues><RelationType ID="15003">Owned or Controlled By</RelationType>
    </RelationTypeValues>
    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType>
      <SanctionsType ID="1705">Block</SanctionsType></SanctionsTypeValues>
    <ScriptValues><Script ID="215" ScriptCode="Latn">Latin</Script>
      <Script ID="220" ScriptCode="Hani">Chinese Simplified</Script></ScriptValues>
    <LegalBasisValues><LegalBasis ID="2">Executive Order 13722 (North Korea)</LegalBasis>
    </LegalBasisValues>
    <ValidityValues><Validity ID="1">Valid</Validity><Validity ID="2">Fraudulent</Validity>
    </ValidityValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="500"><LocationCountry CountryID="11126"/></Location>
    <Location ID="501"><LocationCountry CountryID="11250"/></Location>
    <Location ID="502"><LocationAreaCode AreaCodeID="11291"/>
      <LocationPart LocPartTypeID="1451"><LocationPartValue Primary="true"><Value>1 Harbour Rd</Value>
      </LocationPartValue></LocationPart>
      <LocationPart LocPartTypeID="1454"><LocationPartValue Primary="true"><Value>Haiphong</Value>
      </LocationPartValue></LocationPart>
      <LocationCountry CountryID="11250"/></Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="1" IDRegDocTypeID="1571" IdentityID="2301" IssuedBy-CountryID="11126"
        ValidityID="1">
      <IDRegistrationNo>836420186</IDRegistrationNo>
      <DocumentDate IDRegDocDateTypeID="1480">{_period((2016, 10, 28), (2016, 10, 28))}</DocumentDate>
      <DocumentDate IDRegDocDateTypeID="1481">{_period((2021, 10, 28), (2021, 10, 28))}</DocumentDate>
    </IDRegDocument>
    <IDRegDocument ID="2" IDRegDocTypeID="1571" IdentityID="2301" ValidityID="2">
      <IDRegistrationNo>X123</IDRegistrationNo>
    </IDRegDocument>
    <IDRegDocument ID="3" IDRegDocTypeID="1626" IdentityID="2871" ValidityID="1">
      <IDRegistrationNo>IMO 9020015</IDRegistrationNo>
    </IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="28716">
      <Comment>Linked To: EXAMPLE TRADING CO LTD.</Comment>
      <Profile ID="28716" PartySubTypeID="1">
        <Identity ID="2871" Primary="true">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false">{_name(["g1"], ["STAR 18"])}</Alias>
          <Alias AliasTypeID="1401" Primary="false" LowQuality="false">{_name(["g2"], ["SAM 5"])}</Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="g1" NamePartTypeID="1526"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="g2" NamePartTypeID="1526"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        {_feature("1", _text("3WAB9"))}
        {_feature("2", _text("General Cargo"))}
        {_feature("3", '<VersionLocation LocationID="501"/>')}
        {_feature("5", _text("1,998"))}
        {_feature("6", _text("2,551"))}
        {_feature("7", _text("574001230"))}
        {_feature("11", _text("North Korea Sanctions Regulations, sections 510.201 and 510.210"))}
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="23014">
      <Comment/>
      <Profile ID="23014" PartySubTypeID="4">
        <Identity ID="2301" Primary="true">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false">
            {_name(["p1", "p2"], ["CHU", "Hyo'k"])}</Alias>
          <Alias AliasTypeID="1400" Primary="false" LowQuality="true">
            {_name(["p3"], ["CHU"])}</Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="p1" NamePartTypeID="1520"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="p2" NamePartTypeID="1521"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="p3" NamePartTypeID="1520"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        {_feature("8", _period((1986, 11, 23), (1986, 11, 23)))}
        {_feature("8", _period((1984, 1, 1), (1986, 12, 31)))}
        {_feature("10", '<VersionLocation LocationID="500"/>')}
        {_feature("224", '<VersionDetail DetailTypeID="1431" DetailReferenceID="91526"/>')}
        {_feature("12", _text("a value nobody mapped"))}
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="99001">
      <Profile ID="99001" PartySubTypeID="3">
        <Identity ID="9901" Primary="true">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false">
            {_name(["e1"], ["EXAMPLE TRADING CO LTD"])}
            {_name(["e1"], ["示例贸易有限公司"], script="220")}</Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="e1" NamePartTypeID="1525"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        {_feature("25", '<VersionLocation LocationID="502"/>')}
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <ProfileRelationships>
    <ProfileRelationship From-ProfileID="28716" To-ProfileID="99001" RelationTypeID="15003"/>
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="1" ProfileID="28716" ListID="1550">
      <EntryEvent LegalBasisID="2"><Date>{_date(2019, 3, 21)}</Date></EntryEvent>
      <SanctionsMeasure SanctionsTypeID="1705"/>
      <SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK4</Comment></SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="2" ProfileID="23014" ListID="1550">
      <EntryEvent><Date>{_date(2017, 8, 22)}</Date></EntryEvent>
      <SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK4</Comment></SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="3" ProfileID="99001" ListID="1550">
      <SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK3</Comment></SanctionsMeasure>
      <SanctionsMeasure SanctionsTypeID="1"><Comment>NPWMD</Comment></SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ParsedList:
    folder = tmp_path_factory.mktemp("advanced")
    path = write(folder, "sdn_advanced.xml", SAMPLE)
    parse_xml(path)  # the sample itself is well-formed
    assert registry.parser_for(path, "ofac").format == "ofac-advanced-xml"
    return PARSER.parse(path)


def test_newer_namespace_is_recognised(tmp_path: Path) -> None:
    # OFAC's current sdn_advanced.xml uses its own namespace instead of the UN one.
    newer = (
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
    )
    path = write(tmp_path, "sdn_advanced.xml", SAMPLE.replace(NS, newer))
    assert registry.parser_for(path, "ofac").format == "ofac-advanced-xml"
    assert "ofac-28716" in by_id(PARSER.parse(path))


def test_vessel(sample: ParsedList) -> None:
    vessel = by_id(sample)["ofac-28716"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("name") == ["STAR 18"]
    assert vessel.get("previousName") == ["SAM 5"]
    assert vessel.get("imoNumber") == ["IMO9020015"]
    assert vessel.get("mmsi") == ["574001230"]
    assert vessel.get("callSign") == ["3WAB9"]
    assert vessel.get("type") == ["General Cargo"]
    assert vessel.get("flag") == ["vn"]
    assert vessel.get("tonnage") == ["1998"]
    assert vessel.get("grossRegisteredTonnage") == ["2551"]
    assert vessel.get("owner") == ["ofac-99001"]
    assert facts_of(sample, "ofac-28716", "linkedTo") == ["EXAMPLE TRADING CO LTD"]
    assert facts_of(sample, "ofac-28716", "linkedToId") == ["ofac-99001"]
    sanction = by_id(sample)["ofac-28716-sanction"]
    assert sanction.get("program") == ["DPRK4"]
    assert sanction.get("listingDate") == ["2019-03-21"]
    assert sanction.get("authorityId") == ["28716"]
    assert sorted(sanction.get("provisions")) == [
        "Legal basis: Executive Order 13722 (North Korea)",
        "Measure: Block",
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210",
    ]
    assert sample.published == datetime(2023, 12, 1, tzinfo=UTC)
    assert sample.format == "ofac-advanced-xml"  # entries on the "SDN List"


def test_person(sample: ParsedList) -> None:
    person = by_id(sample)["ofac-23014"]
    assert person.get("name") == ["CHU, Hyo'k"]
    assert person.get("lastName") == ["CHU"]
    assert person.get("firstName") == ["Hyo'k"]
    assert person.get("weakAlias") == ["CHU"]
    assert sorted(person.get("birthDate")) == ["1984", "1986", "1986-11-23"]
    assert facts_of(sample, "ofac-23014", "birthDateRange") == ["1984/1986"]
    assert person.get("nationality") == ["kp"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["836420186"]
    assert facts_of(sample, "ofac-23014", "document") == [
        "Passport 836420186 (kp) issued 2016-10-28 expires 2021-10-28",
        "Passport X123 (fraudulent)",
    ]
    assert person.get("notes") == ["Something New a value nobody mapped"]
    assert by_id(sample)["ofac-23014-sanction"].get("listingDate") == ["2017-08-22"]


def test_other_script_and_address(sample: ParsedList) -> None:
    org = by_id(sample)["ofac-99001"]
    assert org.schema.name == "Organization"
    assert org.get("name") == ["EXAMPLE TRADING CO LTD"]
    assert org.get("alias") == ["示例贸易有限公司"]
    assert facts_of(sample, "ofac-99001", "nameOriginalScript") == ["示例贸易有限公司"]
    assert org.get("address") == ["1 Harbour Rd, Haiphong, Vietnam"]
    assert org.get("country") == ["vn"]
    assert sorted(by_id(sample)["ofac-99001-sanction"].get("program")) == ["DPRK3", "NPWMD"]


# --- bad input -----------------------------------------------------------------------------------


def test_truncated(tmp_path: Path) -> None:
    path = write(tmp_path, "sdn_advanced.xml", SAMPLE[: SAMPLE.index("</DistinctParties>")])
    with pytest.raises(InputError, match="truncated") as info:
        PARSER.parse(path)
    assert info.value.line is not None


def test_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        PARSER.parse(write(tmp_path, "sdn_advanced.xml", b"  \n"))


def test_not_this_schema(shared_data: Path, ofac_dir: Path) -> None:
    for path in (
        shared_data / "lists" / "un" / "un_consolidated_2022-09-15.xml",
        ofac_dir / "ofac_nonsdn_consolidated_2025-12-18.xml",
    ):
        assert not PARSER.sniff(path, path.read_bytes()[:8192])
        with pytest.raises(InputError, match="not an OFAC advanced-schema XML file"):
            PARSER.parse(path)


def test_entity_expansion_refused(tmp_path: Path) -> None:
    bomb = SAMPLE.replace(
        '<?xml version="1.0" encoding="utf-8"?>',
        '<?xml version="1.0"?>\n<!DOCTYPE Sanctions [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ).replace("STAR 18", "&b;")
    with pytest.raises(UnsafeInputError):
        PARSER.parse(write(tmp_path, "sdn_advanced.xml", bomb))


def test_bad_records_are_skipped(tmp_path: Path) -> None:
    bad = """<DistinctParty FixedRef="x1"><Profile ID="1" PartySubTypeID="3"/></DistinctParty>
    <DistinctParty FixedRef="77"><Profile ID="77" PartySubTypeID="3"/></DistinctParty>
  </DistinctParties>"""
    text = SAMPLE.replace("</DistinctParties>", bad).replace(
        "</SanctionsEntries>",
        '<SanctionsEntry ID="9" ProfileID="55555" ListID="1550"/></SanctionsEntries>',
    )
    parsed = PARSER.parse(write(tmp_path, "sdn_advanced.xml", text))
    assert len([e for e in parsed.entities if e.schema.name == "Sanction"]) == 3
    reasons = {s.reference: s.reason for s in parsed.skipped}
    assert reasons == {
        "x1": "DistinctParty without a numeric FixedRef",
        "77": "DistinctParty without a name",
        "55555": "SanctionsEntry 9 names unknown profile 55555",
    }
    assert all(s.line is not None for s in parsed.skipped)


def test_no_parties_rejects_the_file(tmp_path: Path) -> None:
    start, end = SAMPLE.index("<DistinctParties>"), SAMPLE.index("</DistinctParties>")
    text = SAMPLE[:start] + "<DistinctParties>" + SAMPLE[end:]
    with pytest.raises(InputError, match="no DistinctParty"):
        PARSER.parse(write(tmp_path, "sdn_advanced.xml", text))
