"""Statement runs stay maximal whatever order releases are loaded in (oracle test)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionwatch.store import Store
from tests.store.factory import make_release, person

DAYS = [f"2024-01-{d:02d}" for d in range(1, 8)]
NAMES = ["KIM A", "RI B", "PAK C"]
ALIASES = ["X", "Y"]


def _entries(mask: int) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """A release's content from a bit mask: which subjects and aliases are present."""
    out = {}
    for i, name in enumerate(NAMES):
        if mask >> i & 1:
            aliases = [a for j, a in enumerate(ALIASES) if mask >> (3 + j + i) & 1]
            out[f"KPi.{i:03d}"] = person(name, alias=aliases)
    return out


def _expected_runs(dump: dict[str, object], masks: list[int], release_ids: list[str]) -> set[tuple]:
    """Naive oracle: maximal runs of consecutive releases holding each statement."""
    del dump
    presence: dict[tuple[str, str, str], list[bool]] = {}
    for index, mask in enumerate(masks):
        for ref, (_, props) in _entries(mask).items():
            eid = f"un-{ref}"
            for prop, values in [("id", [eid]), *props.items()]:
                for value in values:
                    presence.setdefault((eid, prop, value), [False] * len(masks))[index] = True
    runs = set()
    for (eid, prop, value), flags in presence.items():
        start = None
        for i, flag in enumerate([*flags, False]):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                runs.add((eid, prop, value, release_ids[start], release_ids[i - 1]))
                start = None
    return runs


@settings(max_examples=25, deadline=None)
@given(
    masks=st.lists(st.integers(0, 255), min_size=2, max_size=6),
    seed=st.integers(0, 10_000),
)
def test_runs_are_maximal_in_any_load_order(
    tmp_path_factory: pytest.TempPathFactory, masks: list[int], seed: int
) -> None:
    tmp = tmp_path_factory.mktemp("spans")
    parsed = [make_release(tmp, DAYS[i], _entries(m)) for i, m in enumerate(masks)]
    in_order = Store.open(str(tmp / "ordered.db"))
    shuffled = Store.open(str(tmp / "shuffled.db"))
    for release in parsed:
        in_order.load_parsed(release)
    order = list(range(len(parsed)))
    random.Random(seed).shuffle(order)
    for index in order:
        shuffled.load_parsed(parsed[index])

    a, b = in_order.dump(), shuffled.dump()
    assert a == b
    release_ids = [r["id"] for r in a["releases"]]
    subject_runs = {
        (row[1], row[3], row[4], row[6], row[7]) for row in a["statements"] if row[2] == "Person"
    }
    expected = _expected_runs(a, masks, release_ids)
    assert subject_runs == expected


def test_insert_between_splits_and_merges(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    first = make_release(tmp_path, "2024-01-01", {"KPi.001": person("KIM A", alias=["X"])})
    last = make_release(tmp_path, "2024-01-03", {"KPi.001": person("KIM A", alias=["X"])})
    middle = make_release(tmp_path, "2024-01-02", {"KPi.001": person("KIM A")})
    store.load_parsed(first)
    store.load_parsed(last)
    alias_runs = [r for r in store.dump()["statements"] if r[3] == "alias"]
    assert len(alias_runs) == 1  # one run over both releases
    store.load_parsed(middle)
    alias_runs = [r for r in store.dump()["statements"] if r[3] == "alias"]
    assert len(alias_runs) == 2  # split around the middle release
    history = store.entity_history("KPi.001")
    [alias_first, alias_second] = [v for v in history.values if v.prop == "alias"]
    assert alias_first.removed_in is not None
    assert alias_first.removed_in.published.day == 2
    assert alias_second.first_seen.published.day == 3
    # Amended counts of the later release were recomputed against the new neighbour.
    assert [(r.added, r.removed, r.amended) for r in store.releases("un")] == [
        (1, 0, 0),
        (0, 0, 1),
        (0, 0, 1),
    ]
