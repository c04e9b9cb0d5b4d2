"""UN SC consolidated list parser, on the real files in ../shared/data/lists/un and hostile ones.

Each real file is parsed at most once per module (0.4-1.2 s each on the shared machine);
the tests over all eleven files are marked slow, the pinned ones need only two files.
Pinned values were read by hand from the XML of the file each test names.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import random
import tempfile
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from followthemoney import EntityProxy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from sanctionwatch.errors import InputError, SourceMismatchError, UnsafeInputError
from sanctionwatch.sources import registry
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.name_scripts import split_scripts
from sanctionwatch.sources.un_sc import PARSERS, UnConsolidatedXml, parse, program_id

UN_DIR = "lists/un"
GOOD_FILES = [
    "un_consolidated_2017-07-03.xml",
    "un_consolidated_2020-03-20.xml",
    "un_consolidated_2020-11-24.xml",
    "un_consolidated_2022-09-15.xml",
    "un_consolidated_2024-09-21.xml",
    "un_consolidated_2025-04-19.xml",
    "un_consolidated_2025-11-20.xml",
    "un_consolidated_2025-11-29.xml",
    "un_consolidated_2025-12-10.xml",
    "un_consolidated_2026-02-27.xml",
    "un_consolidated_2026-05-08.xml",
]
# (individuals, entities, DPRK individuals, DPRK entities) from ../shared/data/SOURCES.md
# (DPRK counts listed there for some files; the others were counted with grep on KPi./KPe.).
COUNTS = {
    "un_consolidated_2017-07-03.xml": (650, 371, 53, 46),
    "un_consolidated_2020-03-20.xml": (709, 305, 80, 75),
    "un_consolidated_2020-11-24.xml": (713, 305, 80, 75),
    "un_consolidated_2022-09-15.xml": (699, 253, 80, 75),
    "un_consolidated_2024-09-21.xml": (682, 193, 80, 75),
    "un_consolidated_2025-04-19.xml": (684, 193, 80, 75),
    "un_consolidated_2025-11-20.xml": (727, 273, 80, 75),
    "un_consolidated_2025-11-29.xml": (727, 273, 80, 75),
    "un_consolidated_2025-12-10.xml": (726, 273, 80, 75),
    "un_consolidated_2026-02-27.xml": (730, 273, 80, 75),
    "un_consolidated_2026-05-08.xml": (737, 272, 80, 75),
}


class Parsed:
    """One parsed release with lookups by entity id."""

    def __init__(self, result: ParsedList) -> None:
        self.result = result
        self.by_id: dict[str, EntityProxy] = {}
        for proxy in result.entities:
            assert proxy.id is not None
            assert proxy.id not in self.by_id, f"duplicate entity id {proxy.id}"
            self.by_id[proxy.id] = proxy
        self.facts: dict[str, dict[str, list[str]]] = {}
        for fact in result.facts:
            self.facts.setdefault(fact.entity_id, {}).setdefault(fact.prop, []).append(fact.value)

    def entity(self, reference: str) -> EntityProxy:
        return self.by_id[f"un-{reference}"]

    def sanction(self, reference: str) -> EntityProxy:
        return self.by_id[f"un-{reference}-sanction"]

    def fact(self, reference: str, prop: str) -> list[str]:
        return self.facts.get(f"un-{reference}", {}).get(prop, [])

    def held_by(self, reference: str, schema: str) -> list[EntityProxy]:
        return [
            p
            for p in self.result.entities
            if p.schema.name == schema and p.get("holder") == [f"un-{reference}"]
        ]


class Releases:
    """Real UN files, each parsed on first use and kept for the module."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.parsed: dict[str, Parsed] = {}

    def __getitem__(self, name: str) -> Parsed:
        if name not in self.parsed:
            self.parsed[name] = Parsed(parse(self.directory / name))
        return self.parsed[name]

    def all(self) -> list[Parsed]:
        return [self[name] for name in GOOD_FILES]


@pytest.fixture(scope="module")
def releases(shared_data: Path) -> Releases:
    return Releases(shared_data / UN_DIR)


@pytest.fixture(scope="module")
def nov2020(releases: Releases) -> Parsed:
    return releases["un_consolidated_2020-11-24.xml"]


@pytest.fixture(scope="module")
def may2026(releases: Releases) -> Parsed:
    return releases["un_consolidated_2026-05-08.xml"]


# --- every real file ------------------------------------------------------------------------


def test_every_real_file_is_covered(shared_data: Path) -> None:
    on_disk = {p.name for p in (shared_data / UN_DIR).glob("*.xml") if "BAD" not in p.name}
    assert on_disk == set(GOOD_FILES)


