"""Parse untrusted XML without DTDs, entities or network access.

Official list files never need a DTD, so any DOCTYPE is refused outright: that
closes external entities, entity expansion ("billion laughs") and DTD fetches
in one rule. The prolog is scanned before parsing (fast, exact line numbers),
and the parsed tree is checked again in case a DOCTYPE hid behind a long prolog.

lxml's own limits stay on (no ``huge_tree``): nesting deeper than 256 levels or a
text node over 10 MB is refused as unsafe.

When lxml rejects a file, the error is made specific: bytes that do not match
the declared encoding (a list re-saved by an editor or spreadsheet), control
characters XML forbids, a file that stops mid-element (truncated download), or
any other syntax error, each with the line and what to do.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sanctionwatch.errors import InputError, UnsafeInputError

__all__ = ["MAX_XML_BYTES", "iter_elements", "local", "parse_xml"]

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# XML 1.0 forbids C0 controls except tab, LF and CR.
_FORBIDDEN_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ROOT_START = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Enough for the biggest official file (OFAC sdn_advanced.xml is ~120 MB).
MAX_XML_BYTES = 1024 * 1024 * 1024
_PROLOG_BYTES = 1024 * 1024
_REFETCH = "re-download the official file and load it as published (do not re-save it)"


def _ascii_view(chunk: bytes) -> bytes:
    """Bytes in which markup can be searched, also for UTF-16/32 files."""
    for bom, codec in _BOMS:
        if chunk.startswith(bom) and codec != "utf-8":
            return chunk.decode(codec, errors="ignore").encode("utf-8")
    return chunk


def _check_prolog(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
    if size > MAX_XML_BYTES:
        raise UnsafeInputError(
            f"file is {size} bytes, over the {MAX_XML_BYTES}-byte limit for XML lists",
            path=path,
            hint="check that this is the official list file",
        )
    with path.open("rb") as fh:
        chunk = _ascii_view(fh.read(_PROLOG_BYTES))
    match = _DOCTYPE.search(chunk)
    if match:
        line = chunk[: match.start()].count(b"\n") + 1
        raise _doctype_error(path, line)


def _doctype_error(path: Path, line: int | None) -> UnsafeInputError:
    return UnsafeInputError(
        "XML with a DTD or entity declarations is refused (it can expand "
        "entities or fetch external files)",
        path=path,
        line=line,
        hint="use the official file as published; official lists carry no DOCTYPE",
    )


def _check_no_doctype(path: Path, tree: etree._ElementTree) -> None:
    # lxml reports any DOCTYPE (with or without an internal subset) as internalDTD.
    if tree.docinfo.internalDTD is not None:
        raise _doctype_error(path, None)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _encoding_problem(path: Path, data: bytes) -> InputError | None:
    """Explain bytes that do not fit the declared encoding, or XML-forbidden controls."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            declared = codec
            break
    else:
        found = _DECLARED.search(data[:1024])
        declared = found.group(1).decode("ascii").lower() if found else "utf-8"
    try:
        codecs.lookup(declared)
    except LookupError:
        return InputError(
            f"the file declares an encoding Python does not know: {declared!r}",
            path=path,
            line=1,
            hint=_REFETCH,
        )
    problems: list[tuple[int, str]] = []
    try:
        data.decode(declared)
    except UnicodeDecodeError as exc:
        problems.append(
            (exc.start, f"byte 0x{data[exc.start]:02X}, which is not valid {declared.upper()}")
        )
    control = _FORBIDDEN_CONTROL.search(data)
    if control and declared.replace("-", "") in {"utf8", "ascii", "iso88591", "latin1"}:
        problems.append(
            (
                control.start(),
                f"control character U+{data[control.start()]:04X}, which XML does not allow",
            )
        )
    if not problems:
        return None
    problems.sort()
    first_line, _ = _line_col(data, problems[0][0])
    details = []
    for offset, text in problems:
        line, column = _line_col(data, offset)
        where = f"column {column}" if line == first_line else f"line {line}, column {column}"
        details.append(f"{where} has {text}")
    guess = ""
    if declared in {"utf-8", "utf8"} and re.search(rb"[\x80-\xff]", data):
        try:
            data.decode("cp1252")
            guess = " (they look like Windows-1252/Latin-1 text)"
        except UnicodeDecodeError:
            guess = ""
    return InputError(
        f"the bytes do not match the declared encoding {declared.upper()}{guess}: "
        + "; ".join(details),
        path=path,
        line=first_line,
        hint="the file was re-encoded or damaged after download; " + _REFETCH,
    )


def _ends_with_root_close(data: bytes) -> bool:
    """True if the last markup closes the root element (a complete document)."""
    found = _ROOT_START.search(data)
    if found is None:
        return False
    tail = data.rstrip()[-1024:]
    closing = rb"</" + re.escape(found.group(1)) + rb"\s*>\Z"
    return re.search(closing, tail) is not None or tail.endswith(b"/>")


def _syntax_error(path: Path, exc: etree.XMLSyntaxError | OSError) -> InputError:
    if isinstance(exc, etree.XMLSyntaxError):
        message = str(exc.msg) if exc.msg else str(exc)
        line = exc.lineno if exc.lineno else None
    else:
        # lxml raises OSError for some encoding failures it meets while reading.
        message, line = str(exc), None
    try:
        data = path.read_bytes()
    except OSError as read_error:
        return InputError(f"cannot read file: {read_error.strerror}", path=path)
    encoding = _encoding_problem(path, data)
    if encoding is not None:
        return encoding
    if not data.strip():
        return InputError("the file is empty", path=path, hint="check the download and try again")
    if "XML_PARSE_HUGE" in message or "limit exceeded" in message.lower():
        return UnsafeInputError(
            f"the XML goes beyond safe parser limits (nesting or text size): {message}",
            path=path,
            line=line,
            hint="official lists stay far below these limits; check that this is the official file",
        )
    last_line = data.rstrip().count(b"\n") + 1
    if (line is None or line >= last_line) and not _ends_with_root_close(data):
        return InputError(
            f"malformed XML, the file ends before it is complete (truncated download?): {message}",
            path=path,
            line=line or last_line,
            hint="the file looks truncated; " + _REFETCH,
        )
    return InputError(
        f"malformed XML: {message}",
        path=path,
        line=line,
        hint="the file is not well-formed XML; " + _REFETCH,
    )


def parse_xml(path: Path) -> etree._Element:
    """Parse a whole XML file and return its root element.

    Raises :class:`UnsafeInputError` for a DTD or entity declaration and
    :class:`InputError` (file, line, fix) for anything else lxml rejects.
    """
    _check_prolog(path)
    try:
        tree = etree.parse(str(path), _parser())
    except (etree.XMLSyntaxError, OSError) as exc:
        raise _syntax_error(path, exc) from exc
    _check_no_doctype(path, tree)
    return tree.getroot()


def iter_elements(path: Path, tags: set[str]) -> Iterator[etree._Element]:
    """Stream elements whose local name is in ``tags``, freeing each after use.

    For large files; the caller must finish with an element before advancing.
    """
    _check_prolog(path)
    context = etree.iterparse(
        str(path),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    checked = False
    try:
        for _event, element in context:
            if not checked:
                _check_no_doctype(path, element.getroottree())
                checked = True
            if etree.QName(element).localname in tags:
                yield element
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except (etree.XMLSyntaxError, OSError) as exc:
        raise _syntax_error(path, exc) from exc


def local(tag: str | bytes | etree._Element) -> str:
    """Tag name without its namespace."""
    return etree.QName(tag).localname
