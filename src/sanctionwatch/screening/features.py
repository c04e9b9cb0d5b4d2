"""Named features: each compares one aspect of a query and a listed entity.

Every feature returns a :class:`FeatureResult` with a score and a readable
detail, so an analyst can see why a candidate scored as it did. Names are
compared three ways and the best wins: the Korean phonetic key (see
:mod:`.korean`), token alignment in any order, and the joined string (for
joined or split words). String similarity is rapidfuzz's Levenshtein distance
with an edit budget that grows with the token length: a two-letter part (Un,
Il, Ho) tolerates no edit at all, so "Kim Jong Un" is not "Kim Jong Il".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from sanctionwatch.screening.korean import compare_given, compare_hangul, fold_roman
from sanctionwatch.screening.normalize import NormalizedName, name_symbols, person_symbols_enabled

__all__ = [
    "FeatureResult",
    "NameResult",
    "birth_date_feature",
    "compare_names",
    "country_feature",
    "edit_budget",
    "merges_possible",
    "parse_partial_date",
    "part_weight",
    "token_similarity",
]


@dataclass
class FeatureResult:
    """Outcome of one feature: ``score`` in [0, 1] (or -1..1 for evidence), a detail."""

    name: str
    score: float
    detail: str
    state: str = "unknown"  # agree | conflict | partial | unknown

    def to_dict(self, weight: float | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"score": round(self.score, 4), "detail": self.detail}
        if weight is not None:
            out["weight"] = weight
        if self.state != "unknown" or weight is None:
            out["state"] = self.state
        return out


Part = tuple[str | None, str | None, float]  # (query part, listed part, score)


@dataclass
class NameResult:
    """How one query name compared with one listed name."""

    score: float
    method: str
    query: str
    candidate: str
    detail: str
    parts: list[Part] = field(default_factory=list)

    def parts_dicts(self) -> list[dict[str, Any]]:
        """The part alignment for an explanation."""
        return [{"query": a, "candidate": b, "score": round(s, 3)} for a, b, s in self.parts]


def edit_budget(length: int) -> int:
    # Edits a part of this length may carry and still be the same name part.
    if length <= 3:
        return 0 if length <= 2 else 1
    if length <= 6:
        return 1
    if length <= 10:
        return 2
    return 3


# Name particles: real parts of a name, but shared by many unrelated people, so
# they count for less. Korean syllables are never here (Un, Il, Ho, U count fully).
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ash",
        "as",
        "at",
        "az",
        "bin",
        "ben",
        "ibn",
        "bint",
        "abu",
        "abou",
        "um",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "na",
        "mc",
        "mac",
    ]
)


# East Slavic and Turkic patronymics (Viktorovich, Oleksandrovych, Ivanovna,
# Aliyevich, Mammad oglu): lists carry them, queries mostly leave them out.
_PATRONYMIC_ENDINGS = (
    "ovich",
    "evich",
    "ovych",
    "evych",
    "ovna",
    "evna",
    "ivna",
    "ichna",
    "ogly",
    "oglu",
)


def _is_patronymic(token: str) -> bool:
    return len(token) >= 7 and token.endswith(_PATRONYMIC_ENDINGS)


@lru_cache(maxsize=200_000)
def part_weight(token: str, legal: bool) -> float:
    """How much one name part counts in the alignment."""
    if legal:
        return 0.25
    if token in PARTICLES or _is_patronymic(token):
        return 0.3
    return 1.0


@lru_cache(maxsize=500_000)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two name parts in [0, 1]; 0 beyond the length's edit budget.

    Spelling variants of one romanised syllable (Jong/Chong/Jeong, Sun/Son)
    fold to the same key and score 0.95.
    """
    if a == b:
        return 1.0
    fa, fb = fold_roman(a), fold_roman(b)
    if fa == fb:
        return 0.95
    if len(a) == 1 or len(b) == 1:
        # An initial stands for any part with that first letter.
        return 0.6 if a[0] == b[0] else 0.0
    length = max(len(a), len(b))
    dist = OSA.distance(a, b)
    if dist > edit_budget(length):
        return 0.0
    # Each edit costs more than its share of the letters: one letter in eight
    # is a typo, two may be another name (Castro/Castillo).
    return max(0.0, 1.0 - 1.5 * dist / length) * 0.97


