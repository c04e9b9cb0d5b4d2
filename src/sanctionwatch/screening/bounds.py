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

from sanctionwatch.screening.features import edit_budget, part_weight
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


# :func:`.features.edit_budget` by length, for looking up whole arrays at once.
_BUDGETS: Ints = np.array([edit_budget(n) for n in range(256)], dtype=np.int64)


def _budgets(lengths: Ints) -> Ints:
    budgets: Ints = _BUDGETS[np.minimum(lengths, len(_BUDGETS) - 1)]
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
        self.legal: Bools = np.array([x for n in names for x in n.legal], dtype=np.bool_)
        self.n_core: Ints = np.array([len(n.core) for n in names], dtype=np.int64)
        self.korean: Bools = np.array([bool(n.korean) for n in names], dtype=np.bool_)
        self.person: Bools = np.array([n.person for n in names], dtype=np.bool_)
        self.symbol_ids: dict[str, int] = {}
        symbols = [
            [self.symbol_ids.setdefault(s, len(self.symbol_ids)) for s, _ in n.symbols]
            for n in names
        ]
        # Padded with -1, which indexes the spare last slot of a query's symbol mask.
        self.symbols: Ints = np.full((len(names), max(map(len, symbols), default=1) or 1), -1)
        for row, ids in enumerate(symbols):
            self.symbols[row, : len(ids)] = ids
        # Each part joined with the next ("" for the last part and legal forms).
        self.merged = np.array(
            [
                t + n.tokens[i + 1]
                if i + 1 < len(n.tokens) and not n.legal[i] and not n.legal[i + 1]
                else ""
                for n in names
                for i, t in enumerate(n.tokens)
            ],
            dtype=object,
        )
        self.merged_len: Ints = np.array([len(m) for m in self.merged], dtype=np.int64)
        self.merged_fold: Ints = np.array(
            [self._fold_id(m) if m else -2 for m in self.merged], dtype=np.int64
        )
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

    def name_count(self, positions: Ints) -> int:
        """How many names the entries at ``positions`` have."""
        return int((self.starts[positions + 1] - self.starts[positions]).sum())

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
        passing: Bools = (ceiling >= floors) | self._beyond_bound(q, rows, flat, begins)
        return passing

    def _beyond_bound(self, q: NormalizedName, rows: Ints, flat: Ints, begins: Ints) -> Bools:
        """Rows that may score by a method this bound does not model."""
        beyond: Bools = self.same_key[rows] == _key(sorted(q.core))
        if q.korean:
            beyond |= self.korean[rows]
        if person_symbols_enabled():
            # A person's symbols come from rigour's tagger when compared: unknown here.
            if q.person:
                beyond |= self.person[rows] | (self.symbols[rows, 0] >= 0)
            elif q.symbols:
                beyond |= self.person[rows]
        if q.symbols:
            mask = np.zeros(len(self.symbol_ids) + 1, dtype=np.bool_)
            mask[[self.symbol_ids[s] for s, _ in q.symbols if s in self.symbol_ids]] = True
            beyond |= mask[self.symbols[rows]].any(axis=1)
        return beyond | self._merges(q, flat, begins)

    def _merges(self, q: NormalizedName, flat: Ints, begins: Ints) -> Bools:
        """Per row: whether two adjacent parts of one name could join into a part of the other.

        :func:`.features.merges_possible`, for every row at once.
        """
        tokens, legal = q.tokens, q.legal
        ids = self.word_ids[flat]
        first = self.word_first[ids]
        hits = np.zeros(len(flat), dtype=np.bool_)
        # Two adjacent query parts against each listed part (legal forms never merge).
        pairs = [
            tokens[i] + tokens[i + 1]
            for i in range(len(tokens) - 1)
            if not legal[i] and not legal[i + 1]
        ]
        if pairs:
            hits |= self._joins(
                pairs,
                self.words[ids],
                self.word_len[ids],
                self.word_fold[ids],
                np.where(self.legal[flat], -1, first),
                merged_side=True,
            )
        # Two adjacent listed parts against each query part.
        singles = [t for t, is_legal in zip(tokens, legal, strict=True) if not is_legal]
        merged_len = self.merged_len[flat]
        if singles:
            hits |= self._joins(
                singles,
                self.merged[flat],
                merged_len,
                self.merged_fold[flat],
                np.where(merged_len > 0, first, -1),
                merged_side=False,
            )
        return np.logical_or.reduceat(hits, begins)

    def _joins(
        self,
        texts: list[str],
        others: npt.NDArray[np.object_],
        other_len: Ints,
        other_fold: Ints,
        other_first: Ints,
        merged_side: bool,
    ) -> Bools:
        """Per other part: whether some text passes :func:`.features._merges_into`'s tests with it.

        ``merged_side``: the texts are two parts merged (else the others are).
        An other part with first letter -1 never passes.
        """
        text_len = np.array([len(t) for t in texts], dtype=np.int64)[:, None]
        first = np.array([ord(t[0]) for t in texts], dtype=np.int64)[:, None]
        merged_len = text_len if merged_side else other_len[None, :]
        # First letter and length first: they rule out nearly every pair.
        shaped = (first == other_first) & (np.abs(text_len - other_len) <= _budgets(merged_len))
        found = np.zeros(len(others), dtype=np.bool_)
        cols = np.flatnonzero(shaped.any(axis=0))
        if not len(cols):
            return found
        dist = process.cdist(
            texts,
            others[cols].tolist(),
            scorer=OSA.distance,
            dtype=np.int64,
            score_cutoff=_MAX_BUDGET,
        )
        fold = np.array([self.folds.get(fold_roman(t), -1) for t in texts])[:, None]
        similar = (dist <= _budgets(np.maximum(text_len, other_len[cols]))) | (
            fold == other_fold[cols]
        )
        found[cols] = (similar & shaped[:, cols]).any(axis=0)
        return found

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
