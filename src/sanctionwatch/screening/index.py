"""In-memory candidate index: a query is scored against tens of candidates, not the corpus.

Each listed name is indexed under several keys:

* ``t:`` its normalised tokens (legal forms excluded), ``f:`` the same tokens
  folded by romanisation (Jong/Chong/Jeong share one key);
* ``k:`` the Korean phonetic key ``surname|given`` and ``kg:`` its given part;
* ``j:`` the joined name (catches "Sonhui" vs "Son Hui");
* ``g:`` character trigrams of the joined name (catches typos);
* ``ini:`` the first letters of a person's parts, in order, for names of three
  or more parts (a query written with initials, "Abd A. M. R. A. Rahman", has
  few other distinctive parts); a query uses it only when it has an initial;
* ``id:`` identifiers (IMO, MMSI, passport, national id, call sign).

Retrieval has two modes. The default keeps the best ``CANDIDATES`` by vote:
fast, for interactive screening. ``complete`` adds every entry sharing a
strong key (a token, folded token, Korean key or joined name)
with the query, however many there are, so a crowded name space (hundreds of
Kims) cannot push a true pair out; monitoring's re-screens use it.

A query's keys vote for entities with inverse-document-frequency weights; the
best ``CANDIDATES`` go on to full scoring. No key is a stop word: short parts
(Un, Il, Ho, U) are indexed like any other part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening.bounds import NameTable
from sanctionwatch.screening.features import clean_country
from sanctionwatch.screening.korean import SPLIT, canonical_joined, fold_roman
from sanctionwatch.screening.normalize import NormalizedName, normalize_name

__all__ = [
    "CANDIDATES",
    "CandidateIndex",
    "Entry",
    "identifier_keys",
    "listed_identifiers",
    "name_keys",
]

CANDIDATES = 15
INITIALS = "ini:"
# Keys held by more entities than this carry no useful signal for blocking.
_MAX_POSTING = 3000
_MAX_GRAM_POSTING = 400

_ID_PROPS: dict[str, tuple[str, ...]] = {
    "imo": ("imoNumber",),
    "mmsi": ("mmsi",),
    "passport": ("passportNumber",),
    "national_id": ("idNumber", "nationalId", "taxNumber", "registrationNumber"),
    "call_sign": ("callSign",),
}
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
# Identity documents land in either property depending on the list (a passport
# number recorded as an id number): a query for one also looks in the other.
ID_KINDS_ALIKE: dict[str, tuple[str, ...]] = {
    "passport": ("passport", "national_id"),
    "national_id": ("national_id", "passport"),
}


def listed_identifiers(entry_ids: dict[str, frozenset[str]], kind: str) -> frozenset[str]:
    """The listed values a query identifier of ``kind`` is compared with."""
    out: frozenset[str] = frozenset()
    for alike in ID_KINDS_ALIKE.get(kind, (kind,)):
        out = out | entry_ids.get(alike, frozenset())
    return out


def normalize_identifier(kind: str, value: str) -> str:
    """Comparable form of an identifier: upper-case alphanumerics; IMO digits only."""
    text = _NON_ALNUM.sub("", value).upper()
    if kind == "imo" and text.startswith("IMO"):
        text = text[3:]
    return text


class Entry(NamedTuple):
    """What scoring needs of one listed entity, precomputed at build time.

    A tuple, so the pickled index cache loads fast; ``countries`` are ISO codes.
    """

    entity_id: str
    schema: str
    source: str
    reference: str | None
    caption: str
    programs: tuple[str, ...]
    names: tuple[NormalizedName, ...]
    weak: tuple[bool, ...]
    birth_dates: tuple[str, ...]
    birth_ranges: tuple[str, ...]
    countries: tuple[str, ...]
    identifiers: dict[str, frozenset[str]]

    @classmethod
    def from_entity(cls, entity: ListedEntity) -> Entry:
        """Normalise an entity's names, identifiers and countries once."""
        weak_values = set(entity.get("weakAlias"))
        strong = [n for n in entity.names if n not in weak_values or n in entity.get("name")]
        names: list[NormalizedName] = []
        weak: list[bool] = []
        seen: set[tuple[str, ...]] = set()
        for value in strong + [n for n in entity.names if n not in strong]:
            norm = normalize_name(value, entity.schema)
            if not norm.tokens or norm.tokens in seen:
                continue
            seen.add(norm.tokens)
            names.append(norm)
            weak.append(value in weak_values and value not in strong)
        identifiers: dict[str, frozenset[str]] = {}
        for kind, props in _ID_PROPS.items():
            values = {
                normalize_identifier(kind, v) for p in props for v in entity.get(p) if v.strip()
            }
            if values:
                identifiers[kind] = frozenset(values)
        countries = tuple(
            dict.fromkeys(
                code
                for p in ("nationality", "citizenship", "country", "jurisdiction", "flag")
                for v in entity.get(p)
                if (code := clean_country(v))
            )
        )
        return cls(
            entity.id,
            entity.schema,
            entity.source,
            entity.reference,
            entity.caption,
            tuple(entity.programs),
            tuple(names),
            tuple(weak),
            tuple(entity.get("birthDate")),
            tuple(entity.get("birthDateRange")),
            countries,
            identifiers,
        )


