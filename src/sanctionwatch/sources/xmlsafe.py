"""Parse untrusted XML without DTDs, entities or network access.

Official list files never need a DTD, so any DOCTYPE is refused outright: that
closes external entities, entity expansion ("billion laughs") and DTD fetches
in one rule. Bytes that do not match the declared encoding are reported with
the line where decoding failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sanctionwatch.errors import InputError, UnsafeInputError

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# Enough for the biggest official file (OFAC sdn_advanced.xml is ~120 MB).
MAX_XML_BYTES = 1024 * 1024 * 1024


def _check_prolog(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_XML_BYTES:
        raise UnsafeInputError(
            f"file is {size} bytes, over the {MAX_XML_BYTES}-byte limit for XML lists",
            path=path,
            hint="check that this is the official list file",
        )
    with path.open("rb") as fh:
        chunk = fh.read(1024 * 1024)
    match = _DOCTYPE.search(chunk)
    if match:
        line = chunk[: match.start()].count(b"\n") + 1
        raise UnsafeInputError(
            "XML with a DTD or entity declarations is refused (it can expand "
            "entities or fetch external files)",
            path=path,
            line=line,
            hint="use the official file as published; official lists carry no DOCTYPE",
        )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> InputError:
    message = str(exc.msg) if exc.msg else str(exc)
    line = exc.lineno if exc.lineno else None
    if "encoding" in message.lower() or "utf-8" in message.lower():
        hint = "the bytes do not match the declared encoding; re-download the official file"
    elif "premature end" in message.lower() or "end of data" in message.lower():
        hint = "the file looks truncated; re-download it"
    else:
        hint = "the file is not well-formed XML; re-download the official file"
    return InputError(f"malformed XML: {message}", path=path, line=line, hint=hint)


def parse_xml(path: Path) -> etree._Element:
    """Parse a whole XML file and return its root element."""
    _check_prolog(path)
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
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
    try:
        for _event, element in context:
            if etree.QName(element).localname in tags:
                yield element
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from exc


def local(tag: str | bytes | etree._Element) -> str:
    """Tag name without its namespace."""
    return etree.QName(tag).localname
