"""Placeholder while this OFAC XML parser is being written on branch lists-ofac.

It registers no parser yet, so ``--source ofac`` accepts only the SDN CSV set.
"""

from __future__ import annotations

from sanctionwatch.sources.base import ListParser

PARSERS: list[ListParser] = []