# Parsing all eleven files takes 5-15 s on the shared 2-core machine.
@pytest.mark.slow
@pytest.mark.parametrize("name", GOOD_FILES)
def test_counts_match_sources_md(releases: Releases, name: str) -> None:
    parsed = releases[name]
    individuals, entities, dprk_i, dprk_e = COUNTS[name]
    schemata = Counter(p.schema.name for p in parsed.result.entities)
    assert schemata["Person"] == individuals
    assert schemata["Organization"] == entities
    assert schemata["Sanction"] == individuals + entities
    dprk = Counter(
        parsed.by_id[s.get("entity")[0]].schema.name
        for s in parsed.result.entities
        if s.schema.name == "Sanction" and s.get("program") == ["DPRK"]
    )
    assert (dprk["Person"], dprk["Organization"]) == (dprk_i, dprk_e)
    # The IMO numbers in the real files are all company numbers: no vessel entities.
    assert schemata["Vessel"] == 0
    assert parsed.result.skipped == []
    assert parsed.result.published.tzinfo is UTC
    # The file names carry the New York date; evening files are the next day in UTC.
    named = date.fromisoformat(name.removeprefix("un_consolidated_").removesuffix(".xml"))
    assert parsed.result.published.date() - named in (timedelta(0), timedelta(days=1))
    assert parsed.result.source == "un"
    assert parsed.result.inputs[0].name == name


@pytest.mark.slow
@pytest.mark.parametrize("name", GOOD_FILES)
def test_every_subject_has_exactly_one_sanction(releases: Releases, name: str) -> None:
    parsed = releases[name]
    subjects = {p.id for p in parsed.result.entities if p.schema.name in {"Person", "Organization"}}
    targets = Counter(
        s.get("entity")[0] for s in parsed.result.entities if s.schema.name == "Sanction"
    )
    assert set(targets) == subjects
    assert set(targets.values()) == {1}
    for sanction in (p for p in parsed.result.entities if p.schema.name == "Sanction"):
        assert sanction.get("authority") == ["United Nations Security Council"]
        assert len(sanction.get("unscId")) == 1
        assert len(sanction.get("listingDate")) == 1
        assert f"un-{sanction.get('unscId')[0]}" == sanction.get("entity")[0]


def test_published_is_read_from_date_generated_in_utc(releases: Releases) -> None:
    # dateGenerated="2020-11-24T20:23:07.617-05:00"
    assert releases["un_consolidated_2020-11-24.xml"].result.published == datetime(
        2020, 11, 25, 1, 23, 7, 617000, tzinfo=UTC
    )
    # dateGenerated="2026-05-08T23:00:06.922Z"
    assert releases["un_consolidated_2026-05-08.xml"].result.published == datetime(
        2026, 5, 8, 23, 0, 6, 922000, tzinfo=UTC
    )


# --- pinned entries, checked by hand against the XML ------------------------------------------


def test_dprk_individual_with_between_dob(nov2020: Parsed) -> None:
    # KPi.066 KIM JONG SIK: BETWEEN 1967 and 1969, alias Kim Cho'ng-sik, "Gender: male".
    person = nov2020.entity("KPi.066")
    assert person.schema.name == "Person"
    assert person.get("name") == ["KIM JONG SIK"]
    assert person.get("alias") == ["Kim Cho\u2019ng-sik"]
    assert person.get("nationality") == ["kp"]
    assert person.get("gender") == ["male"]  # from COMMENTS1; no GENDER element in 2020
    assert person.get("birthDate") == []  # a range is not a precise date
    assert nov2020.fact("KPi.066", "birthDateRange") == ["1967/1969"]
    assert nov2020.fact("KPi.066", "birthDateQualifier") == []
    assert nov2020.fact("KPi.066", "unFirstName") == ["KIM"]
    assert nov2020.fact("KPi.066", "unSecondName") == ["JONG SIK"]
    # The UN FIRST_NAME of a DPRK individual is the family name.
    assert person.get("lastName") == ["KIM"]
    assert person.get("firstName") == ["JONG SIK"]
    sanction = nov2020.sanction("KPi.066")
    assert sanction.get("program") == ["DPRK"]
    assert sanction.get("programId") == ["UN-SC1718"]
    assert sanction.get("unscId") == ["KPi.066"]
    assert sanction.get("listingDate") == ["2017-12-22"]
    assert sanction.get("recordId") == ["6908643"]
    assert sanction.get("reason") == []  # COMMENTS1 is only "Gender: male"


def test_dprk_individual_with_passports(nov2020: Parsed) -> None:
    # KPi.021 KIM JUNG JONG: three passports, two with the expiry written into NUMBER.
    person = nov2020.entity("KPi.021")
    assert sorted(person.get("passportNumber")) == ["199421147", "381110042", "563210184"]
    assert person.get("birthDate") == ["1966-11-07"]
    assert nov2020.fact("KPi.021", "birthDateRange") == ["1966-11-07/1966-11-07"]
    passports = {p.get("number")[0]: p for p in nov2020.held_by("KPi.021", "Passport")}
    assert set(passports) == {"199421147", "381110042", "563210184"}
    assert passports["381110042"].get("description") == ["Expired 25 Jan. 2016"]
    assert passports["199421147"].get("description") == ["Expired 29 Dec. 2014"]
    assert "Passport 381110042 (Expired 25 Jan. 2016)" in nov2020.fact(
        "KPi.021", "identityDocument"
    )
    assert nov2020.sanction("KPi.021").get("modifiedAt") == ["2017-06-01"]