def _extra_query_part_factor(q: NormalizedName, matched: int, listed_parts: int) -> float:
    """How much a query part the listed name lacks counts against.

    Fully, as a rule. But a person's listed name is often the short form
    (given + family) of a longer full name: when every listed part (at least
    two) is matched, the query's extra parts are middle names and count half,
    as the listed name's extra parts do.
    """
    if q.person and matched >= 2 and matched == listed_parts:
        return 0.5
    return 1.0


def _merge_split_parts(
    a: NormalizedName, b: NormalizedName, used_a: set[int], used_b: set[int]
) -> list[tuple[Part, float]]:
    """Pair two adjacent unmatched parts of ``a`` with one unmatched part of ``b``.

    One name part written as two ("Patr ushev", "Mohammad Hasni" for
    "Mohammadhasni") is one part: the pair counts once. Marks what it uses.
    """
    found: list[tuple[Part, float]] = []
    if len(a.tokens) - len(used_a) < 2 or len(used_b) == len(b.tokens):
        return found
    # A split keeps the first letter: only parts starting like a free part of b.
    starts = {t[0] for j, t in enumerate(b.tokens) if j not in used_b}
    for i in range(len(a.tokens) - 1):
        if a.tokens[i][0] not in starts:
            continue
        if i in used_a or i + 1 in used_a or a.legal[i] or a.legal[i + 1]:
            continue
        merged = a.tokens[i] + a.tokens[i + 1]
        best, best_j = 0.0, -1
        for j, token in enumerate(b.tokens):
            # A split keeps the first letter and roughly the length: check that first.
            if (
                j not in used_b
                and not b.legal[j]
                and token[0] == merged[0]
                and abs(len(token) - len(merged)) <= edit_budget(len(merged))
            ):
                score = token_similarity(merged, token)
                if score > best:
                    best, best_j = score, j
        if best > 0:
            used_a.update((i, i + 1))
            used_b.add(best_j)
            pair = f"{a.tokens[i]} {a.tokens[i + 1]}"
            found.append(((pair, b.tokens[best_j], best), best))
    return found


# Part alignments that cannot reach this similarity skip the split-part and
# patronymic refinements (a name similarity this low stays below the threshold
# even with an agreeing birth date).
REFINE_ABOVE = 0.4


