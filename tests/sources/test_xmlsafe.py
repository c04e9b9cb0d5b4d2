"""Safe XML parsing: hostile and damaged files each give an InputError with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.errors import InputError, UnsafeInputError
from sanctionwatch.sources.xmlsafe import iter_elements, parse_xml

BAD_ENCODING = "lists/un/un_consolidated_2025-08-16_BAD-ENCODING.xml"

EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE CONSOLIDATED_LIST [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>
"""


def _write(tmp_path: Path, data: bytes, name: str = "list.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_parses_a_plain_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b'<?xml version="1.0"?>\n<root a="1"><x>1</x><x>2</x></root>\n')
    root = parse_xml(path)
    assert root.tag == "root"
    assert [x.text for x in root] == ["1", "2"]


@pytest.mark.parametrize(
    ("data", "line"),
    [(EXTERNAL_ENTITY, 2), (BILLION_LAUGHS, 2), (b"<!DOCTYPE x>\n<x/>", 1)],
    ids=["external-entity", "billion-laughs", "bare-doctype"],
)
def test_dtds_are_refused_before_parsing(tmp_path: Path, data: bytes, line: int) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(UnsafeInputError) as info:
        parse_xml(path)
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert "DTD" in str(error)
    assert error.hint and "official" in error.hint


def test_streaming_refuses_dtds_too(tmp_path: Path) -> None:
    path = _write(tmp_path, EXTERNAL_ENTITY)
    with pytest.raises(UnsafeInputError):
        list(iter_elements(path, {"INDIVIDUAL"}))


def test_doctype_behind_a_long_prolog_is_still_refused(tmp_path: Path) -> None:
    # The prefix scan reads 1 MiB; a DOCTYPE after a longer comment is caught after parsing.
    filler = b"<!--" + b"x" * (1024 * 1024 + 10) + b"-->\n"
    path = _write(tmp_path, b'<?xml version="1.0"?>\n' + filler + b"<!DOCTYPE x>\n<x/>\n")
    with pytest.raises(UnsafeInputError):
        parse_xml(path)
    with pytest.raises(UnsafeInputError):
        list(iter_elements(path, {"x"}))


def test_utf16_doctype_is_refused(tmp_path: Path) -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x>&a;</x>\n'
    path = _write(tmp_path, text.encode("utf-16"))
    with pytest.raises(UnsafeInputError) as info:
        parse_xml(path)
    assert info.value.line == 2


def test_real_file_with_bytes_not_matching_its_encoding(shared_data: Path) -> None:
    # The copy declares UTF-8 but was re-encoded: U+2019 became 0x19, é became 0xE9.
    path = shared_data / BAD_ENCODING
    with pytest.raises(InputError) as info:
        parse_xml(path)
    error = info.value
    message = str(error)
    assert error.path == str(path)
    assert error.line == 53
    assert "declared encoding UTF-8" in message
    assert "U+0019" in message
    assert "line 54, column 4 has byte 0xE9" in message
    assert error.hint and "re-download" in error.hint


def test_latin1_bytes_in_a_utf8_file(tmp_path: Path) -> None:
    data = '<?xml version="1.0" encoding="UTF-8"?>\n<x>\n<y>Armés</y>\n</x>\n'.encode("latin-1")
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as info:
        parse_xml(path)
    assert info.value.line == 3
    assert "byte 0xE9, which is not valid UTF-8" in str(info.value)
    assert "Windows-1252" in str(info.value)


def test_unknown_declared_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path, b'<?xml version="1.0" encoding="klingon-8"?>\n<x/>\n')
    with pytest.raises(InputError) as info:
        parse_xml(path)
    assert "klingon-8" in str(info.value)


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.999])
def test_truncated_file(tmp_path: Path, shared_data: Path, fraction: float) -> None:
    full = (shared_data / "lists/un/un_consolidated_2020-11-24.xml").read_bytes()
    cut = full[: int(len(full) * fraction)]
    path = _write(tmp_path, cut)
    with pytest.raises(InputError) as info:
        parse_xml(path)
    error = info.value
    assert "truncated" in str(error)
    # The error points at the last line of what is there.
    assert error.line == cut.rstrip().count(b"\n") + 1


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, b"<?xml version='1.0'?>\n<x>\n<y>a</z>\n<w/>\n</x>\n")
    with pytest.raises(InputError) as info:
        parse_xml(path)
    error = info.value
    assert error.line == 3
    assert "malformed XML" in str(error)
    assert "truncated" not in str(error)


def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"")
    with pytest.raises(InputError, match="empty"):
        parse_xml(path)


def test_iter_elements_streams_and_frees(tmp_path: Path) -> None:
    body = b"".join(b"<r><n>%d</n></r>" % i for i in range(50))
    path = _write(tmp_path, b"<root>" + body + b"</root>")
    seen = [element.findtext("n") for element in iter_elements(path, {"r"})]
    assert seen == [str(i) for i in range(50)]


def test_iter_elements_reports_truncation(tmp_path: Path) -> None:
    path = _write(tmp_path, b"<root><r><n>1</n></r><r><n>2</n>")
    with pytest.raises(InputError, match="truncated"):
        list(iter_elements(path, {"r"}))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        parse_xml(tmp_path / "nope.xml")


@pytest.mark.parametrize(
    "data",
    [b"<a>" * 5000 + b"</a>" * 5000, b'<a b="' + b"x" * (11 * 1024 * 1024) + b'"/>'],
    ids=["deep-nesting", "huge-text-node"],
)
def test_parser_limits_are_kept(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(UnsafeInputError, match="safe parser limits") as info:
        parse_xml(path)
    assert info.value.line == 1