def test_year_only_and_multiple_dobs(may2026: Parsed) -> None:
    # KPi.007 CHANG MYONG-CHIN: EXACT 1968-02-19, EXACT YEAR 1965, EXACT YEAR 1966.
    person = may2026.entity("KPi.007")
    assert sorted(person.get("birthDate")) == ["1965", "1966", "1968-02-19"]
    assert sorted(may2026.fact("KPi.007", "birthDateRange")) == [
        "1965/1965",
        "1966/1966",
        "1968-02-19/1968-02-19",
    ]
    # DESIGNATION spans three lines in the file; whitespace is normalised.
    assert person.get("position") == [
        (
            "General Manager of the Sohae Satellite Launching Station and head of launch center "
            "at which the 13 April and 12 December 2012 launches took place."
        )
    ]


def test_approximately_and_arabic_original_script(nov2020: Parsed) -> None:
    # TAi.013: APPROXIMATELY 1975, NAME_ORIGINAL_SCRIPT in Arabic, one Low alias, TITLE Mullah.
    person = nov2020.entity("TAi.013")
    assert person.get("name") == ["MOHAMMAD NAIM BARICH KHUDAIDAD"]
    assert nov2020.fact("TAi.013", "nameOriginalScript") == [
        (
            "\u0645\u062d\u0645\u062f \u0646\u0639\u064a\u0645 \u0628\u0631\u064a\u062e "
            "\u062e\u062f\u0627\u064a\u062f\u0627\u062f"
        )
    ]
    assert nov2020.fact("TAi.013", "nameOriginalScript")[0] in person.get("alias")
    assert person.get("weakAlias") == ["Spen Zrae"]
    assert "Mullah Naeem Barech" in person.get("alias")
    assert len(person.get("alias")) == 16  # 15 Good aliases + the original script
    assert person.get("title") == ["Mullah"]
    assert person.get("birthDate") == []
    assert nov2020.fact("TAi.013", "birthDateRange") == ["1974/1976"]
    assert nov2020.fact("TAi.013", "birthDateQualifier") == ["approximately 1975"]
    assert len(person.get("birthPlace")) == 5
    assert nov2020.fact("TAi.013", "aliasNote") == ["Mohammad Naim: previously listed as"]
    sanction = nov2020.sanction("TAi.013")
    assert sanction.get("modifiedAt") == [
        "2003-09-03",
        "2007-07-09",
        "2007-09-21",
        "2012-02-13",
        "2012-08-13",
        "2013-04-22",
        "2013-12-31",
    ]
    # The review sentence and the INTERPOL link are administrative, not the reason.
    assert sanction.get("reason") == [
        (
            "Member of the Taliban Military Commission as at mid-2013. Believed to be in "
            "Afghanistan/Pakistan border area. Belongs to Barich tribe."
        )
    ]
    assert "Review pursuant" in person.get("notes")[0]


def test_between_marked_approximately(may2026: Parsed) -> None:
    # TAi.146 NASIRUDDIN HAQQANI: BETWEEN 1970 and 1973 with NOTE "Approximately".
    assert may2026.fact("TAi.146", "birthDateRange") == ["1970/1973"]
    assert may2026.fact("TAi.146", "birthDateQualifier") == ["approximately between 1970 and 1973"]
    assert may2026.fact("TAi.146", "birthDateNote") == ["1970/1973: Approximately"]
    assert may2026.fact("TAi.146", "interpolNoticeUrl") == [
        "https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals"
    ]
    assert may2026.entity("TAi.146").get("weakAlias") == ["Naseruddin"]
    # "A leader of the Haqqani Network (TAe.012) ... Son of Jalaluddin Haqqani (TAi.040)."
    assert may2026.fact("TAi.146", "relatedReference") == ["TAe.012", "TAi.040"]


def test_birth_months_written_in_notes(may2026: Parsed) -> None:
    # CDi.004: EXACT with only NOTE "Nov. 1973 ".
    assert may2026.entity("CDi.004").get("birthDate") == ["1973-11"]
    assert may2026.fact("CDi.004", "birthDateRange") == ["1973-11-01/1973-11-30"]
    # QDi.395: YEAR 1958 with NOTE "Sep.".
    assert may2026.entity("QDi.395").get("birthDate") == ["1958-09"]
    assert may2026.fact("QDi.395", "birthDateNote") == ["1958-09: Sep."]
    # QDi.306: NOTE "Between Aug. and Sep. 1977" (a range, not a birthDate), and EXACT 1976.
    assert may2026.entity("QDi.306").get("birthDate") == ["1976"]
    assert sorted(may2026.fact("QDi.306", "birthDateRange")) == [
        "1976/1976",
        "1977-08-01/1977-09-30",
    ]
    # LYi.022: APPROXIMATELY with only the NOTE "30-35 years old": no range, but qualified.
    assert may2026.fact("LYi.022", "birthDateRange") == []
    assert may2026.fact("LYi.022", "birthDateQualifier") == ["approximately (30-35 years old)"]


