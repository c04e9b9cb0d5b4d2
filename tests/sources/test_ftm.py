"""FollowTheMoney JSON lines: import, export, and the round trip between them."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.errors import InputError, SourceMismatchError
from sanctionwatch.model.entity import ListedEntity, listed_entities
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.eu_fsf import EuFsfParser
from sanctionwatch.sources.ftm import FtmParser, write_ftm
from sanctionwatch.sources.registry import parser_for
from sanctionwatch.sources.uk import UkSanctionsListXmlParser

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "opensanctions_dprk_sample.ftm.jsonl"
NESTED = FIXTURES / "opensanctions_dprk_nested.json"
UN_FILE = (
    Path(__file__).parents[2] / "src/sanctionwatch/data/lists/un/un_consolidated_2022-09-15.xml"
)


def shape(entities: list[ListedEntity]) -> list[tuple[object, ...]]:
    """What a round trip must keep (the source name is the loader's, not the file's)."""
    return [(e.id, e.schema, e.properties, e.sanctions) for e in entities]


def roundtrip(entities: list[ListedEntity], tmp_path: Path) -> list[ListedEntity]:
    path = tmp_path / "export.ftm.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write_ftm(entities, fh)
    parsed = FtmParser().parse(path)
    return listed_entities("ftm", parsed.entities, parsed.facts)


# -- import ---------------------------------------------------------------------------


def test_opensanctions_export_imports_every_entity() -> None:
    parsed = FtmParser().parse(SAMPLE)
    schemata = sorted(e.schema.name for e in parsed.entities)
    assert schemata == ["Address", "Company", "Ownership", "Person"] + ["Sanction"] * 4 + ["Vessel"]
    # No header in FtM files: the latest last_change/last_seen stands for publication.
    assert parsed.published == datetime(2026, 11, 27, 18, 2, 11, tzinfo=UTC)
    assert parsed.skipped == []


def test_dprk_person_keeps_both_designations_and_referents() -> None:
    parsed = FtmParser().parse(SAMPLE)
    entities = {e.id: e for e in listed_entities("ftm", parsed.entities, parsed.facts)}
    person = entities["NK-2mXzq7gDdV8kHqk3uKj9Qa"]
    assert person.caption == "Ri Won Ho"
    assert person.reference == "KPi.033"
    assert person.programs == ["DPRK", "PRK"]
    assert "gb-fcdo-dpr0033" in person.get("referent")
    assert "un_sc_sanctions" in person.get("dataset")
    vessel = entities["NK-9QpT4xHc1mEeV6gKs8Ld2u"]
    assert vessel.schema == "Vessel"
    assert vessel.get("imoNumber") == ["IMO1234567"]
    assert vessel.reference == "DPR0075"
    assert entities["NK-7ZrVj2nW5vLwY3sCqRfB6e"].schema == "Company"


def test_nested_export_unfolds_and_links_back() -> None:
    parsed = FtmParser().parse(NESTED)
    by_id = {e.id: e for e in parsed.entities}
    assert set(by_id) == {
        "NK-9QpT4xHc1mEeV6gKs8Ld2u",
        "gb-fcdo-sanction-dpr0075",
        "own-7a1d2c",
        "NK-7ZrVj2nW5vLwY3sCqRfB6e",
    }
    # The Sanction nested under Vessel.sanctions gets its Sanction.entity link.
    assert by_id["gb-fcdo-sanction-dpr0075"].get("entity") == ["NK-9QpT4xHc1mEeV6gKs8Ld2u"]
    assert by_id["own-7a1d2c"].get("asset") == ["NK-9QpT4xHc1mEeV6gKs8Ld2u"]
    assert by_id["own-7a1d2c"].get("owner") == ["NK-7ZrVj2nW5vLwY3sCqRfB6e"]
    (vessel,) = [e for e in listed_entities("ftm", parsed.entities) if e.schema == "Vessel"]
    assert vessel.sanctions[0]["authorityId"] == ["DPR0075"]


def test_published_falls_back_to_file_mtime(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}}\n')
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert FtmParser().parse(path).published == datetime.fromtimestamp(1_700_000_000, tz=UTC)


def test_sniff_and_registry() -> None:
    assert isinstance(parser_for(SAMPLE, "ftm"), FtmParser)
    assert isinstance(parser_for(NESTED, "ftm"), FtmParser)
    for other in (
        UN_FILE,
        FIXTURES / "eu_fsf_sample.xml",
        FIXTURES / "uk_sanctions_list_sample.csv",
    ):
        with pytest.raises(SourceMismatchError):
            parser_for(other, "ftm")
    for source in ("eu", "uk"):
        with pytest.raises(SourceMismatchError):
            parser_for(SAMPLE, source)


# -- bad input (the whole file is rejected) -------------------------------------------


def bad_file(tmp_path: Path, replace: tuple[str, str] | None = None, append: str = "") -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    path = tmp_path / "bad.ftm.jsonl"
    path.write_text(text + append, encoding="utf-8")
    return path


def test_unknown_schema_is_rejected_with_suggestion(tmp_path: Path) -> None:
    path = bad_file(tmp_path, ('"schema": "Vessel"', '"schema": "Vesel"'))
    with pytest.raises(InputError, match="unknown schema 'Vesel'") as info:
        FtmParser().parse(path)
    assert info.value.line == 7
    assert info.value.record == "NK-9QpT4xHc1mEeV6gKs8Ld2u"
    assert "did you mean 'Vessel'" in str(info.value)


def test_unknown_property_is_rejected_with_suggestion(tmp_path: Path) -> None:
    path = bad_file(tmp_path, ('"imoNumber"', '"imoNumbr"'))
    with pytest.raises(InputError, match="Vessel has no property 'imoNumbr'") as info:
        FtmParser().parse(path)
    assert info.value.line == 7
    assert "did you mean 'imoNumber'" in str(info.value)


def test_abstract_schema_is_rejected(tmp_path: Path) -> None:
    path = bad_file(tmp_path, ('"schema": "Address"', '"schema": "Thing"'))
    with pytest.raises(InputError, match="abstract") as info:
        FtmParser().parse(path)
    assert info.value.line == 5


def test_bad_json_line_is_rejected(tmp_path: Path) -> None:
    path = bad_file(tmp_path, ('"caption": "PRK", ', '"caption": "PRK" '))
    with pytest.raises(InputError, match="not valid JSON") as info:
        FtmParser().parse(path)
    assert info.value.line == 3
    assert "one JSON object" in str(info.value)


def test_truncated_file_is_rejected(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    path = tmp_path / "cut.jsonl"
    path.write_bytes(data[: len(data) - 60])
    with pytest.raises(InputError, match="not valid JSON") as info:
        FtmParser().parse(path)
    assert info.value.line == 9
    assert "truncated" in str(info.value)


def test_non_object_and_missing_id_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="expected a JSON object"):
        FtmParser().parse(bad_file(tmp_path, append="[1, 2]\n"))
    with pytest.raises(InputError, match='no "id"') as info:
        FtmParser().parse(bad_file(tmp_path, append='{"schema": "Person", "properties": {}}\n'))
    assert info.value.line == 10


def test_wrong_value_shapes_are_rejected(tmp_path: Path) -> None:
    nested_text = '{"id": "x", "schema": "Person", "properties": {"name": [{"id": "y"}]}}\n'
    with pytest.raises(InputError, match="holds text, not a nested entity"):
        FtmParser().parse(bad_file(tmp_path, append=nested_text))
    list_text = '{"id": "x", "schema": "Person", "properties": {"name": [["a"]]}}\n'
    with pytest.raises(InputError, match="has a list value"):
        FtmParser().parse(bad_file(tmp_path, append=list_text))


def test_same_id_with_clashing_schema_is_rejected(tmp_path: Path) -> None:
    clash = '{"id": "addr-3f0c2b1e0f", "schema": "Person", "properties": {"name": ["X"]}}\n'
    with pytest.raises(InputError, match="incompatible schema") as info:
        FtmParser().parse(bad_file(tmp_path, append=clash))
    assert info.value.line == 10


def test_invalid_utf8_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": "p1", "schema": "Person", "properties": {"name": ["K\xedm"]}}\n')
    with pytest.raises(InputError, match="not UTF-8") as info:
        FtmParser().parse(path)
    assert info.value.line == 1


def test_blank_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n")
    with pytest.raises(InputError, match="no entities"):
        FtmParser().parse(path)
    with pytest.raises(InputError, match="empty"):
        parser_for(path, "ftm")


# -- export and round trip -------------------------------------------------------------


def test_export_of_real_parser_output_round_trips(tmp_path: Path) -> None:
    eu = EuFsfParser().parse(FIXTURES / "eu_fsf_sample.xml")
    uk = UkSanctionsListXmlParser().parse(FIXTURES / "uk_sanctions_list_sample.xml")
    entities = listed_entities("eu", eu.entities, eu.facts) + listed_entities(
        "uk", uk.entities, uk.facts
    )
    again = roundtrip(entities, tmp_path)
    assert shape(again) == shape(entities)
    # Facts with no FtM property (a birth-year range) survive in the extension member.
    person = {e.id: e for e in again}["eu-1"]
    assert person.get("birthDateRange") == ["1959/1961", "1958/1963"]


def test_export_lines_are_valid_ftm(tmp_path: Path) -> None:
    from followthemoney import model

    parsed = FtmParser().parse(SAMPLE)
    buffer = io.StringIO()
    count = write_ftm(listed_entities("ftm", parsed.entities, parsed.facts), buffer)
    lines = buffer.getvalue().splitlines()
    assert count == len(lines) == 3 + 4  # three subjects, four designations
    import orjson

    for line in lines:
        data = orjson.loads(line)
        proxy = model.get_proxy(data)
        assert proxy.schema.name in {"Person", "Company", "Vessel", "Sanction"}
        assert data["properties"] == proxy.to_dict()["properties"]


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s)
_COUNTRIES = st.sampled_from(["kp", "cn", "ru", "ir", "sy", "gb", "us"])
_DATES = st.dates().map(lambda d: d.isoformat()) | st.integers(1900, 2020).map(str)


@st.composite
def listed(draw: st.DrawFn, index: int) -> ListedEntity:
    schema = draw(st.sampled_from(["Person", "Organization", "Company", "Vessel", "LegalEntity"]))
    entity_id = f"e{index}-{draw(st.from_regex(r'[a-zA-Z0-9.]{1,8}', fullmatch=True))}"
    props: dict[str, list[str]] = {
        "name": draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
    }
    if draw(st.booleans()):
        props["alias"] = draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
    if schema == "Person":
        props["birthDate"] = draw(st.lists(_DATES, min_size=1, max_size=2, unique=True))
        props["nationality"] = draw(st.lists(_COUNTRIES, min_size=1, max_size=2, unique=True))
    if schema == "Vessel":
        props["imoNumber"] = [f"IMO{draw(st.integers(1_000_000, 9_999_999))}"]
    if draw(st.booleans()):
        props["birthDateRange" if schema == "Person" else "ownerNote"] = [draw(_TEXT)]
    sanctions = [
        {
            "entity": [entity_id],
            "program": [draw(_TEXT)],
            "unscId": [draw(st.from_regex(r"KP[ie]\.\d{3}", fullmatch=True))],
            "listingDate": [draw(_DATES)],
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return ListedEntity(entity_id, schema, "test", props, sanctions)


@st.composite
def listed_many(draw: st.DrawFn) -> list[ListedEntity]:
    return [draw(listed(i)) for i in range(draw(st.integers(1, 4)))]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entities=listed_many())
def test_export_then_import_gives_the_same_entities(
    entities: list[ListedEntity], tmp_path: Path
) -> None:
    assert shape(roundtrip(entities, tmp_path)) == shape(entities)


@pytest.mark.parametrize(
    "parsed",
    [
        EuFsfParser().parse(FIXTURES / "eu_fsf_sample.xml"),
        UkSanctionsListXmlParser().parse(FIXTURES / "uk_sanctions_list_sample.xml"),
    ],
    ids=["eu", "uk"],
)
def test_fact_names_never_shadow_ftm_properties(parsed: ParsedList) -> None:
    # A fact named like an FtM property would be exported as that property.
    schemata = {e.id: e.schema for e in parsed.entities}
    assert parsed.facts
    for fact in parsed.facts:
        assert fact.prop not in schemata[fact.entity_id].properties, fact


def test_each_format_is_recognised_only_by_its_own_source(shared_data: Path) -> None:
    lists = shared_data / "lists"
    own = {
        FIXTURES / "eu_fsf_sample.xml": "eu",
        FIXTURES / "uk_sanctions_list_sample.csv": "uk",
        FIXTURES / "uk_sanctions_list_sample.xml": "uk",
        lists / "uk" / "ofsi_ConList_2016-03-23.csv": "uk",
        SAMPLE: "ftm",
        NESTED: "ftm",
        UN_FILE: "un",
        lists / "ofac" / "sdn_2021-08-18.csv": "ofac",
        lists / "ofac" / "ofac_nonsdn_consolidated_2025-12-18.xml": "ofac",
        lists / "ofac" / "cons_advanced_2020-03-17.xml": "ofac",
    }
    for path, source in own.items():
        for candidate in ("eu", "uk", "ftm"):
            if candidate == source:
                assert parser_for(path, candidate).source == source
            else:
                with pytest.raises(SourceMismatchError):
                    parser_for(path, candidate)


def test_caption_name_leads(tmp_path: Path) -> None:
    path = tmp_path / "caption.jsonl"
    path.write_text(
        '{"id":"p1","caption":"Vitaly Yurievich KUZMENKO","schema":"Person","properties":'
        '{"name":["Vitalij Kuzmenko","Vitaly Yurievich KUZMENKO"]}}\n',
        encoding="utf-8",
    )
    (entity,) = listed_entities("ftm", FtmParser().parse(path).entities)
    assert entity.caption == "Vitaly Yurievich KUZMENKO"
    assert entity.get("name") == ["Vitaly Yurievich KUZMENKO", "Vitalij Kuzmenko"]
