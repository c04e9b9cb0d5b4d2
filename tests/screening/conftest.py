from __future__ import annotations

from collections.abc import Iterator

import pytest

from sanctionwatch.screening.normalize import PERSON_SYMBOLS_ENV, person_symbols_enabled


@pytest.fixture
def person_symbols(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """rigour's person-name symbols switched on for one test."""
    monkeypatch.setenv(PERSON_SYMBOLS_ENV, "1")
    person_symbols_enabled.cache_clear()
    yield
    monkeypatch.delenv(PERSON_SYMBOLS_ENV)
    person_symbols_enabled.cache_clear()