def test_document_with_issuer_city_and_date(nov2020: Parsed) -> None:
    # QDi.099: passport K989895, ISSUING_COUNTRY "Tunisian", issued in Genoa, Italy, 1995-07-26.
    (passport,) = nov2020.held_by("QDi.099", "Passport")
    assert passport.get("number") == ["K989895"]
    assert passport.get("country") == ["tn"]
    assert passport.get("authority") == ["Genoa"]
    assert passport.get("startDate") == ["1995-07-26"]
    assert passport.get("description") == ["expired on 25 Jul. 2000"]
    person = nov2020.entity("QDi.099")
    # Alias-level DATE_OF_BIRTH 1970-08-15 is kept next to the main 1969-02-08.
    assert sorted(person.get("birthDate")) == ["1969-02-08", "1970-08-15"]
    assert sorted(person.get("weakAlias")) == ["Amr", "Amro", "Amrou", "Omar"]
    assert person.get("address") == ["Nuoro, Italy"]


def test_labelled_id_numbers_are_split(nov2020: Parsed) -> None:
    # QDi.340: NUMBER "French passport number 05AT521433", "French national identity card ...".
    person = nov2020.entity("QDi.340")
    assert person.get("passportNumber") == ["05AT521433"]
    assert sorted(person.get("idNumber")) == ["0205561020089", "050456101445"]
    types = sorted(p.get("type")[0] for p in nov2020.held_by("QDi.340", "Identification"))
    assert types == [
        "National Identification Number / French identity card number",
        "National Identification Number / French national identity card number",
    ]


def test_name_parts(nov2020: Parsed, may2026: Parsed) -> None:
    # KPi.029: FIRST_NAME PAK, SECOND_NAME CHUN, THIRD_NAME IL.
    pak = may2026.entity("KPi.029")
    assert (pak.get("lastName"), pak.get("firstName")) == (["PAK"], ["CHUN IL"])
    assert pak.get("name") == ["PAK CHUN IL"]
    # Outside the DPRK regime the order varies, so the parts are not tagged.
    person = nov2020.entity("QDi.099")
    assert person.get("firstName") == [] and person.get("lastName") == []
    assert nov2020.fact("QDi.099", "unFourthName") == ["JARRAYA"]


def test_gender_element_in_newer_files(may2026: Parsed) -> None:
    # QDi.360 SALLY-ANNE FRANCES JONES: <GENDER>Female</GENDER>
    assert may2026.entity("QDi.360").get("gender") == ["female"]


def test_entity_with_aliases_and_address(may2026: Parsed) -> None:
    # KPe.001 KOMID: four a.k.a. aliases, address Central District, Pyongyang.
    org = may2026.entity("KPe.001")
    assert org.schema.name == "Organization"
    assert org.get("name") == ["KOREA MINING DEVELOPMENT TRADING CORPORATION"]
    assert sorted(org.get("alias")) == [
        "CHANGGWANG SINYONG CORPORATION",
        "DPRKN MINING DEVELOPMENT TRADING COOPERATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
        "KOMID",  # written "KOMID" with quotes in the file
    ]
    assert org.get("address") == [
        "Central District, Pyongyang, Democratic People's Republic of Korea"
    ]
    assert org.get("country") == ["kp"]
    sanction = may2026.sanction("KPe.001")
    assert sanction.get("listingDate") == ["2009-04-24"]
    assert sanction.get("reason") == [
        (
            "Primary arms dealer and main exporter of goods and equipment related to ballistic "
            "missiles and conventional weapons."
        )
    ]


def test_formerly_known_as_is_previous_name(may2026: Parsed) -> None:
    # QDe.130: alias "Harakat-ul-Ansar" with QUALITY f.k.a.
    assert "Harakat-ul-Ansar" in may2026.entity("QDe.130").get("previousName")


def test_company_imo_numbers_are_not_vessels(releases: Releases) -> None:
    # KPe.020 OMM: "International Maritime Organization (IMO) Number: 1790183." is the company's
    # own number; it passes the ship check digit by chance, and must not become a Vessel.
    # KPe.022: "IMO Number: 5342883." (fails the ship check digit, also a company number).
    nov2020 = releases["un_consolidated_2020-11-24.xml"]
    assert nov2020.entity("KPe.020").get("imoNumber") == ["IMO1790183"]
    assert nov2020.entity("KPe.022").get("imoNumber") == ["IMO5342883"]
    assert not [p for p in nov2020.result.entities if p.schema.name == "Vessel"]


