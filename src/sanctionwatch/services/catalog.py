"""Datasets: named scopes over the loaded lists, as yente's ``/catalog`` has them.

``default`` covers every list; each source is a dataset (``un``, ``ofac``, ...);
a regime dataset (``un_dprk``, ``dprk``) narrows a source to the programs of one
sanctions regime. Programs are matched by pattern because each list spells
them its own way (UN ``DPRK``, OFAC ``DPRK2``/``DPRK-NKSPEA``, EU ``PRK``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sanctionwatch.errors import NotFoundError
from sanctionwatch.model.entity import ListedEntity

SOURCE_TITLES: dict[str, str] = {
    "un": "UN Security Council consolidated list",
    "ofac": "US OFAC sanctions lists (SDN and non-SDN)",
    "eu": "EU financial sanctions file",
    "uk": "UK sanctions list",
    "ftm": "FollowTheMoney data (e.g. OpenSanctions exports)",
}


@dataclass(frozen=True)
class Regime:
    """A sanctions regime recognised across lists by its program names."""

    key: str
    title: str
    pattern: re.Pattern[str]


REGIMES: tuple[Regime, ...] = (
    Regime(
        "dprk",
        "North Korea (UNSCR 1718 and successors, national DPRK programs)",
        re.compile(r"\b(DPRK\w*|PRK|KP|NK\w*|UN-SC1718|1718|NORTH\s+KOREA)\b", re.IGNORECASE),
    ),
)


@dataclass(frozen=True)
class Dataset:
    """One entry of the catalog and the scope it stands for."""

    name: str
    title: str
    sources: tuple[str, ...] | None  # None: every source
    programs: tuple[str, ...] | None  # None: every program
    entity_count: int = 0
    children: tuple[str, ...] = ()

    def contains(self, entity: ListedEntity) -> bool:
        """True if ``entity`` is in this dataset's scope."""
        if self.sources is not None and entity.source not in self.sources:
            return False
        if self.programs is None:
            return True
        return any(p in self.programs for p in entity.programs)


@dataclass
class Catalog:
    """All datasets of one store state, with their entity counts."""

    datasets: dict[str, Dataset] = field(default_factory=dict)

    def get(self, name: str) -> Dataset:
        """The dataset called ``name``; yente answers 404 "No such dataset." otherwise."""
        try:
            return self.datasets[name]
        except KeyError:
            raise NotFoundError(
                "No such dataset.",
                hint=f"use one of: {', '.join(self.datasets)} (GET /catalog lists them)",
            ) from None

    def names_for(self, entity: ListedEntity) -> list[str]:
        """The dataset names an entity belongs to, most specific last, ``default`` excluded."""
        return [
            ds.name for ds in self.datasets.values() if ds.name != "default" and ds.contains(entity)
        ]

    def to_list(self) -> list[Dataset]:
        return list(self.datasets.values())


def build_catalog(entities: Iterable[ListedEntity], sources: Iterable[str]) -> Catalog:
    """Build the catalog from the loaded entities: sources, then regime datasets that have entries."""
    entities = list(entities)
    programs_by_source: dict[str, set[str]] = {}
    for entity in entities:
        programs_by_source.setdefault(entity.source, set()).update(entity.programs)
    all_sources = sorted(set(sources) | set(programs_by_source))
    catalog = Catalog()
    catalog.datasets["default"] = Dataset(
        "default",
        "All loaded sanctions lists",
        None,
        None,
        entity_count=len(entities),
        children=tuple(all_sources),
    )
    for source in all_sources:
        count = sum(1 for e in entities if e.source == source)
        catalog.datasets[source] = Dataset(
            source, SOURCE_TITLES.get(source, source), (source,), None, entity_count=count
        )
    for regime in REGIMES:
        regime_programs: set[str] = set()
        children: list[str] = []
        for source in all_sources:
            programs = sorted(
                p for p in programs_by_source.get(source, ()) if regime.pattern.search(p)
            )
            if not programs:
                continue
            regime_programs.update(programs)
            ds = Dataset(
                f"{source}_{regime.key}",
                f"{SOURCE_TITLES.get(source, source)}: {regime.title}",
                (source,),
                tuple(programs),
            )
            catalog.datasets[ds.name] = _counted(ds, entities)
            children.append(ds.name)
        if regime_programs:
            ds = Dataset(
                regime.key,
                f"{regime.title}: every list",
                None,
                tuple(sorted(regime_programs)),
                children=tuple(children),
            )
            catalog.datasets[ds.name] = _counted(ds, entities)
    return catalog


def _counted(ds: Dataset, entities: list[ListedEntity]) -> Dataset:
    count = sum(1 for e in entities if ds.contains(e))
    return Dataset(ds.name, ds.title, ds.sources, ds.programs, count, ds.children)