def name_keys(name: NormalizedName) -> dict[str, float]:
    """Blocking keys of one name with their base weight (before IDF)."""
    keys: dict[str, float] = {}
    for token, legal in zip(name.tokens, name.legal, strict=True):
        if legal:
            continue
        keys[f"t:{token}"] = 1.0
        keys.setdefault(f"f:{fold_roman(token)}", 0.8)
    for key in name.korean:
        surname, given = key.split("|", 1)
        # A split reading ("kim|so-ir") is looked up as the name written apart.
        keys[f"k:{key.replace(SPLIT, '.')}"] = 3.0
        keys[f"kj:{surname}|{canonical_joined(given)}"] = 3.0
        keys[f"kg:{canonical_joined(given)}"] = 1.0
    if name.person and len(name.core) >= 3:
        keys[f"{INITIALS}{''.join(t[0] for t in name.core)}"] = 1.0
    joined = name.joined
    if joined:
        keys[f"j:{joined}"] = 2.0
        padded = f"^{joined}$"
        for i in range(len(padded) - 2):
            keys.setdefault(f"g:{padded[i : i + 3]}", 0.15)
    return keys


def _has_initial(name: NormalizedName) -> bool:
    return any(len(t) == 1 and t.isalpha() for t in name.core)


def identifier_keys(kind: str, values: Iterable[str]) -> list[str]:
    """Index keys for identifiers; IMO/MMSI/passport share one space per kind."""
    return [f"id:{kind}:{v}" for v in values if v]


class CandidateIndex:
    """Entries plus postings ``key → entry positions``; picklable as a whole.

    Postings live in one int32 array with offsets per key (not one array per
    key), so the pickled cache loads in a fraction of a second.
    """

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        postings: dict[str, set[int]] = defaultdict(set)
        for pos, entry in enumerate(entries):
            for name in entry.names:
                for key in name_keys(name):
                    postings[key].add(pos)
            for kind, values in entry.identifiers.items():
                for key in identifier_keys(kind, values):
                    postings[key].add(pos)
        total = max(1, len(entries))
        kept = sorted(k for k, v in postings.items() if len(v) <= _MAX_POSTING)
        self.slots: dict[str, int] = {key: n for n, key in enumerate(kept)}
        sizes = np.fromiter((len(postings[k]) for k in kept), dtype=np.int64, count=len(kept))
        self.offsets = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum(sizes, out=self.offsets[1:])
        self.positions = np.fromiter(
            (p for k in kept for p in sorted(postings[k])), dtype=np.int32, count=int(sizes.sum())
        )
        self.idf = np.log1p(total / np.maximum(sizes, 1)).astype(np.float32)
        self.names = NameTable(entries)

    def postings(self, key: str) -> npt.NDArray[np.int32] | None:
        """Positions of the entries indexed under ``key`` (None if none)."""
        slot = self.slots.get(key)
        if slot is None:
            return None
        return self.positions[self.offsets[slot] : self.offsets[slot + 1]]

    @classmethod
    def build(cls, entities: Iterable[ListedEntity]) -> CandidateIndex:
        """Index every entity, sorted by id so the result does not depend on input order."""
        entries = [Entry.from_entity(e) for e in entities]
        entries.sort(key=lambda e: (e.entity_id, e.source))
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(
        self,
        names: list[NormalizedName],
        identifiers: dict[str, str],
        limit: int = CANDIDATES,
        complete: bool = False,
    ) -> tuple[list[int], set[int]]:
        """Positions of the best-voted entries, and those sharing an identifier.

        Votes accumulate in one dense vector (numpy), so a query costs a few
        array additions however common its name parts are. With ``complete``
        the positions also hold every entry sharing a strong key (not a trigram
        or the initials), after the best-voted ones, in vote order.
        """
        query_keys: dict[str, float] = {}
        for name in names:
            initials = _has_initial(name)
            for key, weight in name_keys(name).items():
                if key.startswith(INITIALS) and not initials:
                    continue  # written in full, the parts themselves are the better keys
                if weight > query_keys.get(key, 0.0):
                    query_keys[key] = weight
        votes = np.zeros(len(self.entries), dtype=np.float32)
        strong = np.zeros(len(self.entries), dtype=np.bool_) if complete else None
        for key, weight in query_keys.items():
            slot = self.slots.get(key)
            if slot is None:
                continue
            start, end = self.offsets[slot], self.offsets[slot + 1]
            if strong is not None and key[0] != "g" and not key.startswith(INITIALS):
                strong[self.positions[start:end]] = True
            if key[0] == "g" and end - start > _MAX_GRAM_POSTING:
                # A common trigram adds thousands of votes and no ranking signal.
                continue
            votes[self.positions[start:end]] += weight * self.idf[slot]
        id_hits: set[int] = set()
        for kind, value in identifiers.items():
            norm = normalize_identifier(kind, value)
            for alike in ID_KINDS_ALIKE.get(kind, (kind,)):
                keys = identifier_keys(alike, [norm])
                for key in keys:
                    found = self.postings(key)
                    if found is not None:
                        id_hits.update(int(p) for p in found)
        voted = np.flatnonzero(votes)
        if len(voted) > limit:
            # Best votes first; ties go to the lower position (entity id order).
            top = voted[np.argpartition(-votes[voted], limit - 1)[:limit]]
            cut = votes[top].min()
            voted = np.flatnonzero(votes >= cut)
        order = np.lexsort((voted, -votes[voted]))[:limit]
        best = [int(p) for p in voted[order]]
        if strong is not None:
            sharing = np.flatnonzero(strong)
            rest = sharing[np.lexsort((sharing, -votes[sharing]))]
            best = list(dict.fromkeys([*best, *(int(p) for p in rest)]))
        return best, id_hits