def test_vessels_named_in_dprk_entries(may2026: Parsed) -> None:
    # KPe.064: "Registered owner of DPRK tankers SAM JONG 1 and SAM JONG 2. ...
    # IMO number: 5954061."
    assert may2026.fact("KPe.064", "vesselNamed") == ["SAM JONG 1", "SAM JONG 2"]
    assert may2026.entity("KPe.064").get("imoNumber") == ["IMO5954061"]
    # KPe.070: "... tanker JI SONG 6 ... also owns vessels JI SONG 8 and WOORY STAR."
    assert may2026.fact("KPe.070", "vesselNamed") == ["JI SONG 6", "JI SONG 8", "WOORY STAR"]
    # KPe.020 "the vessel Chong Chon Gang" (mixed case) is not read as a name.
    assert may2026.fact("KPe.020", "vesselNamed") == []


def test_facts_never_shadow_ftm_properties(may2026: Parsed) -> None:
    from followthemoney import model

    ftm_props = set()
    for schema in ("Person", "Organization"):
        ftm_props.update(model.get(schema).properties)  # type: ignore[union-attr]
    used = {fact.prop for fact in may2026.result.facts}
    assert used.isdisjoint(ftm_props)
    documented = (Path(__file__).parents[2] / "src/sanctionwatch/sources/un_sc.py").read_text()
    for prop in used:
        assert f"``{prop}``" in documented, f"fact {prop} is not documented in the docstring"


# --- sniffing and the registry ------------------------------------------------------------


def test_sniff_recognises_un_files(shared_data: Path) -> None:
    parser = UnConsolidatedXml()
    for name in [*GOOD_FILES, "un_consolidated_2025-08-16_BAD-ENCODING.xml"]:
        path = shared_data / UN_DIR / name
        assert parser.sniff(path, path.read_bytes()[:8192]), name


@pytest.mark.parametrize(
    "relative",
    [
        "lists/ofac/sdn_2023-12-01.csv",
        "lists/ofac/ofac_nonsdn_consolidated_2025-12-18.xml",
        "lists/ofac/cons_advanced_2020-03-17.xml",
        "lists/uk/ofsi_ConList_2016-03-23.csv",
    ],
)
def test_other_lists_are_a_source_mismatch(shared_data: Path, relative: str) -> None:
    path = shared_data / relative
    assert not PARSERS[0].sniff(path, path.read_bytes()[:8192])
    with pytest.raises(SourceMismatchError) as info:
        registry.parser_for(path, "un")
    assert info.value.path == str(path)


def test_registry_picks_the_un_parser(shared_data: Path) -> None:
    path = shared_data / UN_DIR / GOOD_FILES[0]
    assert registry.parser_for(path, "un") is PARSERS[0]


@pytest.mark.skipif(
    importlib.util.find_spec("sanctionwatch.sources.ofac_csv") is None,
    reason="OFAC parsers live on the lists-ofac branch until merged",
)
def test_un_file_loaded_as_ofac_is_a_mismatch(shared_data: Path) -> None:
    with pytest.raises(SourceMismatchError):
        registry.parser_for(shared_data / UN_DIR / GOOD_FILES[-1], "ofac")


def test_sniff_tolerates_bom_and_comment(tmp_path: Path) -> None:
    head = (
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- copy -->\n<CONSOLIDATED_LIST dateGenerated="x">'
    )
    assert UnConsolidatedXml().sniff(tmp_path / "x.xml", head)
    assert not UnConsolidatedXml().sniff(tmp_path / "x.xml", b"<sdnList><publshInformation>")


# --- hostile and damaged files --------------------------------------------------------------


def _individual(
    reference: str | None = "KPi.901",
    first: str = "KIM",
    second: str = "IL",
    extra: str = "",
    dataid: str = "9000001",
) -> str:
    ref = f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>" if reference is not None else ""
    return (
        f"<INDIVIDUAL><DATAID>{dataid}</DATAID><VERSIONNUM>1</VERSIONNUM>"
        f"<FIRST_NAME>{first}</FIRST_NAME><SECOND_NAME>{second}</SECOND_NAME>"
        f"<UN_LIST_TYPE>DPRK</UN_LIST_TYPE>{ref}<LISTED_ON>2017-08-05</LISTED_ON>"
        f"{extra}</INDIVIDUAL>\n"
    )


def _entity(reference: str, name: str, comments: str = "", extra: str = "") -> str:
    return (
        f"<ENTITY><DATAID>9100001</DATAID><VERSIONNUM>1</VERSIONNUM>"
        f"<FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER><LISTED_ON>2018-03-30</LISTED_ON>"
        f"<COMMENTS1>{comments}</COMMENTS1>{extra}</ENTITY>\n"
    )


