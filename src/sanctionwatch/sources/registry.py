"""Maps a source name to the parsers of its file formats.

Modules are imported on first use; each exposes ``PARSERS: list[ListParser]``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from sanctionwatch.errors import InputError, SourceMismatchError
from sanctionwatch.sources.base import ListParser

SOURCE_MODULES: dict[str, list[str]] = {
    "un": ["sanctionwatch.sources.un_sc"],
    "ofac": [
        "sanctionwatch.sources.ofac_csv",
        "sanctionwatch.sources.ofac_xml",
        "sanctionwatch.sources.ofac_advanced",
    ],
    # OFAC's consolidated non-SDN list: same formats, its own release history.
    "ofac_cons": [
        "sanctionwatch.sources.ofac_csv",
        "sanctionwatch.sources.ofac_xml",
        "sanctionwatch.sources.ofac_advanced",
    ],
    "eu": ["sanctionwatch.sources.eu_fsf"],
    "uk": ["sanctionwatch.sources.uk"],
    "ftm": ["sanctionwatch.sources.ftm"],
}

SOURCES: tuple[str, ...] = tuple(SOURCE_MODULES)
HEAD_BYTES = 8192


def parsers(source: str) -> list[ListParser]:
    """All parsers registered for ``source``."""
    if source not in SOURCE_MODULES:
        raise InputError(f"unknown source {source!r}", hint=f"use one of: {', '.join(SOURCES)}")
    found: list[ListParser] = []
    for name in SOURCE_MODULES[source]:
        found.extend(importlib.import_module(name).PARSERS)
    return found


def parser_for(path: Path, source: str) -> ListParser:
    """Pick the parser of ``source`` whose format matches the file's first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
    if not head.strip():
        raise InputError("the file is empty", path=path, hint="check the download and try again")
    candidates = parsers(source)
    for parser in candidates:
        if parser.sniff(path, head):
            return parser
    formats = ", ".join(p.format for p in candidates)
    raise SourceMismatchError(
        f"this does not look like a {source!r} list (expected one of: {formats})",
        path=path,
        hint="check --source, or that the file is the official export",
    )
