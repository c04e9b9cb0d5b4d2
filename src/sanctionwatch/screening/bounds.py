"""Upper bounds of name similarity for all of a query's candidates at once.

Monitoring scores every listed entry that shares a name part with a record:
tens per record, and most are far below the threshold. The scalar ceiling in
:func:`.features.compare_names` proves that pair by pair in Python. This
module computes the same bound for every candidate name with a handful of
numpy operations: the similarities of the query's parts with all the
candidates' parts come from one rapidfuzz call, and the alignment bound and
the joined comparison are array arithmetic over the parts, laid out flat.

The bound covers the plain case only. A pair is left to the scalar path when
both names carry Korean keys (compared syllable by syllable), when they share
a rigour symbol, when two adjacent parts of one could merge into a part of the
other, or when they have the same parts (the "identical" shortcut).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from sanctionwatch.screening.features import edit_budget, merges_possible, part_weight
from sanctionwatch.screening.korean import fold_roman
from sanctionwatch.screening.normalize import NormalizedName, person_symbols_enabled

if TYPE_CHECKING:
    from sanctionwatch.screening.index import Entry

__all__ = ["NameTable"]

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# The scalar ceiling sums in another order: keep a margin well above rounding.
_SLACK = 1e-6
# No edit budget exceeds three, so rapidfuzz may stop counting at four.
_MAX_BUDGET = 3


def _budgets(lengths: Ints) -> Ints:
    # :func:`.features.edit_budget`, for arrays.
    budgets: Ints = np.select([lengths <= 2, lengths <= 6, lengths <= 10], [0, 1, 2], _MAX_BUDGET)
    return budgets


def _key(parts: Sequence[str]) -> int:
    # A stable hash (Python's str hash changes between processes, and the table is pickled).
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _spans(starts: Ints, ends: Ints) -> tuple[Ints, Ints]:
    """Every index in the ranges ``starts[k]:ends[k]``, and where each range begins in it."""
    counts = ends - starts
    begins = np.cumsum(counts) - counts
    flat = np.repeat(starts - begins, counts) + np.arange(int(counts.sum()))
    return flat, begins


def _shapes(name: NormalizedName) -> tuple[list[int], list[int], list[int]]:
    """Per part: its shape, and the shape and edit budget of it merged with the next part.

    A shape packs the first letter and the length (see :func:`.features.merges_possible`);
    legal forms have none (-1), and neither does the last part's merge (budget -1).
    """
    singles: list[int] = []
    merged: list[int] = []
    budgets: list[int] = []
    tokens, legal = name.tokens, name.legal
    for i, token in enumerate(tokens):
        singles.append(-1 if legal[i] else ord(token[0]) * 1024 + min(len(token), 1023))
        if i + 1 < len(tokens) and not legal[i] and not legal[i + 1]:
            length = min(len(token) + len(tokens[i + 1]), 1020)
            merged.append(ord(token[0]) * 1024 + length)
            budgets.append(edit_budget(length))
        else:
            merged.append(-(2**40))
            budgets.append(-1)
    return singles, merged, budgets


class NameTable:
    """Every listed name as a row: its parts flat (vocabulary ids and weights), and its joins.

    Rows of entry ``p`` are ``starts[p]:starts[p + 1]``, in the order of
    ``Entry.names``; parts of row ``r`` are ``parts[r]:parts[r + 1]`` in the
    flat arrays.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.schemas = sorted({e.schema for e in entries})
        codes = {schema: n for n, schema in enumerate(self.schemas)}
        self.schema_codes: Ints = np.array([codes[e.schema] for e in entries], dtype=np.int64)
        self.starts: Ints = np.zeros(len(entries) + 1, dtype=np.int64)
        np.cumsum([len(e.names) for e in entries], out=self.starts[1:])
        self.names: list[NormalizedName] = [n for e in entries for n in e.names]
        self.weak: Bools = np.array([w for e in entries for w in e.weak], dtype=np.bool_)
        names = self.names
        self.parts: Ints = np.zeros(len(names) + 1, dtype=np.int64)
        np.cumsum([len(n.tokens) for n in names], out=self.parts[1:])
        self.vocab: dict[str, int] = {}
        self.folds: dict[str, int] = {}
        self.word_ids: Ints = np.array(
            [self.vocab.setdefault(t, len(self.vocab)) for n in names for t in n.tokens],
            dtype=np.int64,
        )
        self.part_weights: Floats = np.array(
            [
                part_weight(t, legal)
                for n in names
                for t, legal in zip(n.tokens, n.legal, strict=True)
            ]
        )
        self.n_tokens: Ints = np.diff(self.parts)
        shapes = [_shapes(n) for n in names]
        self.part_shapes: Ints = np.array(
            [s for single, _, _ in shapes for s in single], dtype=np.int64
        )
        self.merge_shapes: Ints = np.array(
            [s for _, merged, _ in shapes for s in merged], dtype=np.int64
        )
        self.merge_budgets: Ints = np.array(
            [b for _, _, budgets in shapes for b in budgets], dtype=np.int64
        )
        self.n_core: Ints = np.array([len(n.core) for n in names], dtype=np.int64)
        self.korean: Bools = np.array([bool(n.korean) for n in names], dtype=np.bool_)
        self.person: Bools = np.array([n.person for n in names], dtype=np.bool_)
        self.symbols: list[frozenset[str]] = [frozenset(s for s, _ in n.symbols) for n in names]
        self.has_symbols: Bools = np.array([bool(n.symbols) for n in names], dtype=np.bool_)
        self.same_key: Ints = np.array([_key(sorted(n.core)) for n in names], dtype=np.int64)
        self.joined = np.array([n.joined for n in names], dtype=object)
        self.plain = np.array(["".join(n.tokens) for n in names], dtype=object)
        self.joined_fold: Ints = np.array([self._fold_id(s) for s in self.joined], dtype=np.int64)
        self.plain_fold: Ints = np.array([self._fold_id(s) for s in self.plain], dtype=np.int64)
        words = list(self.vocab)
        self.words = np.array(words, dtype=object)
        self.word_len: Ints = np.array([len(w) for w in words], dtype=np.int64)
        self.word_first: Ints = np.array([ord(w[0]) for w in words], dtype=np.int64)
        self.word_fold: Ints = np.array([self._fold_id(w) for w in words], dtype=np.int64)

    def _fold_id(self, text: str) -> int:
        return self.folds.setdefault(fold_roman(text), len(self.folds))

    def may_reach(
        self,
        readings: Sequence[NormalizedName],
        positions: Ints,
        least: float,
        least_weak: float,
    ) -> Bools:
        """Per entry: False only when no reading can reach ``least`` with any of its names.

        A weak alias must reach ``least_weak`` instead (it counts for less, see
        :func:`.scorer.score_entry`).
        """
        counts = self.starts[positions + 1] - self.starts[positions]
        rows, _ = _spans(self.starts[positions], self.starts[positions + 1])
        if not len(rows):
            return np.zeros(len(positions), dtype=np.bool_)
        floors = np.where(self.weak[rows], least_weak, least) - _SLACK
        passing = np.zeros(len(rows), dtype=np.bool_)
        for q in readings:
            if q.tokens:
                passing |= self._passing(q, rows, floors)
        owner = np.repeat(np.arange(len(positions)), counts)
        reach: Bools = np.bincount(owner[passing], minlength=len(positions)) > 0
        return reach

    def _passing(self, q: NormalizedName, rows: Ints, floors: Floats) -> Bools:
        flat, begins = _spans(self.parts[rows], self.parts[rows + 1])
        ceiling = self._align_ceiling(q, rows, flat, begins)
        # Joined comparison: for names split differently on the two sides.
        joinable = (self.n_core[rows] != len(q.core)) | (self.n_tokens[rows] != len(q.tokens))
        low = joinable & (ceiling < floors)
        if low.any():
            ceiling[low] = np.maximum(ceiling[low], self._joined_bound(q, rows[low]))
        passing: Bools = ceiling >= floors
        doubtful = ~passing & self._doubtful(q, rows, flat, begins)
        for k in np.flatnonzero(doubtful).tolist():
            passing[k] = self._beyond_bound(q, int(rows[k]))
        return passing

    def _doubtful(self, q: NormalizedName, rows: Ints, flat: Ints, begins: Ints) -> Bools:
        """Rows that may score by a method this bound does not model (a cheap superset)."""
        doubtful: Bools = self.same_key[rows] == _key(sorted(q.core))
        if q.korean:
            doubtful |= self.korean[rows]
        if person_symbols_enabled():
            # A person's symbols come from rigour's tagger when compared: unknown here.
            doubtful |= self.person[rows] | self.has_symbols[rows]
        elif q.symbols:
            doubtful |= self.has_symbols[rows]
        shapes, merges, limits = _shapes(q)
        singles = [s for s in shapes if s >= 0]
        merged = [m for m, b in zip(merges, limits, strict=True) if b >= 0]
        budgets = [b for b in limits if b >= 0]
        if merged:
            # Two adjacent query parts merging into one listed part.
            near = np.abs(self.part_shapes[flat][None, :] - np.array(merged)[:, None])
            hits = (near <= np.array(budgets)[:, None]).any(axis=0)
            doubtful |= np.logical_or.reduceat(hits, begins)
        if singles:
            # Two adjacent listed parts merging into one query part.
            near = np.abs(self.merge_shapes[flat][None, :] - np.array(singles)[:, None])
            hits = (near <= self.merge_budgets[flat][None, :]).any(axis=0)
            doubtful |= np.logical_or.reduceat(hits, begins)
        return doubtful

    def _beyond_bound(self, q: NormalizedName, row: int) -> bool:
        # Whether the pair may score by a method this bound does not model.
        if self.same_key[row] == _key(sorted(q.core)) or (q.korean and self.korean[row]):
            return True
        tagged = person_symbols_enabled()
        q_unknown = tagged and q.person and not q.symbols
        c_unknown = tagged and bool(self.person[row]) and not self.symbols[row]
        if q_unknown or c_unknown:
            if (q_unknown or q.symbols) and (c_unknown or self.symbols[row]):
                return True
        elif q.symbols and not self.symbols[row].isdisjoint(s for s, _ in q.symbols):
            return True
        return merges_possible(q, self.names[row])

    def _align_ceiling(self, q: NormalizedName, rows: Ints, flat: Ints, begins: Ints) -> Floats:
        # :func:`.features._align_ceiling` for every row at once.
        ids = self.word_ids[flat]
        sims = self._similarities(q, ids)  # query part × listed part (flat)
        best = np.maximum.reduceat(sims, begins, axis=1)  # query part × row
        q_weights = np.array(
            [part_weight(t, legal) for t, legal in zip(q.tokens, q.legal, strict=True)]
        )
        aligned = q_weights @ best
        lonely = best == 0
        lonely_q = q_weights @ lonely
        q_named = np.array([not legal for legal in q.legal], dtype=np.bool_)
        query_missing = q_named @ lonely
        alone = ~(sims > 0).any(axis=0)
        lonely_c = np.add.reduceat(self.part_weights[flat] * alone, begins)
        loss = lonely_q * np.where(lonely_c > 0, 1.0, 0.5) + lonely_c * np.where(
            query_missing, 1.0, 0.5
        )
        ceiling: Floats = np.zeros_like(aligned)
        np.divide(aligned, aligned + loss, out=ceiling, where=aligned > 0)
        return ceiling

    def _similarities(self, q: NormalizedName, ids: Ints) -> Floats:
        # :func:`.features.token_similarity` of each query part with each listed part.
        dist = process.cdist(
            list(q.tokens),
            self.words[ids].tolist(),
            scorer=OSA.distance,
            dtype=np.int64,
            score_cutoff=_MAX_BUDGET,
        )
        q_len = np.array([len(t) for t in q.tokens], dtype=np.int64)[:, None]
        w_len = self.word_len[ids]
        length = np.maximum(q_len, w_len)
        sims: Floats = np.where(
            dist <= _budgets(length), np.maximum(0.0, 1.0 - 1.5 * dist / length) * 0.97, 0.0
        )
        # An initial stands for any part with that first letter.
        short = (q_len == 1) | (w_len == 1)
        if short.any():
            q_first = np.array([ord(t[0]) for t in q.tokens], dtype=np.int64)[:, None]
            sims = np.where(short, np.where(q_first == self.word_first[ids], 0.6, 0.0), sims)
        q_fold = np.array([self.folds.get(fold_roman(t), -1) for t in q.tokens])[:, None]
        sims = np.where(q_fold == self.word_fold[ids], 0.95, sims)
        q_word = np.array([self.vocab.get(t, -1) for t in q.tokens])[:, None]
        return np.where(q_word == ids, 1.0, sims)

    def _joined_bound(self, q: NormalizedName, rows: Ints) -> Floats:
        # :func:`.features._joined`, taking both spellings (with and without legal forms).
        joined = self._joined_strings(q.joined, self.joined[rows], self.joined_fold[rows])
        plain = self._joined_strings("".join(q.tokens), self.plain[rows], self.plain_fold[rows])
        return np.maximum(joined, plain)

    def _joined_strings(self, text: str, others: npt.NDArray[np.object_], folds: Ints) -> Floats:
        if not text:
            return np.zeros(len(others))
        dist = process.cdist([text], others.tolist(), scorer=OSA.distance, dtype=np.int64)[0]
        other_len = np.array([len(o) for o in others], dtype=np.int64)
        length = np.maximum(len(text), other_len)
        scores: Floats = np.where(
            dist <= _budgets(length), np.maximum(0.0, 1.0 - dist / length) * 0.95, 0.0
        )
        scores = np.where(folds == self.folds.get(fold_roman(text), -1), 0.95, scores)
        scores = np.where(dist == 0, 0.98, scores)
        scores[other_len == 0] = 0.0
        return scores