def _un_file(
    tmp_path: Path,
    individuals: str = "",
    entities: str = "",
    generated: str | None = "2026-01-02T03:04:05.000Z",
    name: str = "un.xml",
) -> Path:
    attr = f' dateGenerated="{generated}"' if generated else ""
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<CONSOLIDATED_LIST{attr}>\n<INDIVIDUALS>\n{individuals}</INDIVIDUALS>\n"
        f"<ENTITIES>\n{entities}</ENTITIES>\n</CONSOLIDATED_LIST>\n"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_records_are_skipped_and_reported(tmp_path: Path) -> None:
    records = (
        _individual("KPi.901")  # line 4: good
        + _individual(None, dataid="777")  # line 5: no REFERENCE_NUMBER
        + _individual("KPi.901", first="PAK")  # line 6: duplicate reference
        + _individual("KPi.902", first="", second="")  # line 7: no name at all
        + _individual("nonsense")  # line 8: not a UN reference
        + _individual("KPi.903", first="RI")  # line 9: good
    )
    result = parse(_un_file(tmp_path, individuals=records))
    ids = sorted(p.id or "" for p in result.entities)
    assert ids == ["un-KPi.901", "un-KPi.901-sanction", "un-KPi.903", "un-KPi.903-sanction"]
    skipped = {(s.reference, s.line) for s in result.skipped}
    assert skipped == {("DATAID 777", 5), ("KPi.901", 6), ("KPi.902", 7), ("nonsense", 8)}
    reasons = " | ".join(s.reason for s in result.skipped)
    assert "no REFERENCE_NUMBER" in reasons
    assert "appears twice (first at line 4)" in reasons
    assert "no name" in reasons


def test_unreadable_values_keep_their_record(tmp_path: Path) -> None:
    extra = (
        "<NATIONALITY><VALUE>Possibly Ethiopian-ish</VALUE></NATIONALITY>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-13-45</DATE>"
        "</INDIVIDUAL_DATE_OF_BIRTH>"
    )
    body = _individual("KPi.901", extra=extra).replace("2017-08-05", "5 Aug 2017")
    result = parse(_un_file(tmp_path, individuals=body))
    parsed = Parsed(result)
    assert parsed.entity("KPi.901").get("birthDate") == []
    assert parsed.sanction("KPi.901").get("listingDate") == []
    assert sorted(parsed.fact("KPi.901", "unparsedValue")) == [
        "DATE_OF_BIRTH: 1960-13-45",
        "LISTED_ON: 5 Aug 2017",
        "NATIONALITY: Possibly Ethiopian-ish",
    ]
    assert result.skipped == []


def test_vessel_with_imo_in_comments(tmp_path: Path) -> None:
    # Two entries name the same ship; a bad check digit is reported, not turned into a vessel.
    entities = _entity(
        "KPe.901",
        "FRONT SHIPPING CO",
        "Registered owner of the vessel WISE HONEST (IMO 8905490), which exported coal. "
        "IMO number: 5342883.",
    ) + _entity(
        "KPe.902",
        "OTHER MANAGEMENT CO",
        "Ship manager of the tanker WISE HONEST, IMO: 8905490. Also managed tanker "
        "BAD DIGIT (IMO 8905491).",
    )
    parsed = Parsed(parse(_un_file(tmp_path, entities=entities)))
    vessel = parsed.by_id["un-imo-8905490"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("imoNumber") == ["IMO8905490"]
    assert vessel.get("name") == ["WISE HONEST"]
    assert vessel.get("topics") == ["sanction.linked"]
    links = [p for p in parsed.result.entities if p.schema.name == "UnknownLink"]
    assert sorted((p.get("subject")[0], p.get("object")[0]) for p in links) == [
        ("un-KPe.901", "un-imo-8905490"),
        ("un-KPe.902", "un-imo-8905490"),
    ]
    assert "un-imo-8905491" not in parsed.by_id
    assert parsed.fact("KPe.902", "unparsedValue") == ["IMO (invalid check digit): 8905491"]
    # The company's own number stays on the company.
    assert parsed.entity("KPe.901").get("imoNumber") == ["IMO5342883"]
    assert parsed.entity("KPe.902").get("imoNumber") == []


def test_wrong_root_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?>\n<sdnList><sdnEntry/></sdnList>\n')
    with pytest.raises(InputError) as info:
        parse(path)
    assert "CONSOLIDATED_LIST" in str(info.value)
    assert info.value.line == 2


def test_file_without_records_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no readable INDIVIDUAL or ENTITY records"):
        parse(_un_file(tmp_path))
    with pytest.raises(InputError, match="1 unreadable"):
        parse(_un_file(tmp_path, individuals=_individual(None)))


def test_published_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = _un_file(tmp_path, _individual(), generated=None, name="un_consolidated_2024-03-05.xml")
    assert parse(path).published == datetime(2024, 3, 5, tzinfo=UTC)
    with pytest.raises(InputError, match="no dateGenerated"):
        parse(_un_file(tmp_path, _individual(), generated=None, name="un.xml"))
    with pytest.raises(InputError, match="not an ISO 8601 timestamp"):
        parse(_un_file(tmp_path, _individual(), generated="yesterday"))


def test_real_bad_encoding_file_is_rejected(shared_data: Path) -> None:
    path = shared_data / UN_DIR / "un_consolidated_2025-08-16_BAD-ENCODING.xml"
    with pytest.raises(InputError) as info:
        parse(path)
    assert info.value.line == 53
    assert "declared encoding UTF-8" in str(info.value)
    assert info.value.hint and "https://scsanctions.un.org/" in info.value.hint
    assert str(info.value).count(str(path)) == 1


def test_dtd_in_a_un_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        "\n<CONSOLIDATED_LIST><INDIVIDUALS>" + _individual(first="&x;") + "</INDIVIDUALS>"
        "</CONSOLIDATED_LIST>\n"
    )
    with pytest.raises(UnsafeInputError) as info:
        parse(path)
    assert info.value.line == 2


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        parse(path)


