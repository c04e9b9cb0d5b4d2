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
    assert person.caption == "Kim Yong Chol"
    assert person.get("alias") == ["Kim Yong-Chol", "김영철"]
    assert person.get("weakAlias") == ["Kim Young Chul"]
    assert person.get("nationality") == ["kp"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["PD472310104"]
    (sanction,) = person.sanctions
    assert sanction["unscId"] == ["KPi.033"]
    assert sanction["authorityId"] == ["EU.3811.44"]
    assert sanction["authority"] == ["European Union"]
    assert sanction["program"] == ["PRK"]
    # No designationDate: the earliest regulation's entry into force stands in.
    assert sanction["listingDate"] == ["2016-03-09"]
    assert person.reference == "KPi.033"


def test_birth_dates_exact_circa_and_range(parsed: dict[str, ListedEntity]) -> None:
    person = parsed["eu-13489"]
    assert person.get("birthDate") == ["1962-02-18", "1960"]
    facts = facts_of("eu-13489")
    assert facts["birthDateCirca"] == ["1960"]
    assert facts["birthDateRange"] == ["1958/1963"]
    assert facts["identityDocument"] == ["National passport; PD472310104; KP; diplomatic"]


def test_enterprise_becomes_organization_with_contacts(parsed: dict[str, ListedEntity]) -> None:
    org = parsed["eu-10901"]
    assert org.schema == "Organization"
    assert org.caption == "Korea Ryonbong General Corporation"
    assert "Lyongaksan General Trading Corporation" in org.get("alias")
    assert org.get("email") == ["rybong@star-co.net.kp"]
    assert org.get("country") == ["kp"]
    assert org.sanctions[0]["unscId"] == ["KPe.001"]
    assert org.sanctions[0]["reason"][0].startswith("Defence conglomerate")


def test_enterprise_with_imo_identification_becomes_vessel(
    parsed: dict[str, ListedEntity],
) -> None:
    vessel = parsed["eu-14807"]
    assert vessel.schema == "Vessel"
    assert vessel.get("imoNumber") == ["IMO8910378"]
    assert vessel.sanctions[0]["listingDate"] == ["2018-04-06"]
    assert "unscId" not in vessel.sanctions[0]
    assert vessel.reference == "EU.5123.77"


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
    assert info.value.line == 4


def test_bytes_not_matching_declared_encoding_are_rejected(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes().replace("김영철".encode(), "Kím".encode("latin-1"))
    with pytest.raises(InputError, match="encoding") as info:
        EuFsfParser().parse(write(tmp_path, data))
    assert info.value.line == 16


def test_entry_without_logical_id_is_skipped_and_reported(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(' logicalId="10901"', "", 1)
    result = EuFsfParser().parse(write(tmp_path, text))
    ids = {e.id for e in result.entities}
    assert "eu-10901" not in ids and "eu-13489" in ids
    (skipped,) = result.skipped
    assert skipped.reference == "EU.3800.10"
    assert skipped.line == 25
    assert "logicalId" in skipped.reason


def test_entry_without_names_is_skipped(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('wholeName="Ul Ji Bong 6"', 'wholeName=""')
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
