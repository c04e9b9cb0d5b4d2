"""Third-party yente clients, unchanged, against our server running on a loopback port.

``yente-client`` (PyPI) and nomenklatura's ``YenteEnricher`` are written by
others for OpenSanctions' yente; both must work against sanctionwatch as is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from followthemoney import Dataset, StatementEntity
from nomenklatura.cache import Cache
from nomenklatura.db import Session
from nomenklatura.enrich import make_enricher
from sw_testserver import LiveServer
from yente_client import Client, NotFoundError, Person, Vessel


def test_yente_client_match_returns_scores_flags_and_explanations(live_server: LiveServer) -> None:
    with Client(base_url=live_server.url) as client:
        response = client.match(Person(name=["Ri Won Ho"], nationality=["kp"], birthDate=["1964"]))
        top = response.top
        assert top is not None
        assert top.id == "un-KPi.033" and top.caption == "RI WON HO" and top.schema_ == "Person"
        assert top.match is True and 0.7 < top.score <= 1.0
        assert top.explanations["name"].score == 1.0
        assert top.explanations["name"].query == "Ri Won Ho"
        assert top.explanations["name"].candidate == "RI WON HO"
        assert top.explanations["birth_date"].score > 0
        assert "un_dprk" in top.datasets
        assert response.matches and all(r.match for r in response.matches)
        assert response.total.value == len(response.matches)
        assert response.query["properties"]["nationality"] == ["kp"]

        strict = client.match(
            Person(name=["Ri Won Ho"]), threshold=0.99, limit=2, datasets=["un_dprk"]
        )
        assert strict.limit == 2 and all(r.match is (r.score >= 0.99) for r in strict.results)

        vessel = client.match(
            Vessel(name=["Chong Chon Gang"], imoNumber=["7937317"]), datasets=["dprk"]
        )
        assert vessel.top is not None and vessel.top.id == "ofac-17069" and vessel.top.match


def test_yente_client_other_endpoints(live_server: LiveServer) -> None:
    with Client(base_url=live_server.url) as client:
        assert client.healthz().status == "ok"
        assert client.readyz().status == "ok"
        names = {d.name for d in client.datasets().datasets}
        assert {"default", "un", "ofac", "un_dprk"} <= names
        algorithms = client.algorithms()
        assert algorithms.best == algorithms.default == "sanctionwatch-v1"
        found = client.search("korea mining", datasets=["un_dprk"])
        assert found.results[0].caption == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
        entity = client.fetch("KPi.033")  # a list reference follows the 308 to the entity
        assert entity.id == "un-KPi.033"
        sanctions = entity.properties["sanctions"]
        assert not isinstance(sanctions[0], str) and sanctions[0].schema_ == "Sanction"
        with pytest.raises(NotFoundError):
            client.fetch("un-nobody")
        matches = dict(
            client.match_iter(
                [("a", Person(name=["Ri Won Ho"])), ("b", Person(name=["Kim Jong Sik"]))], workers=2
            )
        )
        assert set(matches) == {"a", "b"}


def test_nomenklatura_yente_enricher_matches_and_expands(
    live_server: LiveServer, tmp_path: Path
) -> None:
    dataset = Dataset.make({"name": "book", "title": "Customer book"})
    session = Session(sa.create_engine(f"sqlite:///{tmp_path / 'nk.db'}"))
    cache = Cache(session, dataset, create=True)
    enricher = make_enricher(
        dataset,
        cache,
        {
            "type": "nomenklatura.enrich.yente:YenteEnricher",
            "api": live_server.url + "/",
            "dataset": "un_dprk",
            "cache_days": 0,
        },
    )
    query = StatementEntity.from_data(
        dataset,
        {
            "id": "cust-1",
            "schema": "Person",
            "properties": {"name": ["Ri Won Ho"], "nationality": ["kp"]},
        },
    )
    matches = list(enricher.match(query))
    assert matches, "the enricher found nothing"
    best = matches[0]
    assert best.id == "un-KPi.033" and best.schema.name == "Person"
    assert "RI WON HO" in best.get("name")
    assert best.get("sourceUrl") == [live_server.url + "/entities/un-KPi.033"]
    expanded = list(enricher.expand(query, best))
    schemata = {e.schema.name for e in expanded}
    assert "Person" in schemata and "Sanction" in schemata
    sanction = next(e for e in expanded if e.schema.name == "Sanction")
    assert sanction.get("unscId") == ["KPi.033"]
    session.close()
