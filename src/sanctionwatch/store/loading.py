"""Parse list files into prepared releases, before anything is written."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sanctionwatch.errors import InputError, SourceMismatchError, UnsafeInputError
from sanctionwatch.sources.registry import SOURCES, parser_for
from sanctionwatch.store.store import PreparedRelease

_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _refuse_dtd(path: Path) -> None:
    """A DTD makes a file unrecognisable to the sniffers; say so instead of "wrong source"."""
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    match = _DTD.search(head.replace(b"\x00", b""))
    if match:
        line = head[: match.start()].count(b"\n") + 1
        raise UnsafeInputError(
            "XML with a DTD or entity declarations is refused (it can expand entities "
            "or fetch external files)",
            path=path,
            line=line,
            hint="use the official file as published; official lists carry no DOCTYPE",
        )


def _note(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def prepare_files(
    paths: Sequence[Path], source: str, progress: bool = False
) -> list[PreparedRelease]:
    """Parse each file (a file set counts once) into a :class:`PreparedRelease`.

    Files that a parser of the set reads as companions (named in its
    ``ParsedList.inputs``) are not parsed on their own. Raises the first
    :class:`InputError`; nothing has been written at that point.
    """
    if source not in SOURCES:
        raise InputError(f"unknown source {source!r}", hint=f"use one of: {', '.join(SOURCES)}")
    if not paths:
        raise InputError("no files given", hint="name at least one list file")
    resolved = [Path(p).resolve() for p in paths]
    for path in resolved:
        if not path.is_file():
            raise InputError("no such file", path=path, hint="check the path")
    consumed: set[Path] = set()
    deferred: list[tuple[Path, SourceMismatchError]] = []
    prepared: list[PreparedRelease] = []
    for index, path in enumerate(resolved, 1):
        if path in consumed:
            continue
        try:
            parser = parser_for(path, source)
        except SourceMismatchError as exc:
            _refuse_dtd(path)
            # Maybe a companion of a file set named later (e.g. add.csv before sdn.csv).
            deferred.append((path, exc))
            continue
        started = time.perf_counter()
        if progress:
            _note(f"[{index}/{len(resolved)}] parsing {path.name} ({parser.format}) ...")
        parsed = parser.parse(path)
        if parsed.source != source:
            raise SourceMismatchError(
                f"this file is a release of {parsed.source!r}, not {source!r}",
                path=path,
                hint=f"load it with --source {parsed.source}",
            )
        consumed.update(Path(p).resolve() for p in parsed.inputs)
        prepared.append(PreparedRelease.from_parsed(parsed))
        if progress:
            _note(
                f"[{index}/{len(resolved)}] {path.name}: {prepared[-1].entities} entities, "
                f"{len(prepared[-1].statements)} statements in {time.perf_counter() - started:.1f}s"
            )
    for path, mismatch in deferred:
        if path not in consumed:
            raise mismatch
    return prepared
