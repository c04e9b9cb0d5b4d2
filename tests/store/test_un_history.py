"""Real UN releases: history independent of load order, and diffs checked by hand."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sanctionwatch.store import Store
from sanctionwatch.store.loading import prepare_files
from sanctionwatch.store.store import PreparedRelease

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def un_releases(shared_data: Path) -> list[PreparedRelease]:
    """The 11 good UN releases in ../shared (parsed once; ~7 s)."""
    files = sorted(p for p in (shared_data / "lists" / "un").glob("*.xml") if "BAD" not in p.name)
    assert len(files) == 11
    return prepare_files(files, "un")


@pytest.fixture(scope="module")
def un_store(un_releases: list[PreparedRelease], tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(str(tmp_path_factory.mktemp("un") / "date-order.db"))
    for release in sorted(un_releases, key=lambda r: r.published):
        store.load_prepared([release])
    return store


def test_history_is_the_same_in_any_load_order(
    un_releases: list[PreparedRelease], un_store: Store, tmp_path: Path
) -> None:
    reverse = Store.open(str(tmp_path / "reverse.db"))
    for release in sorted(un_releases, key=lambda r: r.published, reverse=True):
        reverse.load_prepared([release])
    shuffled = Store.open(str(tmp_path / "shuffled.db"))
    order = list(un_releases)
    random.Random(1718).shuffle(order)
    for release in order:
        shuffled.load_prepared([release])

    expected = un_store.dump()
    assert len(expected["releases"]) == 11
    assert reverse.dump() == expected
    assert shuffled.dump() == expected


def test_reloading_changes_nothing(un_releases: list[PreparedRelease], un_store: Store) -> None:
    before = un_store.dump()
    results = un_store.load_prepared(un_releases[:2])
    assert [r.created for r in results] == [False, False]
    assert un_store.dump() == before


def test_pinned_diff_one_delisting(un_store: Store) -> None:
    # un_consolidated_2025-12-10.xml lacks IQi.074 (MUNIR AL QUBAYSI); nothing else changed.
    diff = un_store.diff("un", "2025-11-29", "2025-12-10").to_dict()
    assert diff["added"] == [] and diff["amended"] == []
    assert [(r["reference"], r["caption"]) for r in diff["removed"]] == [
        ("IQi.074", "MUNIR AL QUBAYSI")
    ]


def test_pinned_diff_two_amended(un_store: Store) -> None:
    # Both records lost the INTERPOL notice link from COMMENTS1 on 2025-11-29.
    diff = un_store.diff("un", "2025-11-20", "2025-11-29").to_dict()
    assert diff["added"] == [] and diff["removed"] == []
    assert [a["reference"] for a in diff["amended"]] == ["HTi.006", "SOi.022"]
    notes = diff["amended"][0]["changes"]["notes"]
    assert "INTERPOL" in notes["old"][0] and notes["new"] == ["Gender: Male."]


def test_dprk_entries_listed_throughout(un_store: Store) -> None:
    history = un_store.entity_history("KPi.033")
    assert history.listed and len(history.periods) == 1
    assert history.listing_dates == ("2016-11-30",)
    assert history.periods[0].first_seen.published.year == 2017
    delisted = un_store.entity_history("IQi.074")
    assert not delisted.listed
    assert delisted.periods[-1].delisted_in is not None
    assert delisted.periods[-1].delisted_in.published.date().isoformat() == "2025-12-10"
    dprk = [e for e in un_store.listed_entities() if "DPRK" in e.programs]
    assert len(dprk) == 80 + 75
