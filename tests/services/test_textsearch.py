"""Prefix search for results as you type."""

from __future__ import annotations

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.services.textsearch import PrefixIndex, tokens


def test_tokens_fold_scripts_and_apostrophes() -> None:
    assert tokens("Ch'oe Son-hui") == ["choe", "son", "hui"]
    assert tokens("KIM TONG MY’ONG") == ["kim", "tong", "myong"]
    assert tokens("Ésaü") == ["esau"]


def test_every_typed_word_must_prefix_one_name() -> None:
    index = PrefixIndex(
        [
            ListedEntity(
                "a", "Person", "un", {"name": ["KIM JONG SIK"], "alias": ["Kim Chong-sik"]}
            ),
            ListedEntity("b", "Person", "un", {"name": ["KIM YONG CHOL"]}),
            ListedEntity(
                "v", "Vessel", "ofac", {"name": ["CHONG CHON GANG"], "imoNumber": ["IMO7937317"]}
            ),
        ]
    )
    assert index.lookup("kim") == ["a", "b"]
    assert index.lookup("kim jo") == ["a"]
    assert index.lookup("kim chong") == ["a"]  # through the alias
    assert index.lookup("kim ch") == ["a", "b"]  # CHOL starts with ch too
    assert index.lookup("jong kim") == ["a"]  # any order
    assert index.lookup("k") == []  # one letter is too little
    assert index.lookup("7937317") == ["v"] and index.lookup("IMO 7937317") == ["v"]
    assert index.by_identifier("imo7937317") == ["v"]
