"""Official download URLs of each list, in one place.

Each source is one file or a file set (OFAC's CSV quartet is read together).
Override a source's URLs with ``SANCTIONWATCH_URL_<SOURCE>`` (comma-separated,
in the order of the files below) or ``lists update --url``; tests point them at
a loopback server.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from sanctionwatch.errors import ConfigError


@dataclass(frozen=True)
class FeedFile:
    """One file of a source's download: the local name the parser expects, and its URL."""

    name: str
    url: str


OFAC_EXPORTS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"

FEEDS: dict[str, tuple[FeedFile, ...]] = {
    "un": (
        FeedFile(
            "un_consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
        ),
    ),
    "ofac": (
        FeedFile("sdn.csv", f"{OFAC_EXPORTS}/SDN.CSV"),
        FeedFile("add.csv", f"{OFAC_EXPORTS}/ADD.CSV"),
        FeedFile("alt.csv", f"{OFAC_EXPORTS}/ALT.CSV"),
        FeedFile("sdn_comments.csv", f"{OFAC_EXPORTS}/SDN_COMMENTS.CSV"),
    ),
    "eu": (
        FeedFile(
            "eu_fsf.xml",
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
            "content?token=dG9rZW4tMjAxNw",
        ),
    ),
    "uk": (
        # The FCDO UK Sanctions List (OFSI's ConList closed in January 2026).
        FeedFile(
            "UK-Sanctions-List.xml", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
        ),
    ),
    "ftm": (
        FeedFile(
            "un_sc_sanctions.ftm.json",
            "https://data.opensanctions.org/datasets/latest/un_sc_sanctions/entities.ftm.json",
        ),
    ),
}


def env_var(source: str) -> str:
    return f"SANCTIONWATCH_URL_{source.upper()}"


def feed(source: str, urls: Sequence[str] | None = None) -> tuple[FeedFile, ...]:
    """The files of ``source`` with any override applied (option, then environment)."""
    if source not in FEEDS:
        raise ConfigError(
            f"no download URL is known for source {source!r}",
            hint=f"use one of: {', '.join(FEEDS)}",
        )
    files = FEEDS[source]
    if not urls:
        raw = os.environ.get(env_var(source), "")
        urls = [u.strip() for u in raw.split(",") if u.strip()]
    if not urls:
        return files
    if len(urls) != len(files):
        names = ", ".join(f.name for f in files)
        raise ConfigError(
            f"{len(urls)} URL(s) given for {source!r}, which downloads {len(files)} file(s)",
            hint=f"give one URL per file, in this order: {names} "
            f"(--url or {env_var(source)}, comma-separated)",
        )
    return tuple(FeedFile(f.name, url) for f, url in zip(files, urls, strict=True))
