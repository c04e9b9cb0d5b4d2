"""Prefix search over names and identifiers, for results as you type.

The screener answers "who is this?" for a whole name; someone typing wants
"KIM JO" to already show every Kim Jo... entry. This index finds entries
whose names contain every typed token as a word prefix (after ASCII folding,
so Hangul, Cyrillic and accents work too), or whose identifier equals the
query. Scores and explanations still come from the screener.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from normality import normalize

from sanctionwatch.model.entity import ListedEntity

ID_PROPS = ("imoNumber", "mmsi", "passportNumber", "idNumber", "registrationNumber", "callSign")
_APOSTROPHES = re.compile(r"[’'`ʼ‘]")


def tokens(text: str) -> list[str]:
    """Lower-case ASCII word tokens; apostrophes inside words are dropped (Ch'oe -> choe)."""
    folded = normalize(_APOSTROPHES.sub("", text), ascii=True) or ""
    return folded.split()


def _ident_key(value: str) -> str:
    """Identifier compared without spaces, punctuation or an ``IMO`` prefix."""
    key = re.sub(r"[^0-9a-z]", "", value.lower())
    return key[3:] if key.startswith("imo") and key[3:].isdigit() else key


class PrefixIndex:
    """Sorted (token, entity id) pairs plus an identifier map."""

    def __init__(self, entities: Iterable[ListedEntity]) -> None:
        pairs: set[tuple[str, str]] = set()
        self._names: dict[str, list[set[str]]] = {}
        self._idents: dict[str, set[str]] = {}
        for entity in entities:
            name_tokens = []
            for name in entity.names + entity.get("nameOriginalScript"):
                toks = set(tokens(name))
                if toks:
                    name_tokens.append(toks)
                    pairs.update((t, entity.id) for t in toks)
            self._names[entity.id] = name_tokens
            for prop in ID_PROPS:
                for value in entity.get(prop):
                    key = _ident_key(value)
                    if len(key) >= 4:
                        self._idents.setdefault(key, set()).add(entity.id)
        self._pairs = sorted(pairs)

    def _prefixed(self, prefix: str) -> set[str]:
        found: set[str] = set()
        i = bisect_left(self._pairs, (prefix, ""))
        while i < len(self._pairs) and self._pairs[i][0].startswith(prefix):
            found.add(self._pairs[i][1])
            i += 1
        return found

    def by_identifier(self, value: str) -> list[str]:
        """Entity ids carrying exactly this identifier (IMO, MMSI, passport, ...)."""
        return sorted(self._idents.get(_ident_key(value), set()))

    def lookup(self, query: str) -> list[str]:
        """Entity ids with one name holding every query token as a word prefix, or the identifier."""
        hits = set(self.by_identifier(query))
        toks = tokens(query)
        if not toks:
            return sorted(hits)
        longest = max(toks, key=len)
        if len(longest) < 2:  # one letter would match half the list
            return sorted(hits)
        for entity_id in self._prefixed(longest):
            for name in self._names.get(entity_id, []):
                if all(any(t.startswith(q) for t in name) for q in toks):
                    hits.add(entity_id)
                    break
        return sorted(hits)
