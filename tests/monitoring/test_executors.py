from __future__ import annotations

from collections.abc import Iterator

import pytest
from followthemoney import model

from sanctionwatch.model.entity import ListedEntity, listed_entities
from sanctionwatch.monitoring.books import Record
from sanctionwatch.monitoring.executors import DaskExecutor, InProcessExecutor, PairHit
from sanctionwatch.screening import Screener


def _corpus() -> list[ListedEntity]:
    proxies = []
    for n, name in enumerate(["KIM Jong Un", "RI Won Ho", "CHOE Son Hui", "PAK Pong Ju"]):
        person = model.make_entity("Person")
        person.id = f"un-KPi.{n:03d}"
        person.add("name", name)
        sanction = model.make_entity("Sanction")
        sanction.id = f"{person.id}-sanction"
        sanction.add("entity", person.id)
        sanction.add("unscId", f"KPi.{n:03d}")
        proxies += [person, sanction]
    return listed_entities("un", proxies)


RECORDS = [
    Record("r1", {"name": "Kim Jong-un"}),
    Record("r2", {"name": "Ri Won-ho"}),
    Record("r3", {"name": "Jane Doe"}),
    Record("r4", {"name": "Choe Sonhui"}),
] * 3


def _key(hits: list[PairHit]) -> list[tuple[str, str, float]]:
    return sorted((h.external_id, h.entity_id, round(h.score, 9)) for h in hits)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.mark.slow
def test_dask_and_in_process_give_the_same_hits(dask_client: object) -> None:
    screener = Screener.from_entities(_corpus())
    local = InProcessExecutor(workers=1).screen(screener, RECORDS, 0.7)
    distributed = DaskExecutor(client=dask_client).screen(screener, RECORDS, 0.7)
    assert _key(local) == _key(distributed)
    assert {h.external_id for h in local} == {"r1", "r2", "r4"}


def test_forked_pool_gives_the_same_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctionwatch.monitoring import executors

    monkeypatch.setattr(executors, "POOL_MIN_RECORDS", 1)
    monkeypatch.setattr(executors, "CHUNK_SIZE", 2)
    screener = Screener.from_entities(_corpus())
    single = InProcessExecutor(workers=1).screen(screener, RECORDS, 0.7)
    pooled = InProcessExecutor(workers=2).screen(screener, RECORDS, 0.7)
    assert _key(single) == _key(pooled)
