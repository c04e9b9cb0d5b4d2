"""Datasets: default, one per source, one per regime (programs matched across list spellings)."""

from __future__ import annotations

import pytest

from sanctionwatch.errors import NotFoundError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.services.catalog import build_catalog


def entity(id: str, source: str, *programs: str) -> ListedEntity:
    return ListedEntity(id, "Person", source, {"name": [id]}, [{"program": list(programs)}])


ENTITIES = [
    entity("un-KPi.1", "un", "DPRK", "UN-SC1718"),
    entity("un-QDi.1", "un", "Al-Qaida", "UN-SC1267"),
    entity("ofac-1", "ofac", "DPRK3"),
    entity("ofac-2", "ofac", "DPRK-NKSPEA", "IRAN"),
    entity("ofac-3", "ofac", "SDGT"),
]


def test_catalog_has_default_sources_and_regimes() -> None:
    catalog = build_catalog(ENTITIES, ["un", "ofac", "eu"])
    names = list(catalog.datasets)
    assert names == ["default", "eu", "ofac", "un", "ofac_dprk", "un_dprk", "dprk"]
    assert catalog.get("default").entity_count == 5
    assert catalog.get("eu").entity_count == 0
    assert catalog.get("un_dprk").entity_count == 1
    assert catalog.get("ofac_dprk").entity_count == 2
    assert catalog.get("dprk").entity_count == 3
    assert catalog.get("dprk").children == ("ofac_dprk", "un_dprk")


def test_membership_and_unknown_dataset() -> None:
    catalog = build_catalog(ENTITIES, [])
    assert catalog.names_for(ENTITIES[0]) == ["un", "un_dprk", "dprk"]
    assert catalog.names_for(ENTITIES[1]) == ["un"]
    with pytest.raises(NotFoundError, match="No such dataset."):
        catalog.get("mars")
