"""The list releases shipped inside the package, for ``sanctionwatch demo`` and ``make run``."""

from __future__ import annotations

from pathlib import Path

from sanctionwatch.store.records import LoadResult
from sanctionwatch.store.store import Store

BUNDLED_DIR = Path(__file__).resolve().parents[1] / "data" / "lists"


def bundled_files() -> dict[str, list[Path]]:
    """Source -> bundled files: every UN XML, and the main file of each OFAC set."""
    found: dict[str, list[Path]] = {}
    un = sorted((BUNDLED_DIR / "un").glob("*.xml"))
    if un:
        found["un"] = un
    ofac = sorted((BUNDLED_DIR / "ofac").glob("*/sdn.csv")) + sorted(
        (BUNDLED_DIR / "ofac").glob("*.xml")
    )
    if ofac:
        found["ofac"] = ofac
    return found


def load_bundled(store: Store, progress: bool = False) -> list[LoadResult]:
    """Load every bundled release (idempotent: already-loaded files change nothing)."""
    results: list[LoadResult] = []
    for source, paths in bundled_files().items():
        results.extend(store.load_files(paths, source, progress=progress))
    return results