def test_truncated_real_file_is_rejected(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / UN_DIR / "un_consolidated_2022-09-15.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="truncated"):
        parse(path)


# --- properties over generated records ------------------------------------------------------

_NAME_TEXT = st.text(
    alphabet=st.sampled_from("ABCDEKLMNOPRSTU -'\u2019\uac00\ub9ac\u0627\u0644\u0645\u0418\u0412"),
    min_size=1,
    max_size=20,
).filter(lambda t: t.strip() and t.strip()[0].isalpha() and t.strip()[-1].isalpha())
# (Quotes around a whole alias are dropped on purpose, so names start and end with a letter.)


@st.composite
def _date_of_birth(draw: st.DrawFn) -> tuple[str, str]:
    """A DOB element and the birthDateRange it must yield."""
    kind = draw(st.sampled_from(["EXACT-DATE", "EXACT-YEAR", "APPROXIMATELY", "BETWEEN"]))
    year = draw(st.integers(min_value=1900, max_value=2010))
    if kind == "EXACT-DATE":
        day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2010, 12, 31)))
        xml = f"<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>{day.isoformat()}</DATE>"
        return xml, f"{day.isoformat()}/{day.isoformat()}"
    if kind == "EXACT-YEAR":
        return f"<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>{year}</YEAR>", f"{year}/{year}"
    if kind == "APPROXIMATELY":
        xml = f"<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>{year}</YEAR>"
        return xml, f"{year - 1}/{year + 1}"
    to_year = year + draw(st.integers(min_value=0, max_value=8))
    xml = (
        f"<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>{year}</FROM_YEAR>"
        f"<TO_YEAR>{to_year}</TO_YEAR>"
    )
    return xml, f"{year}/{to_year}"


@settings(max_examples=int(os.environ.get("UN_HYPOTHESIS_EXAMPLES", "40")), deadline=None)
@given(
    first=_NAME_TEXT,
    second=_NAME_TEXT,
    dobs=st.lists(_date_of_birth(), min_size=0, max_size=3),
    weak=st.lists(_NAME_TEXT, max_size=3),
)
@example(first="A", second="A", dobs=[], weak=["A \u0418\u0418"])
def test_generated_records_parse_into_one_subject_with_dob_ranges(
    first: str, second: str, dobs: list[tuple[str, str]], weak: list[str]
) -> None:
    extra = "".join(
        f"<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>{escape(w)}</ALIAS_NAME>"
        "</INDIVIDUAL_ALIAS>"
        for w in weak
    ) + "".join(f"<INDIVIDUAL_DATE_OF_BIRTH>{xml}</INDIVIDUAL_DATE_OF_BIRTH>" for xml, _ in dobs)
    record = _individual("KPi.950", first=escape(first), second=escape(second), extra=extra)
    with tempfile.TemporaryDirectory() as directory:
        parsed = Parsed(parse(_un_file(Path(directory), individuals=record)))
    person = parsed.entity("KPi.950")
    assert [p.schema.name for p in parsed.result.entities] == ["Person", "Sanction"]
    expected_name = " ".join(" ".join(part.split()) for part in (first, second))
    assert person.get("name") == [" ".join(expected_name.split())]
    # A weak alias written in two scripts ("A ИИ") also gives each writing as a weak alias.
    weak_names = {" ".join(w.split()) for w in weak}
    weak_names |= {part for w in weak_names for part in split_scripts(w)}
    assert sorted(person.get("weakAlias")) == sorted(weak_names)
    ranges = parsed.fact("KPi.950", "birthDateRange")
    assert sorted(ranges) == sorted({expected for _, expected in dobs})
    for value in ranges:
        start, end = value.split("/")
        assert start <= end


_JUNK = [
    "",
    " ",
    "x",
    "1960",
    "1960-02-30",
    "0000-00-00",
    "1960-01-01-05:00",
    "9999",
    "-1",
    "KPi.001",
    "BETWEEN",
    "APPROXIMATELY",
    "Low",
    "f.k.a.",
    "Korea",
    "\u00c4\u00d6 \ub9ac",
    "vessel X (IMO 9074729)",
    "IMO number: 9074729",
]


