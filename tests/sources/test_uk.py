"""UK parsers: the real 2016 OFSI ConList CSV, and hand-written FCDO UK Sanctions List files."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.errors import InputError, SourceMismatchError, UnsafeInputError
from sanctionwatch.model.entity import ListedEntity, listed_entities
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.registry import parser_for
from sanctionwatch.sources.uk import (
    OfsiConListCsvParser,
    UkSanctionsListCsvParser,
    UkSanctionsListXmlParser,
    uk_date,
    un_references,
)

FIXTURES = Path(__file__).parent / "fixtures"
UK_CSV = FIXTURES / "uk_sanctions_list_sample.csv"
UK_XML = FIXTURES / "uk_sanctions_list_sample.xml"
EU_XML = FIXTURES / "eu_fsf_sample.xml"
UN_FILE = (
    Path(__file__).parents[2] / "src/sanctionwatch/data/lists/un/un_consolidated_2022-09-15.xml"
)
DPRK = "North Korea (Democratic People's Republic of Korea)"


@pytest.fixture(scope="module")
def ofsi_file(shared_data: Path) -> Path:
    return shared_data / "lists/uk/ofsi_ConList_2016-03-23.csv"


@pytest.fixture(scope="module")
def ofsi(ofsi_file: Path) -> ParsedList:
    return OfsiConListCsvParser().parse(ofsi_file)


@pytest.fixture(scope="module")
def ofsi_entities(ofsi: ParsedList) -> dict[str, ListedEntity]:
    return {e.id: e for e in listed_entities("uk", ofsi.entities, ofsi.facts)}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12/10/1954", "1954-10-12"),
        ("00/00/1960", "1960"),
        ("00/07/1960", "1960-07"),
        ("dd/mm/1958", "1958"),
        ("dd/03/1958", "1958-03"),
        ("1971", "1971"),
        ("31/02/1960", None),
        ("14/13/1960", None),
        ("approx 1960", None),
        ("", None),
    ],
)
def test_uk_dates_become_partial_iso_dates(raw: str, expected: str | None) -> None:
    assert uk_date(raw) == expected


def test_un_references_read_only_labelled_numbers() -> None:
    assert un_references("UN Ref E.29.I.11. Owned by SHIG.") == ["E.29.I.11"]
    assert un_references("UN REF:QE.A.146.14. Also referred to as ASL.") == ["QE.A.146.14"]
    assert un_references("(UN Ref):KPi.033. Associated with QDe.092.") == ["KPi.033"]
    assert un_references("Annex IV. UN listing.") == []


# -- the real OFSI 2016 ConList ------------------------------------------------------


def test_ofsi_counts_match_sources_md(
    ofsi_file: Path, ofsi: ParsedList, ofsi_entities: dict[str, ListedEntity]
) -> None:
    assert ofsi.published == datetime(2016, 3, 23, tzinfo=UTC)
    assert ofsi.skipped == []
    # SOURCES.md: 8,746 name rows in 1,924 groups; 89 groups under the DPRK regime.
    _, records = OfsiConListCsvParser().read(ofsi_file)
    assert sum(len(r.names) for r in records) == 8746
    assert len(records) == 1924
    assert len(ofsi_entities) == 1924
    dprk = [e for e in ofsi_entities.values() if DPRK in e.programs]
    assert len(dprk) == 89
    assert sum(e.schema == "Person" for e in dprk) == 48
    assert sum(e.schema == "Organization" for e in dprk) == 41
    sanctions = [e for e in ofsi.entities if e.schema.name == "Sanction"]
    assert len(sanctions) == 1924 + 6 + 2  # six groups sit under 2 or 3 regimes


def test_ofsi_dprk_person_choe_chun_sik(ofsi_entities: dict[str, ListedEntity]) -> None:
    # CSV lines 2942-2946: Group ID 13324, three name rows, one "Prime Alias".
    person = ofsi_entities["uk-13324"]
    assert person.schema == "Person"
    assert person.caption == "Chun-Sik CHOE"
    assert (person.get("firstName"), person.get("lastName")) == (["Chun-Sik"], ["CHOE"])
    assert sorted(person.get("alias")) == ["Ch'un Sik CH'OE", "Chun Sik CHOE"]
    assert person.get("birthDate") == ["1954-10-12"]
    assert person.get("nationality") == ["kp"]
    (sanction,) = person.sanctions
    assert sanction["program"] == [DPRK]
    assert sanction["authorityId"] == ["13324"]
    assert sanction["listingDate"] == ["2016-03-05"]
    assert sanction["authority"] == ["HM Treasury (OFSI)"]


def test_ofsi_dprk_partial_birth_year_and_passport(ofsi_entities: dict[str, ListedEntity]) -> None:
    # Group 11036: DOB "00/00/1933", passport 554410661, an EU-only listing.
    person = ofsi_entities["uk-11036"]
    assert person.caption == "Pak JAE-GYONG"
    assert person.get("alias") == ["Pak CHAE-KYONG"]
    assert person.get("birthDate") == ["1933"]
    assert person.get("passportNumber") == ["554410661"]
    assert person.get("notes") == ["Annex V. EU listing. Not UN."]


def test_ofsi_dprk_shipping_company_keeps_company_imo(
    ofsi_entities: dict[str, ListedEntity],
) -> None:
    org = ofsi_entities["uk-13340"]
    assert org.schema == "Organization"
    assert org.caption == "CHONGCHONGANG SHIPPING COMPANY"
    assert org.get("alias") == ["CHONG CHON GANG SHIPPING CO. LTD."]
    assert org.get("imoNumber") == ["IMO5342883"]
    assert len(org.get("address")) == 2
    assert org.get("country") == ["kp"]


def test_ofsi_dprk_bank_with_three_names(ofsi_entities: dict[str, ListedEntity]) -> None:
    # CSV lines 2114, 2129, 2130: Group ID 12450, the "Prime Alias" is the third row.
    bank = ofsi_entities["uk-12450"]
    assert bank.caption == "AMROGGANG DEVELOPMENT BANKING CORPORATION"
    assert sorted(bank.get("alias")) == ["AMNOKKANG DEVELOPMENT BANK", "AMROGGANG DEVELOPMENT BANK"]
    assert bank.get("address") == ["Tongan-dong, Pyongyang, DPRK"]
    assert bank.sanctions[0]["listingDate"] == ["2011-12-21"]
    assert bank.sanctions[0]["modifiedAt"] == ["2014-10-17"]


def test_ofsi_un_reference_from_other_information(
    ofsi_entities: dict[str, ListedEntity],
) -> None:
    org = ofsi_entities["uk-10657"]
    assert org.caption == "3M MIZAN MACHINERY MANUFACTURING"
    assert org.sanctions[0]["unscId"] == ["E.29.I.11"]
    assert org.reference == "E.29.I.11"


def test_ofsi_group_under_three_regimes_keeps_each_listing_date(
    ofsi_entities: dict[str, ListedEntity],
) -> None:
    dates = {s["program"][0]: s["listingDate"][0] for s in ofsi_entities["uk-9062"].sanctions}
    assert dates == {
        "Iran (nuclear proliferation)": "2007-03-24",
        "Syria": "2011-06-24",
        "Terrorism and Terrorist Financing": "2011-10-17",
    }


def test_ofsi_enumerated_nationalities_are_split(ofsi_entities: dict[str, ListedEntity]) -> None:
    assert ofsi_entities["uk-6941"].get("nationality") == ["af", "pk"]


def test_registry_picks_the_legacy_parser(ofsi_file: Path) -> None:
    assert isinstance(parser_for(ofsi_file, "uk"), OfsiConListCsvParser)
    with pytest.raises(SourceMismatchError):
        parser_for(ofsi_file, "eu")
    with pytest.raises(SourceMismatchError):
        parser_for(ofsi_file, "ftm")


# -- FCDO UK Sanctions List (hand-written files) -------------------------------------


@pytest.fixture(scope="module", params=["csv", "xml"])
def fcdo(request: pytest.FixtureRequest) -> tuple[ParsedList, dict[str, ListedEntity]]:
    if request.param == "csv":
        parsed = UkSanctionsListCsvParser().parse(UK_CSV)
    else:
        parsed = UkSanctionsListXmlParser().parse(UK_XML)
    return parsed, {e.id: e for e in listed_entities("uk", parsed.entities, parsed.facts)}


def test_fcdo_published_and_ids(fcdo: tuple[ParsedList, dict[str, ListedEntity]]) -> None:
    parsed, entities = fcdo
    assert parsed.published == datetime(2026, 10, 2, tzinfo=UTC)
    assert parsed.skipped == []
    assert sorted(entities) == ["uk-DPR0001", "uk-DPR0033", "uk-DPR0075", "uk-DPR9001"]


def test_fcdo_dprk_person_keeps_the_un_link(
    fcdo: tuple[ParsedList, dict[str, ListedEntity]],
) -> None:
    _, entities = fcdo
    person = entities["uk-DPR0033"]
    assert person.schema == "Person"
    assert person.caption == "Won Ho RI"
    assert (person.get("firstName"), person.get("lastName")) == (["Won Ho"], ["RI"])
    assert person.get("alias") == ["Won-Ho RI", "리원호"]
    assert person.get("weakAlias") == ["Won Ho LI"]
    assert person.get("birthDate") == ["1964-07-17"]
    assert person.get("passportNumber") == ["381310014"]
    assert person.get("nameOriginalScript") == ["리원호"]
    assert person.get("ofsiGroupId") == ["13455"]
    assert person.get("designationSource") == ["UN"]
    (sanction,) = person.sanctions
    assert sanction["unscId"] == ["KPi.033"]
    assert sanction["authorityId"] == ["DPR0033"]
    assert sanction["provisions"] == ["Asset freeze", "Travel Ban"]
    assert sanction["listingDate"] == ["2016-11-30"]
    assert sanction["modifiedAt"] == ["2022-05-13"]
    assert person.reference == "KPi.033"


def test_fcdo_partial_dates_of_birth_and_two_nationalities(
    fcdo: tuple[ParsedList, dict[str, ListedEntity]],
) -> None:
    _, entities = fcdo
    person = entities["uk-DPR9001"]
    assert person.get("birthDate") == ["1960", "1958", "1961-07"]
    assert person.get("nationality") == ["kp", "cn"]
    assert person.reference == "DPR9001"


def test_fcdo_entity_with_contacts(fcdo: tuple[ParsedList, dict[str, ListedEntity]]) -> None:
    _, entities = fcdo
    org = entities["uk-DPR0001"]
    assert org.schema == "Organization"
    assert org.caption == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert org.get("alias") == [
        "CHANGGWANG SINYONG CORPORATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
        "KOMID",
    ]
    assert org.get("address") == ["Central District, Pyongyang, North Korea"]
    assert org.get("phone") == ["+85023818221"]
    assert org.get("email") == ["komid@example.kp"]
    assert org.get("legalForm") == ["Trading company"]
    assert org.get("subsidiaryNames") == ["Hesong Trading Corporation"]
    assert org.reference == "KPe.001"


def test_fcdo_ship_becomes_vessel(fcdo: tuple[ParsedList, dict[str, ListedEntity]]) -> None:
    _, entities = fcdo
    vessel = entities["uk-DPR0075"]
    assert vessel.schema == "Vessel"
    assert vessel.get("alias") == ["SAMPLE STAR"]
    assert vessel.get("imoNumber") == ["IMO1234567"]
    assert vessel.get("flag") == ["kp"]
    assert vessel.get("pastFlags") == ["sl"]
    assert vessel.get("type") == ["Oil Tanker"]
    assert vessel.get("buildDate") == ["1989"]
    assert vessel.get("currentOwnerOperator") == ["Example Shipping Company"]
    assert vessel.get("vesselLength") == ["80"]
    assert vessel.sanctions[0]["reason"][0].startswith("The vessel has engaged")
    assert vessel.reference == "DPR0075"


def test_fcdo_csv_and_xml_say_the_same() -> None:
    csv_parsed = UkSanctionsListCsvParser().parse(UK_CSV)
    xml_parsed = UkSanctionsListXmlParser().parse(UK_XML)
    as_csv = {e.id: e for e in listed_entities("uk", csv_parsed.entities, csv_parsed.facts)}
    as_xml = {e.id: e for e in listed_entities("uk", xml_parsed.entities, xml_parsed.facts)}
    assert as_csv == as_xml


def test_sniffing_and_registry() -> None:
    assert isinstance(parser_for(UK_CSV, "uk"), UkSanctionsListCsvParser)
    assert isinstance(parser_for(UK_XML, "uk"), UkSanctionsListXmlParser)
    for other in (UN_FILE, EU_XML):
        with pytest.raises(SourceMismatchError):
            parser_for(other, "uk")
    with pytest.raises(SourceMismatchError):
        parser_for(UK_XML, "eu")


# -- bad input -----------------------------------------------------------------------


def legacy_copy(ofsi_file: Path, tmp_path: Path, lines: int = 40) -> list[bytes]:
    """The first ``lines`` lines of the real file, as bytes with CRLF endings."""
    return ofsi_file.read_bytes().split(b"\r\n")[:lines]


def write(tmp_path: Path, data: bytes, name: str = "uk.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_malformed_row_is_skipped_and_reported(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path)
    lines[9] = lines[9] + b",EXTRA"
    group_id = lines[9].split(b",")[-2].decode()
    parsed = OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines) + b"\r\n"))
    (skipped,) = parsed.skipped
    assert skipped.reference == group_id
    assert skipped.line == 10
    assert "30 fields, expected 29" in skipped.reason
    assert parsed.entities


def test_row_without_group_id_is_skipped(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path)
    lines[5] = lines[5].rsplit(b",", 1)[0] + b","
    parsed = OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines) + b"\r\n"))
    assert [(s.reference, s.line) for s in parsed.skipped] == [("line 6", 6)]


def test_truncated_last_row_rejects_the_file(ofsi_file: Path, tmp_path: Path) -> None:
    data = b"\r\n".join(legacy_copy(ofsi_file, tmp_path))
    path = write(tmp_path, data[:-40])
    with pytest.raises(InputError, match="truncated") as info:
        OfsiConListCsvParser().parse(path)
    assert info.value.line == 40
    assert info.value.path == str(path)


def test_unterminated_quote_rejects_the_file(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path, 10)
    lines.append(b'NAME,,,,,,,,,,,,,,,,,,,,,,"never closed')
    with pytest.raises(InputError, match="malformed CSV") as info:
        OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines)))
    assert info.value.line == 11


def test_missing_columns_reject_the_file(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path, 5)
    lines[1] = lines[1].replace(b",Group ID", b",Group")
    with pytest.raises(InputError, match="lacks column\\(s\\) Group ID") as info:
        OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines)))
    assert info.value.line == 2


def test_undecodable_bytes_reject_the_file(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path, 10)
    lines[7] = lines[7].replace(b",", b",\x81", 1)
    with pytest.raises(InputError, match="neither UTF-8 nor Windows-1252") as info:
        OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines)))
    assert info.value.line == 8


def test_header_without_records_is_rejected(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path, 2)
    with pytest.raises(InputError, match="no records"):
        OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines) + b"\r\n"))


def test_unreadable_date_line_is_rejected(ofsi_file: Path, tmp_path: Path) -> None:
    lines = legacy_copy(ofsi_file, tmp_path, 5)
    lines[0] = b"Last Updated,yesterday"
    with pytest.raises(InputError, match="'Last Updated' date") as info:
        OfsiConListCsvParser().parse(write(tmp_path, b"\r\n".join(lines)))
    assert info.value.line == 1


def test_fcdo_csv_without_report_date_is_rejected(tmp_path: Path) -> None:
    lines = UK_CSV.read_bytes().split(b"\r\n")[1:]
    path = write(tmp_path, b"\r\n".join(lines))
    with pytest.raises(InputError, match="Report Date"):
        UkSanctionsListCsvParser().parse(path)


def test_fcdo_xml_truncated_is_rejected(tmp_path: Path) -> None:
    data = UK_XML.read_bytes()
    with pytest.raises(InputError, match="truncated") as info:
        UkSanctionsListXmlParser().parse(write(tmp_path, data[: len(data) - 300], "uk.xml"))
    assert info.value.line is not None


def test_fcdo_xml_designation_without_unique_id_is_skipped(tmp_path: Path) -> None:
    text = UK_XML.read_text(encoding="utf-8").replace("<UniqueID>DPR0001</UniqueID>", "")
    parsed = UkSanctionsListXmlParser().parse(write(tmp_path, text.encode(), "uk.xml"))
    assert [s.reason for s in parsed.skipped] == ["Designation has no UniqueID"]
    assert parsed.skipped[0].line == 70
    assert "uk-DPR0001" not in {e.id for e in parsed.entities}


def test_fcdo_xml_without_designations_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"<?xml version='1.0'?><Designations><DateGenerated>02/10/2026</DateGenerated>"
        b"</Designations>",
        "uk.xml",
    )
    with pytest.raises(InputError, match="no <Designation> records"):
        UkSanctionsListXmlParser().parse(path)


def test_fcdo_xml_duplicate_unique_id_is_skipped(tmp_path: Path) -> None:
    text = UK_XML.read_text(encoding="utf-8").replace(
        "<UniqueID>DPR0075</UniqueID>", "<UniqueID>DPR0033</UniqueID>"
    )
    parsed = UkSanctionsListXmlParser().parse(write(tmp_path, text.encode(), "uk.xml"))
    assert [(s.reference, s.reason, s.line) for s in parsed.skipped] == [
        ("DPR0033", "UniqueID already used at line 8", 124)
    ]


def test_ofsi_listing_source_read_from_prose(ofsi_entities: dict[str, ListedEntity]) -> None:
    assert ofsi_entities["uk-13324"].get("designationSource") == ["UN"]  # "Annex IV. UN listing."
    assert ofsi_entities["uk-11036"].get("designationSource") == ["EU"]  # "EU listing. Not UN."
    dprk = [e for e in ofsi_entities.values() if DPRK in e.programs]
    sources = [e.get("designationSource") for e in dprk]
    # Counted independently with a regex over "Other Information": 58 UN, 29 EU, and two
    # groups (12871 Second Academy of Natural Sciences, 12451 Bank of East Land) say neither.
    assert (sources.count(["UN"]), sources.count(["EU"]), sources.count([])) == (58, 29, 2)
    assert ofsi_entities["uk-12451"].get("designationSource") == []


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
def test_uk_dates_round_trip_any_real_date(day: date) -> None:
    assert uk_date(day.strftime("%d/%m/%Y")) == day.isoformat()
    assert uk_date(day.strftime("00/%m/%Y")) == day.isoformat()[:7]
    assert uk_date(day.strftime("00/00/%Y")) == str(day.year)


def test_fcdo_xml_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    text = UK_XML.read_text(encoding="utf-8").replace(
        "<Designations ",
        '<!DOCTYPE Designations [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
        "<Designations ",
        1,
    )
    with pytest.raises(UnsafeInputError, match="DTD"):
        UkSanctionsListXmlParser().parse(write(tmp_path, text.encode(), "uk.xml"))


def test_fcdo_csv_with_quoted_header_and_bom_is_recognised(tmp_path: Path) -> None:
    report, header, *rest = UK_CSV.read_bytes().split(b"\r\n")
    quoted = b",".join(b'"' + cell + b'"' for cell in header.split(b","))
    path = write(tmp_path, b"\xef\xbb\xbf" + b"\r\n".join([report, quoted, *rest]))
    parser = parser_for(path, "uk")
    assert isinstance(parser, UkSanctionsListCsvParser)
    assert len(parser.parse(path).entities) == 8
