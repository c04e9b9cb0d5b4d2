"""The contract every list parser follows.

A parser turns one official file (or file set) into a :class:`ParsedList`:
FollowTheMoney entities (Person, Organization, LegalEntity, Vessel, Aircraft,
and a ``Sanction`` entity per designation linked by its ``entity`` property),
plus :class:`Fact` rows for what FtM has no property for (for example a UN
date-of-birth range). The store turns both into statements.

Conventions every parser keeps:
- Entity ids are stable per source and built from the list's own key:
  ``un-KPi.033``, ``ofac-12345``, ``eu-<logicalId>``, ``uk-<unique id>``.
  Vessels found inside another entry get ``<source>-imo-<IMO>``.
- The list's own reference number goes on the Sanction entity: ``unscId`` for
  UN numbers (also on EU/UK entries that carry one, which is the cross-list
  link), ``authorityId`` for the issuing authority's own number.
- ``published`` is read from the file itself (UN ``dateGenerated``, OFAC
  ``Publish_Date``, ...), never from the clock; file-name dates are a last resort.
- A record that cannot be parsed is skipped and reported in ``skipped`` with its
  reference and line; a file that cannot be parsed at all raises
  :class:`sanctionwatch.errors.InputError` naming the file, line and fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from followthemoney import EntityProxy

from sanctionwatch.model.entity import Fact

__all__ = ["Fact", "ListParser", "ParsedList", "SkippedRecord"]


@dataclass(frozen=True)
class SkippedRecord:
    """A record left out of a release, with the reason shown to the user."""

    reference: str
    reason: str
    line: int | None = None


@dataclass
class ParsedList:
    """Everything one release of a list says."""

    source: str
    format: str
    published: datetime
    inputs: list[Path]
    entities: list[EntityProxy] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)


class ListParser(Protocol):
    """One module per file format implements this (see ``registry``)."""

    source: str
    format: str

    def sniff(self, path: Path, head: bytes) -> bool:
        """Return True if the first bytes of ``path`` look like this format."""
        ...

    def parse(self, path: Path) -> ParsedList:
        """Parse the file (and any companion files it names in ``inputs``)."""
        ...
