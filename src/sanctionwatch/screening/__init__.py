"""Name screening: find the listed party behind any spelling, and explain why.

>>> from sanctionwatch.screening import Screener, Query
>>> screener = Screener.from_entities(entities)              # doctest: +SKIP
>>> [m.reference for m in screener.screen(Query(name="최선희"))]  # doctest: +SKIP
['KPi.067']
"""

import warnings
from pathlib import Path

from sanctionwatch.screening import features, korean
from sanctionwatch.screening.screener import Screener
from sanctionwatch.screening.types import DEFAULT_THRESHOLD, Match, Query

__all__ = ["DEFAULT_THRESHOLD", "Match", "Query", "Screener", "compiled"]


def compiled() -> bool:
    """Whether the name comparison runs as mypyc's build (``make setup``) rather than source."""
    return Path(features.__file__ or "").suffix != ".py"


def _warn_if_stale() -> None:
    # mypyc's build shadows the sources: an edit has no effect until it is rebuilt.
    for module in (features, korean):
        built = Path(module.__file__ or "")
        source = built.with_name(built.name.split(".", 1)[0] + ".py")
        stale = (
            built.suffix != ".py"
            and source.exists()
            and source.stat().st_mtime > built.stat().st_mtime
        )
        if stale:
            warnings.warn(
                f"{built} was built before {source.name} last changed: run `make setup` "
                "to rebuild it, or delete it to run the source",
                RuntimeWarning,
                stacklevel=2,
            )


_warn_if_stale()
