"""Name screening: find the listed party behind any spelling, and explain why.

>>> from sanctionwatch.screening import Screener, Query
>>> screener = Screener.from_entities(entities)              # doctest: +SKIP
>>> [m.reference for m in screener.screen(Query(name="최선희"))]  # doctest: +SKIP
['KPi.067']
"""

from sanctionwatch.screening.screener import Screener
from sanctionwatch.screening.types import DEFAULT_THRESHOLD, Match, Query

__all__ = ["DEFAULT_THRESHOLD", "Match", "Query", "Screener"]
