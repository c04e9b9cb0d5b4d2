"""Generate the held-out screening set: never used while building or tuning the scorer.

    PYTHONPATH=src:benchmarks python benchmarks/make_screening_heldout.py
    PYTHONPATH=src:benchmarks python benchmarks/make_screening_heldout.py --round 2

Writes ``benchmarks/data/screening_heldout.jsonl`` in the development set's
format, from two sources (below). Once a held-out set has been looked at and
the scorer changed because of it, it is no longer held out: ``--round N``
writes a new one (``screening_heldout<N>.jsonl``) with another seed that also
leaves out every (class, entity) pair of the earlier rounds.

1. **Fresh instances.** The development set's rules with another seed, leaving
   out every (class, entity) pair the development set already uses, so each
   query is a new entity for its class. The hand-written classes (real Hangul,
   hanja, Kim Jong ...) are all taken, so none of them appear here.
2. **Real cross-list spellings** (class ``crosslist_uk``). The same person as
   the UK (OFSI list of 2016-03-23) writes them, against the UN list of
   2026-05-08. Pairs are linked by passport number or by a full date of birth
   that no other listed person shares, never by name. Each UK name that is not
   the UN's own spelling (compared case- and punctuation-blind, in order)
   becomes a query expecting the UN entry. OFAC is not used: it writes the UN
   spelling in comma form, so it adds no new spelling (and its only
   date-of-birth link, KIM Kwang Il to KANG Kyong Il, joins two different people).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from make_screening_devset import OUT as DEVSET
from make_screening_devset import Rows, build, write
from normality import ascii_text
from screening_lists import SHARED, load_un

from sanctionwatch.model.entity import ListedEntity, listed_entities
from sanctionwatch.sources.registry import parser_for

OUT = Path(__file__).parent / "data" / "screening_heldout.jsonl"
SEED = 1718
UK_FILE = SHARED / "uk" / "ofsi_ConList_2016-03-23.csv"


def heldout_path(round_: int) -> Path:
    return OUT if round_ == 1 else OUT.with_name(f"screening_heldout{round_}.jsonl")


def _taken(paths: list[Path]) -> set[tuple[str, str]]:
    taken: set[tuple[str, str]] = set()
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                taken.add((row["class"], row["expect"] or row["near"]))
    return taken


def _spelling(name: str) -> str:
    """Case-, accent- and punctuation-blind, order kept: 'CHOE, Chun-sik' == 'choe chun sik'."""
    text = (ascii_text(name) or "").lower().replace(",", " ")
    return " ".join(re.findall(r"[a-z0-9]+", re.sub(r"['’`]", "", text)))


def _keys(entity: ListedEntity) -> set[tuple[str, str]]:
    keys = {("passport", re.sub(r"[^0-9A-Z]", "", p.upper())) for p in entity.get("passportNumber")}
    keys |= {("dob", d) for d in entity.get("birthDate") if len(d) == 10}
    return keys


def link(un: Iterable[ListedEntity], other: Iterable[ListedEntity]) -> dict[str, ListedEntity]:
    """UN person id → the other list's entry for the same person (passport, or a unique DOB)."""
    un_people = [e for e in un if e.schema == "Person"]
    other_people = [e for e in other if e.schema == "Person"]
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in [*un_people, *other_people]:
        for key in _keys(entity):
            holders[key].add(entity.id)
    by_key: dict[tuple[str, str], list[ListedEntity]] = defaultdict(list)
    for entity in other_people:
        for key in _keys(entity):
            by_key[key].append(entity)
    links: dict[str, ListedEntity] = {}
    for entity in un_people:
        found: dict[str, ListedEntity] = {}
        for key in _keys(entity):
            # A date of birth links only if exactly these two entries carry it.
            if key[0] == "dob" and len(holders[key]) != 2:
                continue
            for match in by_key.get(key, []):
                found[match.id] = match
        if len(found) == 1:
            links[entity.id] = next(iter(found.values()))
    return links


def crosslist_rows(
    cls: str, un: list[ListedEntity], other: list[ListedEntity]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    by_id = {e.id: e for e in un}
    for un_id, entry in sorted(link(un, other).items()):
        own = {_spelling(n) for n in by_id[un_id].names}
        seen: set[str] = set()
        for name in entry.names:
            key = _spelling(name)
            if key in own or key in seen:
                continue
            seen.add(key)
            rows.append({"class": cls, "query": {"name": name}, "expect": un_id, "near": None})
    return rows


def load_uk_dprk() -> list[ListedEntity]:
    parsed = parser_for(UK_FILE, "uk").parse(UK_FILE)
    entities = listed_entities("uk", parsed.entities, parsed.facts)
    return [e for e in entities if any("Korea" in p for p in e.programs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--round", type=int, default=1, dest="round_")
    args = parser.parse_args()
    earlier = [DEVSET, *(heldout_path(r) for r in range(1, args.round_))]
    taken = _taken(earlier)
    # Hangul by syllable from round 2 on (see make_screening_devset.hangul); round 2's
    # file was regenerated with it after its first scoring.
    rows: Rows = build(SEED + args.round_ - 1, taken, hangul_by_syllable=args.round_ >= 2)
    un = [e for e in load_un() if (e.reference or "").startswith("KP")]
    cross = crosslist_rows("crosslist_uk", un, load_uk_dprk())
    rows["crosslist_uk"] = [r for r in cross if (r["class"], r["expect"]) not in taken]
    write(rows, heldout_path(args.round_))


if __name__ == "__main__":
    main()
