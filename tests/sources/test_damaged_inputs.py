"""Randomly damaged EU, UK and FtM files fail only with InputError, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sanctionwatch.errors import InputError
from sanctionwatch.sources.base import ListParser
from sanctionwatch.sources.eu_fsf import EuFsfParser
from sanctionwatch.sources.ftm import FtmParser
from sanctionwatch.sources.uk import UkSanctionsListCsvParser, UkSanctionsListXmlParser

FIXTURES = Path(__file__).parent / "fixtures"
CASES: list[tuple[ListParser, Path]] = [
    (EuFsfParser(), FIXTURES / "eu_fsf_sample.xml"),
    (UkSanctionsListCsvParser(), FIXTURES / "uk_sanctions_list_sample.csv"),
    (UkSanctionsListXmlParser(), FIXTURES / "uk_sanctions_list_sample.xml"),
    (FtmParser(), FIXTURES / "opensanctions_dprk_sample.ftm.jsonl"),
]
_BYTES = [b"<", b">", b'"', b",", b"\n", b"{", b"}", b"\x81", b"\xc3", b"", b"0", b"/", b"'"]


@st.composite
def damage(draw: st.DrawFn) -> tuple[int, bytes]:
    case = draw(st.integers(0, len(CASES) - 1))
    data = bytearray(CASES[case][1].read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["replace", "delete", "truncate"]))
        if kind == "replace":
            data[at : at + 1] = draw(st.sampled_from(_BYTES))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            del data[at:]
        if not data:
            data = bytearray(b" ")
    return case, bytes(data)


@settings(max_examples=150, deadline=None)
@given(damage())
@example((1, b"Report Date"))  # found by this test: a date line without its colon
def test_damaged_files_raise_input_error_or_parse(case_and_data: tuple[int, bytes]) -> None:
    case, data = case_and_data
    parser, original = CASES[case]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / original.name
        path.write_bytes(data)
        try:
            parsed = parser.parse(path)
        except InputError as error:
            assert error.path == str(path)
            return
        assert parsed.entities or parsed.skipped