@pytest.fixture(scope="module")
def real_records(shared_data: Path) -> list[etree._Element]:
    root = etree.parse(str(shared_data / UN_DIR / "un_consolidated_2026-05-08.xml")).getroot()
    return list(root.iter("INDIVIDUAL", "ENTITY"))


@settings(
    max_examples=int(os.environ.get("UN_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rng=st.randoms(use_true_random=False))
def test_damaged_real_records_never_crash_the_parser(
    real_records: list[etree._Element], rng: random.Random
) -> None:
    # Garble, drop and duplicate fields of five real records: the file either parses (each
    # kept record with one subject and one Sanction, the rest reported) or is refused cleanly.
    sample = [copy.deepcopy(r) for r in rng.sample(real_records, 5)]
    for record in sample:
        leaves = [e for e in record.iter() if len(e) == 0 and e is not record]
        for leaf in rng.sample(leaves, min(6, len(leaves))):
            action = rng.random()
            parent = leaf.getparent()
            assert parent is not None
            if action < 0.5:
                leaf.text = rng.choice(_JUNK)
            elif action < 0.7:
                parent.remove(leaf)
            else:
                parent.append(copy.deepcopy(leaf))
    root = etree.Element("CONSOLIDATED_LIST", dateGenerated="2026-01-01T00:00:00Z")
    individuals = etree.SubElement(root, "INDIVIDUALS")
    entities = etree.SubElement(root, "ENTITIES")
    for record in sample:
        (individuals if record.tag == "INDIVIDUAL" else entities).append(record)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "damaged.xml"
        path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        try:
            result = parse(path)
        except InputError:
            return
    subjects = [p for p in result.entities if p.schema.name in {"Person", "Organization"}]
    sanctions = [p for p in result.entities if p.schema.name == "Sanction"]
    assert len(subjects) == len(sanctions) == 5 - len(result.skipped)
    assert all(s.line is not None for s in result.skipped)


def test_parsing_is_deterministic(nov2020: Parsed, shared_data: Path) -> None:
    # The store relies on the same file giving the same entities and facts, in the same order.
    again = parse(shared_data / UN_DIR / "un_consolidated_2020-11-24.xml")
    assert [p.to_dict() for p in again.entities] == [p.to_dict() for p in nov2020.result.entities]
    assert again.facts == nov2020.result.facts


def test_program_ids_follow_committee_changes(nov2020: Parsed, may2026: Parsed) -> None:
    assert program_id("Iran", date(2020, 11, 24)) == "UN-SC2231"
    assert program_id("Iran", date(2025, 9, 28)) == "UN-SC1737"
    assert program_id("Somalia", date(2023, 11, 30)) == "UN-SC751"
    assert program_id("Somalia", date(2023, 12, 1)) == "UN-SC2713"
    assert program_id("Atlantis", date(2020, 1, 1)) is None

    def ids(parsed: Parsed, program: str) -> set[str]:
        return {
            value
            for s in parsed.result.entities
            if s.schema.name == "Sanction" and s.get("program") == [program]
            for value in s.get("programId")
        }

    assert ids(nov2020, "Iran") == {"UN-SC2231"}
    assert ids(may2026, "Iran") == {"UN-SC1737"}
    assert ids(nov2020, "Somalia") == {"UN-SC751"}
    assert ids(may2026, "Somalia") == {"UN-SC2713"}
    assert ids(may2026, "DPRK") == {"UN-SC1718"}


def test_unattributed_imo_number_is_kept_as_a_fact(tmp_path: Path) -> None:
    comments = "Arranged payments; see IMO 9074729 records."
    parsed = Parsed(parse(_un_file(tmp_path, entities=_entity("KPe.903", "X CO", comments))))
    assert parsed.fact("KPe.903", "imoNumberMentioned") == ["9074729"]
    assert parsed.entity("KPe.903").get("imoNumber") == []
    assert "un-imo-9074729" not in parsed.by_id


def test_names_in_two_scripts_are_taken_apart(may2026: Parsed) -> None:
    # TAi.034: alias "Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )" (Good).
    aliases = may2026.entity("TAi.034").get("alias")
    assert "Haji Gulab Gul" in aliases
    assert "حاجی گلاب گل ولد حاجی حضرت گل" in aliases
    # QDi.396: Low-quality alias "Abubakar (original script: Абубакар)": both stay weak.
    weak = may2026.entity("QDi.396").get("weakAlias")
    assert {"Abubakar (original script: Абубакар)", "Abubakar", "Абубакар"} <= set(weak)
    # KPi.035 KIM CHOL SAM: alias "Jin Tiesan (金铁三)" gives the Chinese writing on its own.
    assert {"Jin Tiesan (金铁三)", "Jin Tiesan", "金铁三"} <= set(
        may2026.entity("KPi.035").get("alias")
    )
    # TAi.027: a document NOTE "... name in original script; عبدالسلام حنفي".
    assert "عبدالسلام حنفي" in may2026.entity("TAi.027").get("alias")
    assert "عبدالسلام حنفي" in may2026.fact("TAi.027", "derivedAlias")
