"""Small helpers the EU, UK and FtM parsers share to build FollowTheMoney entities.

They keep the parsers free of repeated clean-up: strip blanks, drop empty
values, and keep values FtM cannot clean as :class:`Fact` rows instead of
silently losing them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from followthemoney import EntityProxy, model
from lxml import etree

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import Fact
from sanctionwatch.sources.xmlsafe import parse_xml

_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str | None:
    """Collapse whitespace; None for blank values."""
    if value is None:
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None


def make_entity(schema: str, entity_id: str) -> EntityProxy:
    """A new FtM entity of ``schema`` with a fixed id."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    return proxy


def add(proxy: EntityProxy, prop: str, values: str | None | Iterable[str | None]) -> None:
    """Add non-blank values to ``prop``; FtM cleans them (countries, dates, ...)."""
    if values is None or isinstance(values, str):
        values = [values]
    for value in values:
        text = clean_text(value)
        if text is not None:
            proxy.add(prop, text, quiet=True)


def add_or_fact(
    proxy: EntityProxy, prop: str, value: str | None, facts: list[Fact], fact_prop: str
) -> None:
    """Add ``value`` to ``prop``; if FtM cannot clean it, keep the raw text as a fact.

    Used for countries and dates written in free text ("Afghan", "approx. 1960"),
    so nothing the list says is dropped.
    """
    text = clean_text(value)
    if text is None or proxy.id is None:
        return
    before = len(proxy.get(prop))
    proxy.add(prop, text, quiet=True, fuzzy=True)
    if len(proxy.get(prop)) == before and not _already_there(proxy, prop, text):
        facts.append(Fact(proxy.id, fact_prop, text))


def _already_there(proxy: EntityProxy, prop: str, text: str) -> bool:
    prop_type = proxy.schema.properties[prop].type
    cleaned = prop_type.clean(text, fuzzy=True)
    return cleaned is not None and cleaned in proxy.get(prop)


def sanction_for(subject: EntityProxy, key: str = "") -> EntityProxy:
    """A ``Sanction`` entity linked to ``subject``; ``key`` separates several per subject."""
    suffix = f"-{key}" if key else ""
    sanction = make_entity("Sanction", f"{subject.id}-sanction{suffix}")
    sanction.add("entity", subject.id)
    return sanction


_DECLARED = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


def parse_xml_file(path: Path) -> etree._Element:
    """:func:`xmlsafe.parse_xml`, turning libxml2's bare encoding OSError into an InputError.

    libxml2 reports bytes that are invalid in the declared encoding as an
    ``OSError`` without a line; we find the line ourselves.
    """
    try:
        return parse_xml(path)
    except OSError as exc:
        if "encoding" not in str(exc):
            raise InputError(f"cannot read file: {exc}", path=path) from exc
        data = path.read_bytes()
        match = _DECLARED.search(data[:200])
        encoding = match.group(1).decode() if match else "utf-8"
        line = None
        try:
            data.decode(encoding)
        except UnicodeDecodeError as decode_error:
            line = data[: decode_error.start].count(b"\n") + 1
        except LookupError:
            pass
        raise InputError(
            f"the bytes do not match the declared encoding {encoding!r}",
            path=path,
            line=line,
            hint="re-download the official file; do not re-save it in another encoding",
        ) from exc


def line_of(element: etree._Element) -> int | None:
    """The source line of an element, when lxml knows it."""
    line = element.sourceline
    return line if isinstance(line, int) else None
