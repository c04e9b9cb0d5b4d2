"""FtM shapes at the edge: cleaning query examples and shaping listed entities."""

from __future__ import annotations

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.services.catalog import build_catalog
from sanctionwatch.services.ftm import clean_example, entity_to_ftm


def test_clean_example_uses_ftm_cleaning_and_drops_unknown_properties() -> None:
    cleaned = clean_example(
        {
            "id": "mine",
            "schema": "Person",
            "properties": {
                "name": "Kim",
                "nationality": ["Russia"],
                "birthDate": [1965],
                "shoeSize": ["44"],
                "country": [{"x": 1}],
            },
        }
    )
    assert cleaned == {
        "id": "mine",
        "schema": "Person",
        "properties": {"name": ["Kim"], "nationality": ["ru"], "birthDate": ["1965"]},
    }


@pytest.mark.parametrize("schema", ["Banana", "Sanction", "Document"])
def test_clean_example_refuses_schemata_that_cannot_match(schema: str) -> None:
    with pytest.raises(InputError, match="Cannot parse example entity"):
        clean_example({"schema": schema, "properties": {}})


def test_entity_to_ftm_splits_facts_and_nests_sanctions() -> None:
    entity = ListedEntity(
        "un-KPi.1",
        "Person",
        "un",
        {"name": ["RI"], "birthDateRange": ["1960/1965"]},
        [{"program": ["DPRK"], "unscId": ["KPi.1"], "entity": ["un-KPi.1"]}],
    )
    body = entity_to_ftm(entity, build_catalog([entity], ["un"]), nested=True)
    assert body["properties"]["name"] == ["RI"] and "birthDateRange" not in body["properties"]
    assert body["facts"] == {"birthDateRange": ["1960/1965"]}
    assert body["reference"] == "KPi.1" and body["datasets"] == ["un", "un_dprk", "dprk"]
    sanction = body["properties"]["sanctions"][0]
    assert sanction["schema"] == "Sanction" and sanction["properties"]["unscId"] == ["KPi.1"]
    assert "entity" not in sanction["properties"]  # entity links are not repeated in nested form
