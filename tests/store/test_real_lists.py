"""Real OFAC and UK files through the store: the pinned OFAC diff and mixed sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.errors import SourceMismatchError
from sanctionwatch.store import Store

pytestmark = pytest.mark.slow


def test_ofac_2023_12_01_adds_nine_eight_dprk(shared_data: Path, tmp_path: Path) -> None:
    # Checked by hand against the two SDN.CSV files: nine new ent_nums, eight under
    # DPRK programmes (KIMSUKY, CHOE Un Hyok, IM Song Sun, RI Sung Il, KANG Phyong
    # Guk, ...) and SO Myong under NPWMD; no removals, no other row changed.
    store = Store.open(str(tmp_path / "ofac.db"))
    folder = shared_data / "lists" / "ofac"
    store.load_files([folder / "sdn_2023-12-01.csv", folder / "sdn_2023-11-30.csv"], "ofac")
    diff = store.diff("ofac", "2023-11-30", "2023-12-01")
    assert diff.removed == [] and diff.amended == []
    assert len(diff.added) == 9
    captions = {ref.caption for ref in diff.added}
    assert {
        "KIMSUKY",
        "CHOE, Un Hyok",
        "IM, Song Sun",
        "RI, Sung Il",
        "KANG, Phyong Guk",
    } <= captions
    dprk = [
        ref
        for ref in diff.added
        if any(p.startswith("DPRK") for p in store.entity(ref.id).programs)
    ]
    assert len(dprk) == 8
    [later] = [r for r in store.releases("ofac") if r.published.day == 1]
    assert (later.added, later.removed, later.amended) == (9, 0, 0)
    assert later.entities == 13436


def test_other_real_files_load_side_by_side(shared_data: Path, tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "mixed.db"))
    ofac = shared_data / "lists" / "ofac"
    results = store.load_files(
        [
            ofac / "set_2021-07-07" / "sdn.csv",
            ofac / "set_2021-07-07" / "add.csv",
            ofac / "set_2021-07-07" / "alt.csv",
            ofac / "set_2021-07-07" / "sdn_comments.csv",
        ],
        "ofac",
    )
    # The CSV set counts once: its companions are read with sdn.csv.
    assert len(results) == 1 and results[0].created
    assert len(results[0].release.inputs) == 4
    # OFAC's consolidated non-SDN list has a timeline of its own.
    cons = [
        ofac / "ofac_nonsdn_consolidated_2025-12-18.xml",
        ofac / "ofac_nonsdn_consolidated_2026-01-08.xml",
    ]
    with pytest.raises(SourceMismatchError, match="--source ofac_cons"):
        store.load_files(cons[:1], "ofac")
    later = store.load_files(cons, "ofac_cons")
    assert [r.release.entities for r in later] == [442, 442]
    assert store.diff("ofac_cons").to_dict()["removed"] == []
    [uk] = store.load_files([shared_data / "lists" / "uk" / "ofsi_ConList_2016-03-23.csv"], "uk")
    assert uk.release.entities > 1000
    assert store.sources() == ["ofac", "ofac_cons", "uk"]
    counts = {}
    for entity in store.listed_entities():
        counts[entity.source] = counts.get(entity.source, 0) + 1
    assert counts["uk"] == uk.release.entities
    assert counts["ofac"] == store.releases("ofac")[-1].entities
