"""EU Financial Sanctions File parser, on a hand-written file in the v1.1 layout."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sanctionwatch.errors import InputError, SourceMismatchError, UnsafeInputError
from sanctionwatch.model.entity import ListedEntity, listed_entities
from sanctionwatch.sources.eu_fsf import EuFsfParser
from sanctionwatch.sources.registry import parser_for

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "eu_fsf_sample.xml"
UN_FILE = (
    Path(__file__).parents[2] / "src/sanctionwatch/data/lists/un/un_consolidated_2022-09-15.xml"
)


@pytest.fixture(scope="module")
def parsed() -> dict[str, ListedEntity]:
    result = EuFsfParser().parse(SAMPLE)
    return {e.id: e for e in listed_entities("eu", result.entities, result.facts)}


def facts_of(entity_id: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for fact in EuFsfParser().parse(SAMPLE).facts:
        if fact.entity_id == entity_id:
            found.setdefault(fact.prop, []).append(fact.value)
    return found


def test_published_is_the_generation_date_in_utc() -> None:
    result = EuFsfParser().parse(SAMPLE)
    assert result.published == datetime(2026, 11, 20, 15, 2, 41, 611000, tzinfo=UTC)
    assert result.skipped == []
    assert result.format == "eu-fsf-xml"


def test_dprk_person_keeps_the_un_reference_as_cross_list_link(
    parsed: dict[str, ListedEntity],
) -> None:
    person = parsed["eu-13489"]
    assert person.schema == "Person"
    assert person.caption == "Ri Won Ho"
    assert (person.get("firstName"), person.get("lastName")) == (["Won Ho"], ["Ri"])
    assert person.get("alias") == ["Ri Won-Ho", "리원호"]
    assert person.get("weakAlias") == ["Li Won Ho"]
    assert person.get("nationality") == ["kp"]
    assert person.get("gender") == ["male"]
    assert person.get("position") == ["DPRK Ministry of State Security Official"]
    assert person.get("birthDate") == ["1964-07-17"]
    assert person.get("passportNumber") == ["381310014"]
    assert person.get("country") == ["sy"]
    (sanction,) = person.sanctions
    assert sanction["unscId"] == ["KPi.033"]
    assert sanction["authorityId"] == ["EU.4176.22"]
    assert sanction["authority"] == ["European Union"]
    assert sanction["program"] == ["PRK"]
    # No designationDate: the earliest regulation's entry into force stands in.
    assert sanction["listingDate"] == ["2016-12-11"]
    assert person.reference == "KPi.033"
    assert facts_of("eu-13489")["identityDocument"] == ["National passport; 381310014; KP"]


def test_birth_dates_circa_range_and_zero_padded(parsed: dict[str, ListedEntity]) -> None:
    person = parsed["eu-1"]
    # circa 1960 is a range, not an exact year; yearRangeFrom/To is a range too;
    # "1961-00-00" is the year 1961.
    assert person.get("birthDate") == ["1961"]
    assert person.get("birthPlace") == ["Kabul, AFGHANISTAN"]
    facts = facts_of("eu-1")
    assert facts["birthDateRange"] == ["1959/1961", "1958/1963"]
    assert facts["birthDateQualifier"] == ["circa 1960"]
    # Citizenship "00"/"UNKNOWN" says nothing and is dropped.
    assert person.get("nationality") == []
    assert "nationalityText" not in facts


def test_enterprise_becomes_organization_with_contacts(parsed: dict[str, ListedEntity]) -> None:
    org = parsed["eu-10901"]
    assert org.schema == "Organization"
    assert org.caption == "Korea Mining Development Trading Corporation"
    assert org.get("alias") == [
        "Changgwang Sinyong Corporation",
        "External Technology General Corporation",
        "KOMID",
    ]
    assert org.get("address") == [
        "Central District, Pyongyang, NORTH KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA)"
    ]
    assert org.get("email") == ["komid@example.kp"]
    assert org.get("phone") == ["+85023818221"]
    assert org.get("country") == ["kp"]
    assert org.sanctions[0]["unscId"] == ["KPe.001"]
    assert org.sanctions[0]["reason"][0].startswith("Primary arms dealer")


def test_enterprise_with_imo_identification_becomes_vessel(
    parsed: dict[str, ListedEntity],
) -> None:
    vessel = parsed["eu-14807"]
    assert vessel.schema == "Vessel"
    assert vessel.get("imoNumber") == ["IMO1234567"]
    assert vessel.sanctions[0]["listingDate"] == ["2018-04-06"]
    assert "unscId" not in vessel.sanctions[0]
    assert vessel.reference == "EU.5123.77"


def test_cross_list_links_resolve_in_the_real_un_list() -> None:
    # The UN references the EU entries carry name the same parties in the UN file.
    from lxml import etree

    un = etree.parse(str(UN_FILE)).getroot()
    un_names = {
        (rec.findtext("REFERENCE_NUMBER") or "").strip(): " ".join(
            (rec.findtext(tag) or "").strip() for tag in ("FIRST_NAME", "SECOND_NAME")
        ).strip()
        for rec in un.iter("INDIVIDUAL", "ENTITY")
    }
    result = EuFsfParser().parse(SAMPLE)
    linked = {
        e.reference: e.caption.upper()
        for e in listed_entities("eu", result.entities, result.facts)
        if e.reference and e.reference in un_names
    }
    assert linked == {
        "KPi.033": "RI WON HO",
        "KPe.001": "KOREA MINING DEVELOPMENT TRADING CORPORATION",
    }
    assert all(un_names[ref] == name for ref, name in linked.items())


def test_sniff_accepts_eu_and_rejects_other_formats() -> None:
    parser = EuFsfParser()
    assert parser.sniff(SAMPLE, SAMPLE.read_bytes()[:8192])
    assert not parser.sniff(UN_FILE, UN_FILE.read_bytes()[:8192])
    assert not parser.sniff(SAMPLE, b'{"id": "x", "schema": "Person", "properties": {}}\n')


def test_un_file_loaded_as_eu_is_refused() -> None:
    with pytest.raises(SourceMismatchError, match="does not look like a 'eu' list"):
        parser_for(UN_FILE, "eu")
    assert isinstance(parser_for(SAMPLE, "eu"), EuFsfParser)


def write(tmp_path: Path, text: str | bytes, name: str = "eu.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_truncated_file_is_rejected_with_line(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    path = write(tmp_path, data[: len(data) // 2])
    with pytest.raises(InputError) as info:
        EuFsfParser().parse(path)
    assert info.value.path == str(path)
    assert info.value.line is not None
    assert "re-download" in str(info.value)


def test_dtd_is_refused(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "<export ", '<!DOCTYPE export [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<export ', 1
    )
    with pytest.raises(UnsafeInputError):
        EuFsfParser().parse(write(tmp_path, text))


def test_missing_generation_date_is_rejected(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'generationDate="2026-11-20T16:02:41.611+01:00"', ""
    )
    with pytest.raises(InputError, match="no generationDate") as info:
        EuFsfParser().parse(write(tmp_path, text))
    assert info.value.line == 5


def test_bytes_not_matching_declared_encoding_are_rejected(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes().replace("리원호".encode(), "Kím".encode("latin-1"))
    with pytest.raises(InputError, match="encoding") as info:
        EuFsfParser().parse(write(tmp_path, data))
    assert info.value.line == 17


def test_entry_without_logical_id_is_skipped_and_reported(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(' logicalId="10901"', "", 1)
    result = EuFsfParser().parse(write(tmp_path, text))
    ids = {e.id for e in result.entities}
    assert "eu-10901" not in ids and "eu-13489" in ids
    (skipped,) = result.skipped
    assert skipped.reference == "EU.3800.10"
    assert skipped.line == 24
    assert "logicalId" in skipped.reason


def test_entry_without_names_is_skipped(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'wholeName="Example Tanker 1"', 'wholeName=""'
    )
    result = EuFsfParser().parse(write(tmp_path, text))
    assert [s.reference for s in result.skipped] == ["EU.5123.77"]
    assert "eu-14807" not in {e.id for e in result.entities}


def test_empty_file_is_refused_by_registry(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        parser_for(write(tmp_path, b"  \n"), "eu")


def test_other_root_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "<?xml version='1.0'?><exports><sanctionEntity/></exports>")
    with pytest.raises(InputError, match="expected <export>"):
        EuFsfParser().parse(path)


def test_duplicate_logical_id_is_skipped_with_both_lines(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('logicalId="14807"', 'logicalId="10901"', 1)
    result = EuFsfParser().parse(write(tmp_path, text))
    (skipped,) = result.skipped
    assert skipped.reference == "EU.5123.77"
    assert skipped.reason == "logicalId 10901 already used by the entry at line 24"
    assert [e.id for e in result.entities if e.schema.name != "Sanction"].count("eu-10901") == 1


def test_export_without_entries_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '<?xml version="1.0"?><export xmlns="http://eu.europa.ec/fpi/fsd/export" '
        'generationDate="2026-11-20T16:02:41"></export>',
    )
    with pytest.raises(InputError, match="no <sanctionEntity> records"):
        EuFsfParser().parse(path)
