"""OFAC legacy SDN CSV set, on the real files in ../shared/data/lists/ofac.

Each real file is parsed once per module (about 1-3 s each). Pinned values were
checked by hand against the raw rows quoted in the comments.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from followthemoney import EntityProxy
from followthemoney import registry as registry_types

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import listed_entities
from sanctionwatch.sources import registry
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.ofac_csv import (
    PARSERS,
    SdnCsvParser,
    companion_names,
    find_companions,
    iter_rows,
    programs_of,
)
from sanctionwatch.sources.ofac_fields import DateValue, parse_date_value

PARSER = SdnCsvParser()


def by_id(parsed: ParsedList) -> dict[str, EntityProxy]:
    return {e.id: e for e in parsed.entities if e.id is not None}


def facts_of(parsed: ParsedList, entity_id: str, prop: str) -> list[str]:
    return [f.value for f in parsed.facts if f.entity_id == entity_id and f.prop == prop]


def dprk_subjects(parsed: ParsedList) -> set[str]:
    return {
        entity_id
        for e in parsed.entities
        if e.schema.name == "Sanction" and any(p.startswith("DPRK") for p in e.get("program"))
        for entity_id in e.get("entity")
    }


@pytest.fixture(scope="module")
def ofac_dir(shared_data: Path) -> Path:
    return shared_data / "lists" / "ofac"


@pytest.fixture(scope="module")
def nov30(ofac_dir: Path) -> ParsedList:
    return PARSER.parse(ofac_dir / "sdn_2023-11-30.csv")


@pytest.fixture(scope="module")
def dec01(ofac_dir: Path) -> ParsedList:
    return PARSER.parse(ofac_dir / "sdn_2023-12-01.csv")


@pytest.fixture(scope="module")
def set2021(ofac_dir: Path) -> ParsedList:
    return PARSER.parse(ofac_dir / "set_2021-07-07" / "sdn.csv")


def test_registry_maps_ofac_to_this_parser() -> None:
    assert any(isinstance(p, SdnCsvParser) for p in registry.parsers("ofac"))
    assert PARSERS[0].format == "ofac-sdn-csv"


@pytest.mark.parametrize(
    "name",
    [
        "sdn_2021-08-18.csv",
        "sdn_2023-11-30.csv",
        "sdn_2023-12-01.csv",
        "sdn_2024-05-03.csv",
        "set_2021-07-07/sdn.csv",
    ],
)
def test_sniff_accepts_every_real_sdn_csv(ofac_dir: Path, name: str) -> None:
    path = ofac_dir / name
    assert PARSER.sniff(path, path.read_bytes()[: registry.HEAD_BYTES])


def test_sniff_rejects_other_files(shared_data: Path, ofac_dir: Path) -> None:
    un = shared_data / "lists" / "un" / "un_consolidated_2022-09-15.xml"
    for path in (
        un,
        ofac_dir / "set_2021-07-07" / "add.csv",
        ofac_dir / "set_2021-07-07" / "alt.csv",
        ofac_dir / "ofac_nonsdn_consolidated_2025-12-18.xml",
    ):
        assert not PARSER.sniff(path, path.read_bytes()[:8192]), path


def test_counts_2023_11_30(nov30: ParsedList) -> None:
    # SOURCES.md: 13,427 entries, 471 with a DPRK* program.
    subjects = [e for e in nov30.entities if e.schema.name != "Sanction"]
    assert len(subjects) == 13427
    assert len([e for e in nov30.entities if e.schema.name == "Sanction"]) == 13427
    assert len(dprk_subjects(nov30)) == 471
    assert nov30.skipped == []


def test_counts_2023_12_01_and_diff(nov30: ParsedList, dec01: ParsedList) -> None:
    assert len([e for e in dec01.entities if e.schema.name != "Sanction"]) == 13436
    assert len(dprk_subjects(dec01)) == 479
    added = set(by_id(dec01)) - set(by_id(nov30))
    removed = set(by_id(nov30)) - set(by_id(dec01))
    subjects_added = {i for i in added if not i.endswith("-sanction")}
    # Checked with `diff` of the ent_num columns: nine new rows, none removed.
    assert subjects_added == {
        f"ofac-{n}" for n in (37656, 37657, 37658, 45430, 46129, 46130, 46131, 46448, 46449)
    }
    assert removed == set()
    # Eight of the nine are DPRK designations; SO, Myong (46448) is NPWMD.
    assert len(subjects_added & dprk_subjects(dec01)) == 8
    assert "ofac-46448" not in dprk_subjects(dec01)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "entries", "dprk", "vessels", "dprk_vessels"),
    [
        # SOURCES.md: 9,083 entries, 414 DPRK*, 407 vessels, 106 DPRK vessels with an IMO.
        ("sdn_2021-08-18.csv", 9083, 414, 407, 106),
        # SOURCES.md: 14,965 entries, 484 DPRK*, 851 vessels (105 DPRK vessels).
        ("sdn_2024-05-03.csv", 14965, 484, 851, 105),
    ],
)
def test_counts_of_other_releases(
    ofac_dir: Path, name: str, entries: int, dprk: int, vessels: int, dprk_vessels: int
) -> None:
    parsed = PARSER.parse(ofac_dir / name)
    assert parsed.skipped == []
    assert len([e for e in parsed.entities if e.schema.name == "Sanction"]) == entries
    listed_dprk = dprk_subjects(parsed)
    assert len(listed_dprk) == dprk
    all_vessels = [e for e in parsed.entities if e.schema.name == "Vessel"]
    assert len(all_vessels) == vessels
    dprk_with_imo = [v for v in all_vessels if v.id in listed_dprk and v.get("imoNumber")]
    assert len(dprk_with_imo) == dprk_vessels


def test_publication_date_from_file_name(nov30: ParsedList) -> None:
    assert nov30.published == datetime(2023, 11, 30, tzinfo=UTC)
    assert nov30.format == "ofac-sdn-csv+published-from-filename+no-companions"
    assert [p.name for p in nov30.inputs] == ["sdn_2023-11-30.csv"]


def test_dprk_vessel_pinned(dec01: ParsedList) -> None:
    # 28716,"STAR 18","vessel","DPRK4",-0- ,-0- ,"General Cargo",-0- ,-0- ,"Vietnam",-0- ,
    # "...; Vessel Registration Identification IMO 9020015; f.k.a. 'SAM 5';
    #  f.k.a. 'THINH CUONG'; Linked To: THINH CUONG COMPANY LIMITED."
    vessel = by_id(dec01)["ofac-28716"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("name") == ["STAR 18"]
    assert vessel.get("imoNumber") == ["IMO9020015"]
    assert vessel.get("type") == ["General Cargo"]
    assert vessel.get("flag") == ["vn"]
    assert sorted(vessel.get("previousName")) == ["SAM 5", "THINH CUONG"]
    assert facts_of(dec01, "ofac-28716", "linkedTo") == ["THINH CUONG COMPANY LIMITED"]
    sanction = by_id(dec01)["ofac-28716-sanction"]
    assert sanction.get("program") == ["DPRK4"]
    assert sanction.get("authorityId") == ["28716"]
    assert sanction.get("authority") == ["US Office of Foreign Assets Control"]
    assert sanction.get("entity") == ["ofac-28716"]
    assert any(p.startswith("Secondary sanctions risk:") for p in sanction.get("provisions"))


def test_tanker_with_mmsi_pinned(dec01: ParsedList) -> None:
    # 15036,"ARTAVIL","vessel","IRAN",-0- ,"T2EU4","Crude/Oil Products Tanker","99,144","56,068",
    # "Iran",-0- ,"Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel
    # Flag None Identified; alt. Former Vessel Flag Tanzania; Additional Sanctions Information -
    # Subject to Secondary Sanctions; Vessel Registration Identification IMO 9187629; MMSI
    # 572469210; f.k.a. 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY."
    vessel = by_id(dec01)["ofac-15036"]
    assert vessel.get("callSign") == ["T2EU4"]
    assert vessel.get("type") == ["Crude/Oil Products Tanker"]
    assert vessel.get("tonnage") == ["99144"]
    assert vessel.get("grossRegisteredTonnage") == ["56068"]
    assert vessel.get("flag") == ["ir"]
    assert sorted(vessel.get("pastFlags")) == ["mt", "tv", "tz"]
    assert facts_of(dec01, "ofac-15036", "pastFlags") == ["None Identified"]
    assert vessel.get("imoNumber") == ["IMO9187629"]
    assert vessel.get("mmsi") == ["572469210"]
    assert vessel.get("previousName") == ["ALPHA"]
    nitc = [
        e.id
        for e in dec01.entities
        if e.get("name", quiet=True) == ["NATIONAL IRANIAN TANKER COMPANY"]
    ]
    assert len(nitc) == 1
    assert facts_of(dec01, "ofac-15036", "linkedToId") == nitc
    assert by_id(dec01)["ofac-15036-sanction"].get("provisions") == [
        "Additional Sanctions Information - Subject to Secondary Sanctions"
    ]


def test_date_forms() -> None:
    assert parse_date_value("18 Jun 1964") == DateValue(["1964-06-18"])
    assert parse_date_value("Jun 1964") == DateValue(["1964-06"])
    assert parse_date_value("circa 1960") == DateValue(["1960"], approximate=True)
    assert parse_date_value("1964 to 1966") == DateValue(["1964", "1966"], "1964/1966")
    # 11748 MAHAMOUD, Bashir Mohamed: "DOB circa 1979-1982"
    assert parse_date_value("circa 1979-1982") == DateValue(["1979", "1982"], "1979/1982", True)
    assert parse_date_value("31 Feb 1964") is None
    assert parse_date_value("sometime") is None


def test_vessel_columns_tonnage(dec01: ParsedList) -> None:
    # 23764,"HUA FU","vessel","DPRK4",-0- ,-0- ,-0- ,"10,030",-0- ,"Panama",-0- ,"... IMO 9020003; ..."
    vessel = by_id(dec01)["ofac-23764"]
    assert vessel.get("tonnage") == ["10030"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("imoNumber") == ["IMO9020003"]


def test_dprk_individual_pinned(dec01: ParsedList) -> None:
    # 23014,"CHU, Hyo'k","individual","DPRK4","Foreign Trade Bank of the Democratic People's
    # Republic of Korea representative",...,"DOB 23 Nov 1986; nationality Korea, North; Gender
    # Male; ...; Passport 836420186 (Korea, North) issued 28 Oct 2016 expires 28 Oct 2021; ..."
    person = by_id(dec01)["ofac-23014"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["CHU, Hyo'k"]
    assert person.get("lastName") == ["CHU"]
    assert person.get("firstName") == ["Hyo'k"]
    assert person.get("birthDate") == ["1986-11-23"]
    assert person.get("nationality") == ["kp"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["836420186"]
    assert person.get("position") == [
        "Foreign Trade Bank of the Democratic People's Republic of Korea representative"
    ]
    # The title repeated at the end of the remarks does not become a note.
    assert person.get("notes") == []
    assert facts_of(dec01, "ofac-23014", "document") == [
        "Passport 836420186 (kp) issued 2016-10-28 expires 2021-10-28"
    ]


def test_new_designation_kimsuky(dec01: ParsedList) -> None:
    # 45430,"KIMSUKY",-0- ,"DPRK2",... "Website onerearth.xyz; alt. Website sovershopp.online; ...
    # Email Address hongsiao@naver.com; ..."
    org = by_id(dec01)["ofac-45430"]
    assert org.schema.name == "Organization"
    assert "http://onerearth.xyz/" in org.get("website") or "onerearth.xyz" in str(
        org.get("website")
    )
    assert "hongsiao@naver.com" in org.get("email")
    assert by_id(dec01)["ofac-45430-sanction"].get("program") == ["DPRK2"]


def test_programs_split() -> None:
    assert programs_of("SDGT] [IRGC] [IFSR") == ["SDGT", "IRGC", "IFSR"]
    assert programs_of("DPRK3") == ["DPRK3"]


def test_multi_program_entry(set2021: ParsedList) -> None:
    # 28264,"LI, Jiadong","individual","DPRK3] [CYBER2",...
    sanction = by_id(set2021)["ofac-28264-sanction"]
    assert sorted(sanction.get("program")) == ["CYBER2", "DPRK3"]


def test_complete_set_counts(set2021: ParsedList, ofac_dir: Path) -> None:
    # SOURCES.md says 8,976 entries, 13,838 address rows and 11,911 alias rows; the last two
    # count the closing 0x1A end-of-file line: `grep -c '^[0-9]'` gives 13,837 and 11,910.
    folder = ofac_dir / "set_2021-07-07"
    assert [p.name for p in set2021.inputs] == [
        "sdn.csv",
        "sdn_comments.csv",
        "alt.csv",
        "add.csv",
    ]
    assert set2021.format == "ofac-sdn-csv+published-from-dirname"
    assert set2021.published == datetime(2021, 7, 7, tzinfo=UTC)
    assert len([e for e in set2021.entities if e.schema.name == "Sanction"]) == 8976
    assert set2021.skipped == []
    entities = by_id(set2021)
    add_rows = list(iter_rows(folder / "add.csv", 6))
    alt_rows = list(iter_rows(folder / "alt.csv", 5))
    assert len(add_rows) == 13837
    assert len(alt_rows) == 11910
    # Every alias row lands on its entry under the property its type names.
    prop = {"aka": "alias", "fka": "previousName", "nka": "alias"}
    for row in alt_rows:
        entity = entities[f"ofac-{row.fields[0]}"]
        # FtM cleans names (runs of spaces, quotes around a name), so compare cleaned.
        name = registry_types.name.clean(row.fields[3])
        assert name in entity.get(prop[row.fields[2].strip()]), row
    # Every address row with a street or city lands on its entry.
    with_text = [
        r for r in add_rows if r.fields[2].strip() != "-0-" or r.fields[3].strip() != "-0-"
    ]
    for row in with_text:
        entity = entities[f"ofac-{row.fields[0]}"]
        parts = [v.strip() for v in row.fields[2:5] if v.strip() != "-0-"]
        assert registry_types.address.clean(", ".join(parts)) in entity.get("address"), row


def test_addresses_and_aliases_pinned(set2021: ParsedList) -> None:
    # sdn.csv 306,"BANCO NACIONAL DE CUBA",...,"a.k.a. 'BNC'."; alt.csv 306,220,"aka","NATIONAL
    # BANK OF CUBA"; add.csv 306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland" (+3 more)
    bank = by_id(set2021)["ofac-306"]
    assert bank.get("alias") == ["NATIONAL BANK OF CUBA"]
    assert bank.get("weakAlias") == ["BNC"]
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bank.get("address")
    assert len(bank.get("address")) == 4
    assert sorted(bank.get("country")) == ["ch", "es", "jp", "pa"]


def test_comment_overflow_is_joined(set2021: ParsedList, nov30: ParsedList) -> None:
    # 28264's remark is cut at 1,000 characters in sdn.csv ("...; P") and continues in
    # sdn_comments.csv ("hone Number 8613314257947; ... Identification Number
    # 210302198701102136 (China); a.k.a. 'blackjack1987'; a.k.a. 'khaleesi'; Linked To: LAZARUS
    # GROUP.").
    person = by_id(set2021)["ofac-28264"]
    assert person.get("idNumber") == ["210302198701102136"]
    assert sorted(person.get("weakAlias")) == ["blackjack1987", "khaleesi"]
    assert facts_of(set2021, "ofac-28264", "linkedTo") == ["LAZARUS GROUP"]
    assert facts_of(set2021, "ofac-28264", "phone") == ["8613314257947", "8618004121000"]
    assert len(facts_of(set2021, "ofac-28264", "cryptoWallet")) > 10
    # "Linked To: LAZARUS GROUP" resolves to the one entry of that name.
    lazarus = [e for e in set2021.entities if e.get("name", quiet=True) == ["LAZARUS GROUP"]]
    assert len(lazarus) == 1
    assert facts_of(set2021, "ofac-28264", "linkedToId") == [lazarus[0].id]


def test_listed_entities_fold(dec01: ParsedList) -> None:
    listed = {e.id: e for e in listed_entities("ofac", dec01.entities, dec01.facts)}
    vessel = listed["ofac-17069"]
    assert vessel.caption == "CHONG CHON GANG"
    assert vessel.reference == "17069"
    assert vessel.programs == ["DPRK"]
    assert vessel.get("imoNumber") == ["IMO7937317"]


def test_birth_date_forms(nov30: ParsedList) -> None:
    ranges = [f for f in nov30.facts if f.prop == "birthDateRange"]
    circa = [f for f in nov30.facts if f.prop == "birthDateApprox"]
    assert ranges and circa
    entities = by_id(nov30)
    for fact in ranges:
        start, end = fact.value.split("/")
        assert start < end
        assert {start, end} <= set(entities[fact.entity_id].get("birthDate"))


# --- bad input -----------------------------------------------------------------------------------

GOOD_ROW = (
    '17069,"CHONG CHON GANG","vessel","DPRK",-0- ,-0- ,"General Cargo",-0- ,-0- ,-0- ,-0- ,-0- '
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sdn.csv", "")
    with pytest.raises(InputError, match="no OFAC SDN.CSV rows") as info:
        PARSER.parse(path)
    assert str(path) in str(info.value)
    assert "what to do" in str(info.value)
    with pytest.raises(InputError, match="empty"):
        registry.parser_for(path, "ofac")


def test_truncated_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sdn.csv", GOOD_ROW + '\r\n306,"BANCO NACIONAL DE CU')
    with pytest.raises(InputError, match="cut short") as info:
        PARSER.parse(path)
    assert info.value.line == 2
    assert "re-download" in str(info.value)


def test_truncated_between_fields(tmp_path: Path) -> None:
    # Cut after a comma: no open quote, but too few columns and no closing 0x1A byte.
    path = write(tmp_path, "sdn.csv", GOOD_ROW + '\r\n306,"BANCO NACIONAL DE CUBA",-0- ,')
    with pytest.raises(InputError, match="cut short") as info:
        PARSER.parse(path)
    assert info.value.line == 2
    # The same short last row in a file that ends properly is one bad record, not truncation.
    path.write_bytes(path.read_bytes() + b"\r\n\x1a")
    parsed = PARSER.parse(path)
    assert [(s.reference, s.line) for s in parsed.skipped] == [("306", 2)]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_ROW.encode() + b"\r\n")
    assert PARSER.sniff(path, path.read_bytes())
    assert "ofac-17069" in by_id(PARSER.parse(path))


def test_bad_rows_are_skipped_and_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [GOOD_ROW] * 1 + [
        '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ',  # 5 columns
        '424,"BOUTIQUE "LA" MAISON",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',  # quoting
        'X1,"NOT A NUMBER",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        GOOD_ROW,  # duplicate ent_num
    ]
    lines += [
        f'{n},"ENTRY {n}",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
        for n in range(1000, 1400)
    ]
    path = write(tmp_path, "sdn_2020-01-02.csv", "\r\n".join(lines) + "\r\n\x1a")
    with caplog.at_level(logging.WARNING):
        parsed = PARSER.parse(path)
    assert len([e for e in parsed.entities if e.schema.name == "Sanction"]) == 401
    skipped = {(s.reference, s.line) for s in parsed.skipped}
    assert skipped == {("306", 2), ("424", 3), ("X1", 4), ("17069", 5)}
    reasons = " ".join(s.reason for s in parsed.skipped)
    assert "5 columns, expected 12" in reasons
    assert "bad quoting" in reasons
    assert "listed twice" in reasons
    assert "skipped OFAC record 306" in caplog.text


def test_too_many_bad_rows_rejects_the_file(tmp_path: Path) -> None:
    lines = [GOOD_ROW] + ['1,"A",-0- ,"CUBA"'] * 20
    path = write(tmp_path, "sdn.csv", "\r\n".join(lines) + "\r\n\x1a")
    with pytest.raises(InputError, match="20 of 21 rows are malformed") as info:
        PARSER.parse(path)
    assert info.value.line == 2


def test_not_this_format(tmp_path: Path, shared_data: Path) -> None:
    un = shared_data / "lists" / "un" / "un_consolidated_2022-09-15.xml"
    with pytest.raises(InputError, match="this is not an OFAC SDN.CSV file"):
        PARSER.parse(un)


def test_companion_rows_for_unknown_entries_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "sdn.csv", GOOD_ROW + "\r\n")
    write(tmp_path, "ALT.CSV", '17069,1,"fka","OLD NAME",-0- \r\n99,2,"aka","NOBODY",-0- \r\n')
    write(tmp_path, "Add.csv", '17069,5,-0- ,"Nampo","Korea, North",-0- \r\n7,8,"x","y"\r\n\x1a')
    parsed = PARSER.parse(tmp_path / "sdn.csv")
    assert [p.name for p in parsed.inputs] == ["sdn.csv", "ALT.CSV", "Add.csv"]
    vessel = by_id(parsed)["ofac-17069"]
    assert vessel.get("previousName") == ["OLD NAME"]
    assert vessel.get("address") == ["Nampo, Korea, North"]
    reasons = {(s.reference, s.line): s.reason for s in parsed.skipped}
    assert reasons[("99", 2)] == "ALT.CSV: ent_num 99 is not in sdn.csv"
    assert reasons[("7", 2)] == "Add.csv: 4 columns, expected 6"


def test_consolidated_csv_set(tmp_path: Path) -> None:
    write(tmp_path, "cons_prim_2024-01-02.csv", GOOD_ROW + "\r\n\x1a")
    write(tmp_path, "CONS_ALT_2024-01-02.CSV", '17069,1,"aka","ALIAS",-0- \r\n\x1a')
    parsed = PARSER.parse(tmp_path / "cons_prim_2024-01-02.csv")
    assert parsed.format == "ofac-sdn-csv+published-from-filename+list-consolidated"
    assert [p.name for p in parsed.inputs] == [
        "cons_prim_2024-01-02.csv",
        "CONS_ALT_2024-01-02.CSV",
    ]
    assert by_id(parsed)["ofac-17069"].get("alias") == ["ALIAS"]


def test_publication_date_falls_back_to_mtime(tmp_path: Path) -> None:
    path = write(tmp_path, "sdn.csv", GOOD_ROW + "\r\n")
    stamp = datetime(2022, 3, 4, 5, 6, 7, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    parsed = PARSER.parse(path)
    assert parsed.published == datetime(2022, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert parsed.format == "ofac-sdn-csv+published-from-mtime+no-companions"


def test_cp1252_bytes_are_decoded(tmp_path: Path) -> None:
    row = '5,"MU\xd1OZ, Jos\xe9","individual","SDNTK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    path = write(tmp_path, "sdn_2020-01-02.csv", row + "\r\n")
    person = by_id(PARSER.parse(path))["ofac-5"]
    assert person.get("name") == ["MUÑOZ, José"]
    assert person.get("lastName") == ["MUÑOZ"]


def test_companions_found_case_insensitively(tmp_path: Path) -> None:
    for name in ("SDN.CSV", "ADD.CSV", "alt.csv", "Sdn_Comments.csv", "add_2023-11-30.csv"):
        (tmp_path / name).write_bytes(b"")
    found = {kind: path.name for kind, path in find_companions(tmp_path / "SDN.CSV").items()}
    assert found == {"add": "ADD.CSV", "alt": "alt.csv", "sdn_comments": "Sdn_Comments.csv"}
    # A dated SDN file takes only companions of the same date, never a plain add.csv.
    (tmp_path / "sdn_2023-11-30.csv").write_bytes(b"")
    found = {k: p.name for k, p in find_companions(tmp_path / "sdn_2023-11-30.csv").items()}
    assert found == {"add": "add_2023-11-30.csv"}
    assert companion_names("CONS_PRIM.CSV") == {
        "add": "cons_add.csv",
        "alt": "cons_alt.csv",
        "sdn_comments": "cons_comments.csv",
    }