def _align(q: NormalizedName, c: NormalizedName) -> tuple[float, list[Part]]:
    """Best one-to-one alignment of parts, in any order (greedy on best pairs)."""
    q_tokens, c_tokens = q.tokens, c.tokens
    pairs: list[tuple[float, int, int, int]] = []
    for i, qt in enumerate(q_tokens):
        for j, ct in enumerate(c_tokens):
            s = token_similarity(qt, ct)
            if s > 0:
                # Sorted ascending: best score first, then parts in the same position.
                pairs.append((-s, abs(i - j), i, j))
    pairs.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    parts: list[Part] = []
    num = den = 0.0
    for neg, _, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        weight = min(part_weight(q_tokens[i], q.legal[i]), part_weight(c_tokens[j], c.legal[j]))
        num -= neg * weight
        den += weight
        parts.append((q_tokens[i], c_tokens[j], -neg))
    rival_patronymics = False
    left_q, left_c = len(q_tokens) - len(used_q), len(c_tokens) - len(used_c)
    # Merging split parts adds at most this many matches; when even that leaves
    # the pair far from any threshold, the refinements below cannot matter.
    merges = min(left_q // 2, left_c) + min(left_c // 2, left_q)
    if left_q and left_c and (num + merges) / (den + merges or 1.0) >= REFINE_ABOVE:
        for merged, flip in (
            (_merge_split_parts(q, c, used_q, used_c), False),
            (_merge_split_parts(c, q, used_c, used_q), True),
        ):
            for (a, b, score), _ in merged:
                num += score
                den += 1.0
                parts.append((b, a, score) if flip else (a, b, score))
        # A patronymic missing on one side is cheap; two different ones are not.
        rival_patronymics = any(
            _is_patronymic(t) for i, t in enumerate(q_tokens) if i not in used_q
        ) and any(_is_patronymic(t) for j, t in enumerate(c_tokens) if j not in used_c)
    query_missing = False
    if len(used_q) < len(q_tokens):
        extra = _extra_query_part_factor(q, len(used_c), len(c_tokens))
        for i, qt in enumerate(q_tokens):
            if i not in used_q:
                # A query part the listed name lacks counts fully against; a legal form less.
                weight = part_weight(qt, q.legal[i])
                if rival_patronymics and _is_patronymic(qt):
                    weight = 1.0
                den += weight * extra
                parts.append((qt, None, 0.0))
                query_missing = query_missing or not q.legal[i]
    if len(used_c) < len(c_tokens):
        # Listed names often carry extra parts (middle names, "General"): cheaper,
        # unless the query has a part of its own there (Un vs Il: a different name).
        factor = 1.0 if query_missing else 0.5
        for j, ct in enumerate(c_tokens):
            if j not in used_c:
                weight = part_weight(ct, c.legal[j])
                if rival_patronymics and _is_patronymic(ct):
                    weight = 1.0
                den += weight * factor
                parts.append((None, ct, 0.0))
    if den == 0:
        return 0.0, parts
    return num / den, parts


def _joined(q: NormalizedName, c: NormalizedName) -> float:
    korean = bool(q.korean and c.korean)
    score = _joined_strings(q.joined, c.joined, korean)
    if score < 0.95 and (len(q.core) != len(q.tokens) or len(c.core) != len(c.tokens)):
        # "SiemensAG" vs "Siemens AG": a legal form glued to the name.
        score = max(score, _joined_strings("".join(q.tokens), "".join(c.tokens), korean))
    return score


def _joined_strings(a: str, b: str, korean: bool = False) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 0.98
    fa, fb = fold_roman(a), fold_roman(b)
    if fa == fb:
        return 0.95
    length = max(len(a), len(b))
    dist = OSA.distance(a, b)
    if korean:
        # Romanisation folding is only evidence between Korean names: elsewhere it
        # makes "techinvestment" one letter from "dayinvestment".
        dist = min(dist, OSA.distance(fa, fb))
    if dist > edit_budget(length):
        return 0.0
    return max(0.0, 1.0 - dist / length) * 0.95


def _korean(q: NormalizedName, c: NormalizedName) -> tuple[float, str] | None:
    """Best Korean key comparison, or None when no key pair shares a surname."""
    best: tuple[float, str] | None = None
    if q.hangul and c.hangul:
        hangul = compare_hangul(q.hangul, c.hangul)
        if hangul is not None and any(
            qk.split("|", 1)[0] == ck.split("|", 1)[0] for qk in q.korean for ck in c.korean
        ):
            return hangul[0], f"Hangul {q.hangul!r} vs {c.hangul!r}: {hangul[1]}"
    for qk in q.korean:
        q_sur, q_given = qk.split("|", 1)
        for ck in c.korean:
            c_sur, c_given = ck.split("|", 1)
            if q_sur != c_sur:
                continue
            score, detail = compare_given(q_given, c_given)
            if best is None or score > best[0]:
                best = (score, f"Korean phonetic key {qk!r} vs {ck!r}: {detail}")
    return best


# How sure a shared rigour symbol makes two spans the same: a number or an
# organisation word (Int'l/International) is the same thing, a shared given or
# family name (the same Wikidata name item in two scripts) nearly so, a
# nickname (Ben/Benjamin) a little less.
SYMBOL_SCORES: dict[str, float] = {
    "NUM": 1.0,
    "SYMBOL": 0.95,
    "LOC": 0.95,
    "DOMAIN": 0.9,
    "NAME": 0.9,
    "NICK": 0.85,
}


# Symbols are read only when spelling explains less than this (they could add
# a few hundredths at most above it, and reading a person's costs a tagger).
SYMBOLS_BELOW = 0.9


def _symbolic(q: NormalizedName, c: NormalizedName) -> tuple[float, list[Part]] | None:
    """Align rigour's name parts through shared symbols, then by spelling.

    None when the two names share no symbol (the other methods then decide).
    """
    q_parts, q_symbols = name_symbols(q)
    c_parts, c_symbols = name_symbols(c)
    if not q_symbols or not c_symbols:
        return None
    listed: dict[str, list[tuple[int, ...]]] = {}
    for symbol, indices in c_symbols:
        listed.setdefault(symbol, []).append(indices)
    spans: list[tuple[int, float, tuple[int, ...], tuple[int, ...]]] = []
    for symbol, q_idx in q_symbols:
        for c_idx in listed.get(symbol, ()):
            score = SYMBOL_SCORES[symbol.split(":", 1)[0]]
            spans.append((-(len(q_idx) + len(c_idx)), -score, q_idx, c_idx))
    if not spans:
        return None
    spans.sort()
    q_legal = {t for t, is_legal in zip(q.tokens, q.legal, strict=True) if is_legal}
    c_legal = {t for t, is_legal in zip(c.tokens, c.legal, strict=True) if is_legal}

    def weight(part: str, legal: set[str]) -> float:
        return part_weight(part, part in legal)

    used_q: set[int] = set()
    used_c: set[int] = set()
    parts: list[Part] = []
    num = den = 0.0
    for _, neg, q_idx, c_idx in spans:
        if used_q.intersection(q_idx) or used_c.intersection(c_idx):
            continue
        used_q.update(q_idx)
        used_c.update(c_idx)
        w = (
            sum(weight(q_parts[i], q_legal) for i in q_idx) / len(q_idx)
            + sum(weight(c_parts[j], c_legal) for j in c_idx) / len(c_idx)
        ) / 2
        w *= max(len(q_idx), len(c_idx))
        num -= neg * w
        den += w
        parts.append(
            (" ".join(q_parts[i] for i in q_idx), " ".join(c_parts[j] for j in c_idx), -neg)
        )
    pairs: list[tuple[float, int, int, int]] = []
    for i, qp in enumerate(q_parts):
        if i in used_q:
            continue
        for j, cp in enumerate(c_parts):
            if j not in used_c and (s := token_similarity(qp, cp)) > 0:
                pairs.append((-s, abs(i - j), i, j))
    pairs.sort()
    for neg, _, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        w = min(weight(q_parts[i], q_legal), weight(c_parts[j], c_legal))
        num -= neg * w
        den += w
        parts.append((q_parts[i], c_parts[j], -neg))
    query_missing = False
    extra = _extra_query_part_factor(q, len(used_c), len(c_parts))
    for i, qp in enumerate(q_parts):
        if i not in used_q:
            den += weight(qp, q_legal) * extra
            parts.append((qp, None, 0.0))
            query_missing = query_missing or qp not in q_legal
    factor = 1.0 if query_missing else 0.5
    for j, cp in enumerate(c_parts):
        if j not in used_c:
            den += weight(cp, c_legal) * factor
            parts.append((None, cp, 0.0))
    if den == 0:
        return None
    return num / den, parts


# A person's name made of initials only ("N.N.") stays below the threshold.
INITIALS_CAP = 0.45


def _only_initials(name: NormalizedName) -> bool:
    return name.person and bool(name.core) and all(len(t) == 1 for t in name.core)


def _numbers_conflict(q: NormalizedName, c: NormalizedName) -> bool:
    if set(q.numbers) == set(c.numbers):
        return False
    if q.numbers and c.numbers:
        return True
    # A number on one side only conflicts when it is written in digits ("Kumsong 7"
    # vs "Kumsong"); one read from a word ("First") may just be misspelt on the other.
    one = q if q.numbers else c
    return any(token.isdigit() for token in one.tokens)


# Part shapes pack (first letter, length) into one int: lengths stay below this.
_SHAPE_LENGTHS = 1024


@lru_cache(maxsize=200_000)
def _part_shapes(
    tokens: tuple[str, ...], legal: tuple[bool, ...]
) -> tuple[frozenset[int], frozenset[int]]:
    """Shapes of a name's parts (legal forms aside), and those two adjacent parts could merge into.

    A shape is the first letter and the length. Two parts joined merge into a
    part of the same first letter whose length is within the joined length's
    edit budget.
    """
    singles = frozenset(
        ord(t[0]) * _SHAPE_LENGTHS + min(len(t), _SHAPE_LENGTHS - 1)
        for t, is_legal in zip(tokens, legal, strict=True)
        if not is_legal
    )
    reach: set[int] = set()
    for i in range(len(tokens) - 1):
        if not legal[i] and not legal[i + 1]:
            length = min(len(tokens[i]) + len(tokens[i + 1]), _SHAPE_LENGTHS - 4)
            budget = edit_budget(length)
            shape = ord(tokens[i][0]) * _SHAPE_LENGTHS + length
            reach.update(range(shape - budget, shape + budget + 1))
    return singles, frozenset(reach)


def merges_possible(a: NormalizedName, b: NormalizedName) -> bool:
    """Whether two adjacent parts of either name could join into one part of the other.

    The tests :func:`_merge_split_parts` applies, ignoring which parts are
    already aligned: when this is False, no split part merges. The shapes
    (first letter and length) rule out most pairs before any spelling is compared.
    """
    a_singles, a_reach = _part_shapes(a.tokens, a.legal)
    b_singles, b_reach = _part_shapes(b.tokens, b.legal)
    return (not a_reach.isdisjoint(b_singles) and _merges_into(a, b)) or (
        not b_reach.isdisjoint(a_singles) and _merges_into(b, a)
    )


def _merges_into(a: NormalizedName, b: NormalizedName) -> bool:
    for i in range(len(a.tokens) - 1):
        if a.legal[i] or a.legal[i + 1]:
            continue
        merged = a.tokens[i] + a.tokens[i + 1]
        budget = edit_budget(len(merged))
        for token, legal in zip(b.tokens, b.legal, strict=True):
            if (
                not legal
                and token[0] == merged[0]
                and abs(len(token) - len(merged)) <= budget
                and token_similarity(merged, token) > 0
            ):
                return True
    return False


def _align_ceiling(q: NormalizedName, c: NormalizedName) -> float:
    """An upper bound of :func:`_align`'s score when no split parts merge.

    Every part with a similar part on the other side is counted as aligned at
    its best similarity; a part with none is certainly left over, and costs at
    least what :func:`_align` charges a left-over part. (Check
    :func:`merges_possible` before trusting it.)
    """
    q_tokens, c_tokens = q.tokens, c.tokens
    partnered = 0  # bit j: listed part j has a similar query part
    aligned = lonely_q = 0.0
    query_missing = False
    for i, qt in enumerate(q_tokens):
        best = 0.0
        for j, ct in enumerate(c_tokens):
            s = token_similarity(qt, ct)
            if s > 0:
                partnered |= 1 << j
                if s > best:  # noqa: PLR1730 (a max() call costs more in this loop)
                    best = s
        if best > 0:
            aligned += part_weight(qt, q.legal[i]) * best
        else:
            lonely_q += part_weight(qt, q.legal[i])
            query_missing = query_missing or not q.legal[i]
    if aligned == 0.0:
        return 0.0
    lonely_c = 0.0
    if partnered != (1 << len(c_tokens)) - 1:
        lonely_c = sum(
            part_weight(ct, c.legal[j]) for j, ct in enumerate(c_tokens) if not partnered >> j & 1
        )
    # A listed part left over means not every listed part aligned: query parts count fully.
    loss = lonely_q * (1.0 if lonely_c else 0.5) + lonely_c * (1.0 if query_missing else 0.5)
    return aligned / (aligned + loss)


def _may_share_symbols(name: NormalizedName) -> bool:
    # What :func:`name_symbols` can return anything for, without reading it.
    return bool(name.symbols) or (name.person and person_symbols_enabled())


# Guards the ceiling against rounding: it sums in another order than the alignment.
_CEILING_SLACK = 1e-9


def _ceiling(
    q: NormalizedName,
    c: NormalizedName,
    korean: tuple[float, str] | None,
    joinable: bool,
    floor: float,
) -> float | None:
    """An upper bound of :func:`compare_names`'s score below ``floor``, or None.

    None when the pair might reach the floor or no cheap bound exists; the
    cheaper bounds go first, so a pair that may match costs little extra.
    """
    floor -= _CEILING_SLACK
    if korean is not None:
        ceiling = korean[0]
    else:
        ceiling = _align_ceiling(q, c)
        if ceiling >= floor or merges_possible(q, c):
            return None
        if _may_share_symbols(q) and _may_share_symbols(c):
            symbolic = _symbolic(q, c)
            if symbolic is not None:
                ceiling = max(ceiling, symbolic[0] * 0.97)
    if ceiling >= floor:
        return None
    if joinable:
        ceiling = max(ceiling, _joined(q, c))
    return None if ceiling >= floor else ceiling + _CEILING_SLACK


def compare_names(q: NormalizedName, c: NormalizedName, floor: float = 0.0) -> NameResult:
    """Compare two normalised names; the best of three methods wins.

    With a ``floor``, a pair whose score provably stays below it returns early:
    method ``"below floor"`` and an upper bound of its score, with no part
    alignment. Callers that drop such pairs anyway skip most of the work.
    """
    # Two Hangul spellings that romanise alike (김정은, 김종은) may still differ.
    hangul_differs = bool(q.hangul and c.hangul and q.hangul != c.hangul)
    if not hangul_differs and (
        q.tokens == c.tokens
        or (q.core and len(q.core) == len(c.core) and sorted(q.core) == sorted(c.core))
    ):
        return NameResult(
            1.0 if q.tokens == c.tokens else 0.99,
            "identical",
            q.original,
            c.original,
            "identical after normalisation"
            if q.tokens == c.tokens
            else "same parts after normalisation (order or legal form differ)",
        )
    korean = _korean(q, c) if q.korean and c.korean else None
    # Joined comparison is for names written joined on one side and split on the
    # other; with equal part counts the part alignment is the better judge.
    split = len(q.core) != len(c.core) or len(q.tokens) != len(c.tokens)
    # Two Korean names with no surname in common are two people, however alike
    # the rest reads when glued together (Ri Yong Hyok, O Myonghyok).
    other_surnames = bool(q.korean and c.korean and korean is None)
    joinable = split and not other_surnames
    if floor > 0:
        ceiling = _ceiling(q, c, korean, joinable, floor)
        if ceiling is not None:
            return NameResult(
                ceiling, "below floor", q.original, c.original, f"at most {ceiling:.3f}"
            )
    joined = _joined(q, c) if joinable else 0.0
    aligned, parts = _align(q, c)
    best = NameResult(aligned, "parts", q.original, c.original, "parts aligned in any order", parts)
    if korean is not None:
        # Both read as Korean names with the same surname: the syllable-level
        # comparison decides, since a one-letter change in a short syllable
        # (Un/Il, Tong/Yong) that string similarity forgives is another person.
        best = NameResult(korean[0], "korean", q.original, c.original, korean[1], parts)
    elif best.score < SYMBOLS_BELOW:
        # Not a pair of Korean names, and spelling leaves a gap: rigour's symbols
        # may explain parts that spelling cannot (贝拉克/Barack, Ben/Benjamin,
        # 1st/First, Forty-Four/44).
        symbolic = _symbolic(q, c)
        if symbolic is not None and symbolic[0] * 0.97 > best.score:
            best = NameResult(
                symbolic[0] * 0.97,
                "symbols",
                q.original,
                c.original,
                "parts aligned through shared name symbols (rigour), then by spelling",
                symbolic[1],
            )
    if joined > best.score:
        best = NameResult(
            joined, "joined", q.original, c.original, f"joined {q.joined!r} vs {c.joined!r}", parts
        )
    if (
        best.score > INITIALS_CAP
        and best.method != "identical"
        and (_only_initials(q) or _only_initials(c))
    ):
        best.score = INITIALS_CAP
        best.detail += "; a name of initials only cannot identify anyone on its own"
    if _numbers_conflict(q, c):
        best.score *= 0.6
        best.detail += f"; numbers differ {list(q.numbers)} vs {list(c.numbers)}"
    return best


# ---- dates of birth -------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_partial_date(value: str) -> tuple[int, int | None, int | None] | None:
    """``"1964-08-10"`` → (1964, 8, 10); ``"1964"`` → (1964, None, None); else None."""
    m = _DATE_RE.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return year, month, day


def _range(value: str) -> tuple[int, int] | None:
    if "/" not in value:
        return None
    start, end = value.split("/", 1)
    a, b = parse_partial_date(start), parse_partial_date(end)
    if a is None or b is None:
        return None
    return a[0], b[0]


def birth_date_feature(query: str | None, dates: list[str], ranges: list[str]) -> FeatureResult:
    """Compare a (partial) birth date with the listed dates and ranges.

    ``agree`` at the finest precision both sides give, ``partial`` when only the
    year (or a range) is consistent, ``conflict`` when they cannot be the same.
    """
    if not query:
        return FeatureResult("birth_date", 0.0, "no birth date in the query")
    q = parse_partial_date(query)
    if q is None:
        return FeatureResult("birth_date", 0.0, f"unreadable birth date {query!r}")
    listed = [d for d in (parse_partial_date(v) for v in dates) if d is not None]
    spans = [r for r in (_range(v) for v in ranges) if r is not None]
    if not listed and not spans:
        return FeatureResult("birth_date", 0.0, "no birth date on the list")
    best = FeatureResult("birth_date", -1.0, "", "conflict")
    conflicts: list[str] = []
    for d in listed:
        text = "-".join(str(x).zfill(2) for x in d if x is not None)
        if d[0] != q[0]:
            conflicts.append(text)
            continue
        if q[1] is not None and d[1] is not None and q[1] != d[1]:
            # Day and month swapped is a common data-entry error: half a conflict.
            if q[2] == d[1] and q[1] == d[2]:
                cand = FeatureResult("birth_date", 0.2, f"day/month swapped vs {text}", "partial")
            else:
                cand = FeatureResult(
                    "birth_date", -0.6, f"same year, different month: {text}", "conflict"
                )
        elif q[2] is not None and d[2] is not None and q[2] != d[2]:
            cand = FeatureResult(
                "birth_date", -0.5, f"same month, different day: {text}", "conflict"
            )
        elif q[1] is not None and q[2] is not None and d[2] is not None:
            cand = FeatureResult("birth_date", 1.0, f"same date {text}", "agree")
        else:
            cand = FeatureResult(
                "birth_date", 0.6, f"consistent at listed precision: {text}", "partial"
            )
        if cand.score > best.score:
            best = cand
    for lo, hi in spans:
        if lo <= q[0] <= hi:
            cand = FeatureResult(
                "birth_date", 0.5, f"year within listed range {lo}-{hi}", "partial"
            )
            if cand.score > best.score:
                best = cand
        else:
            conflicts.append(f"{lo}-{hi}")
    if best.score == -1.0:
        near = any(abs(d[0] - q[0]) == 1 for d in listed)
        best.score = -0.6 if near else -1.0
        best.detail = f"{query} vs listed {', '.join(conflicts)}"
    return best


# ---- nationality / country ------------------------------------------------


_COUNTRY_ALIASES = {
    "dprk": "kp",
    "korea, north": "kp",
    "north korea": "kp",
    "korea, democratic people's republic of": "kp",
    "korea dpr": "kp",
    "korea, south": "kr",
    "south korea": "kr",
    "republic of korea": "kr",
    "korea, republic of": "kr",
    "rok": "kr",
    "russia": "ru",
    "russian federation": "ru",
    "iran": "ir",
    "syria": "sy",
    "uk": "gb",
    "usa": "us",
    "united states of america": "us",
}
_COUNTRY_NAMES: dict[str, str] = {}


def _country_names() -> dict[str, str]:
    # rigour's territory table, loaded on first use of a country *name* (~0.7 s);
    # two-letter codes never need it.
    if not _COUNTRY_NAMES:
        from rigour.territories import get_territories

        for territory in get_territories():
            code = territory.ftm_country
            if not code:
                continue
            for label in (territory.name, territory.full_name, territory.alpha3, territory.code):
                if label:
                    _COUNTRY_NAMES.setdefault(label.lower(), code)
        _COUNTRY_NAMES.update(_COUNTRY_ALIASES)
    return _COUNTRY_NAMES


@lru_cache(maxsize=4096)
def clean_country(value: str) -> str | None:
    """ISO code for a country code or name ("North Korea" → "kp"), None if unknown."""
    text = " ".join(value.strip().lower().replace("’", "'").split())
    if len(text) == 2 and text.isalpha():
        return text
    return _COUNTRY_ALIASES.get(text) or _country_names().get(text)


def country_feature(query: list[str], listed: list[str]) -> FeatureResult:
    """Nationality/country agreement between the query and the listed entity."""
    q = {c for c in (clean_country(v) for v in query) if c}
    if not q:
        return FeatureResult("country", 0.0, "no country in the query")
    listed_codes = {c for c in (clean_country(v) for v in listed) if c}
    if not listed_codes:
        return FeatureResult("country", 0.0, "no country on the list")
    common = q & listed_codes
    if common:
        return FeatureResult("country", 1.0, f"same country {sorted(common)}", "agree")
    return FeatureResult(
        "country", -1.0, f"{sorted(q)} vs listed {sorted(listed_codes)}", "conflict"
    )
