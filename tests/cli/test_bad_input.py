"""Bad files: a clear error naming the file, line and fix, and the store exactly as before."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctionwatch.cli.main import main
from sanctionwatch.store import Store

GOOD = "un_consolidated_2025-11-29.xml"

pytestmark = pytest.mark.slow


def _truncated(shared: Path, tmp: Path) -> Path:
    data = (shared / "lists" / "un" / "un_consolidated_2025-12-10.xml").read_bytes()
    path = tmp / "truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    return path


def _malformed(shared: Path, tmp: Path) -> Path:
    text = (shared / "lists" / "un" / "un_consolidated_2025-12-10.xml").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    lines[40] = "<INDIVIDUAL><oops></INDIVIDUAL>\n"
    path = tmp / "malformed.xml"
    path.write_text("".join(lines), "utf-8")
    return path


def _ofsi_lines(shared: Path) -> list[bytes]:
    return (shared / "lists" / "uk" / "ofsi_ConList_2016-03-23.csv").read_bytes().split(b"\r\n")


def _truncated_csv(shared: Path, tmp: Path) -> Path:
    # Cut inside a quoted field: the CSV reader hits the end of data.
    data = b"\r\n".join(_ofsi_lines(shared))
    cut = data.index(b'"', len(data) // 2) + 5
    path = tmp / "truncated.csv"
    path.write_bytes(data[:cut])
    return path


def _malformed_csv(shared: Path, tmp: Path) -> Path:
    lines = _ofsi_lines(shared)
    path = tmp / "malformed.csv"
    path.write_bytes(b"\r\n".join([*lines[:10], b'"unterminated,quote', *lines[10:20]]))
    return path


def _empty(shared: Path, tmp: Path) -> Path:
    path = tmp / "empty.xml"
    path.write_bytes(b"")
    return path


def _bad_encoding(shared: Path, tmp: Path) -> Path:
    return shared / "lists" / "un" / "un_consolidated_2025-08-16_BAD-ENCODING.xml"


def _xml(body: str) -> Callable[[Path, Path], Path]:
    def make(shared: Path, tmp: Path) -> Path:
        path = tmp / "evil.xml"
        path.write_text(body, "utf-8")
        return path

    return make


DTD = '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ELEMENT a ANY>]>\n<CONSOLIDATED_LIST dateGenerated="2025-12-11T00:00:00Z"/>\n'
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CONSOLIDATED_LIST dateGenerated="2025-12-11T00:00:00Z">&x;</CONSOLIDATED_LIST>\n'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<CONSOLIDATED_LIST dateGenerated="2025-12-11T00:00:00Z">&lol9;</CONSOLIDATED_LIST>\n'
)

CASES: dict[str, tuple[Callable[[Path, Path], Path], str, list[str]]] = {
    # name: (file maker, --source, words the message must contain)
    "truncated-xml": (_truncated, "un", ["truncated.xml", "line", "re-download"]),
    "malformed-xml": (_malformed, "un", ["malformed.xml", "line", "what to do"]),
    "truncated-csv": (_truncated_csv, "uk", ["truncated.csv", "line", "re-download"]),
    "malformed-csv": (_malformed_csv, "uk", ["malformed.csv", "line 11", "what to do"]),
    "empty-file": (_empty, "un", ["empty.xml", "empty", "what to do"]),
    "bad-encoding": (_bad_encoding, "un", ["BAD-ENCODING.xml", "line 53", "encoding"]),
    "dtd": (_xml(DTD), "un", ["evil.xml", "line 2", "DTD"]),
    "external-entity": (_xml(EXTERNAL), "un", ["evil.xml", "line 2", "what to do"]),
    "billion-laughs": (_xml(LAUGHS), "un", ["evil.xml", "line 2", "what to do"]),
    "wrong-source": (
        lambda shared, tmp: shared / "lists" / "un" / GOOD,
        "uk",
        ["un_consolidated_2025-11-29.xml", "--source", "what to do"],
    ),
}


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def loaded_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bad") / "good.db"
    result = CliRunner().invoke(
        main,
        [
            "--db",
            str(db),
            "lists",
            "load",
            str(shared_data / "lists" / "un" / GOOD),
            "--source",
            "un",
        ],
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_refused_and_store_unchanged(
    case: str, loaded_db: Path, shared_data: Path, tmp_path: Path
) -> None:
    make, source, words = CASES[case]
    bad = make(shared_data, tmp_path)
    before_dump = Store.open(str(loaded_db)).dump()
    before_bytes = _file_digest(loaded_db)

    # A good file named alongside the bad one is not loaded either.
    good = shared_data / "lists" / "un" / "un_consolidated_2025-12-10.xml"
    files = [str(good), str(bad)] if case in ("truncated-xml", "dtd") else [str(bad)]
    args = ["--db", str(loaded_db), "lists", "load", *files, "--source", source]
    result = CliRunner().invoke(main, args)

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output
    assert _file_digest(loaded_db) == before_bytes
    assert Store.open(str(loaded_db)).dump() == before_dump
