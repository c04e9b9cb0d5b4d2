"""The mypyc build of the name comparison must never silently shadow newer sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sanctionwatch import screening
from sanctionwatch.screening import features


def test_a_build_older_than_its_source_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = tmp_path / "features.cpython-311-x86_64-linux-gnu.so"
    source = tmp_path / "features.py"
    built.write_bytes(b"")
    source.write_text("")
    os.utime(built, (1_000_000, 1_000_000))
    monkeypatch.setattr(features, "__file__", str(built))
    assert screening.compiled()
    with pytest.warns(RuntimeWarning, match="make setup"):
        screening._warn_if_stale()


def test_a_fresh_build_is_quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = tmp_path / "features.cpython-311-x86_64-linux-gnu.so"
    source = tmp_path / "features.py"
    source.write_text("")
    built.write_bytes(b"")
    os.utime(source, (1_000_000, 1_000_000))
    monkeypatch.setattr(features, "__file__", str(built))
    screening._warn_if_stale()  # filterwarnings turns any warning into an error
