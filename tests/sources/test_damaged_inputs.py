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
from sanctionwatch.sources.uk import (
    OfsiConListCsvParser,
    UkSanctionsListCsvParser,
    UkSanctionsListXmlParser,
)

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


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_ofsi_csv_raises_input_error_or_parses(
    shared_data: Path, data: st.DataObject
) -> None:
    # The first 60 lines of the real 2016 ConList, damaged at random.
    real = shared_data / "lists" / "uk" / "ofsi_ConList_2016-03-23.csv"
    original = b"\r\n".join(real.read_bytes().split(b"\r\n")[:60]) + b"\r\n"
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        if data.draw(st.booleans()):
            damaged[at : at + 1] = data.draw(st.sampled_from(_BYTES))
        else:
            del damaged[at : at + data.draw(st.integers(1, 300))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ConList.csv"
        path.write_bytes(bytes(damaged) or b" ")
        try:
            parsed = OfsiConListCsvParser().parse(path)
        except InputError as error:
            assert error.path == str(path)
            return
        assert parsed.entities or parsed.skipped
