"""``lists update``: download the official files with conditional GET, verify, load.

A download that fails (unreachable, HTTP error, a body that does not parse)
raises :class:`DownloadError` before anything is written, so the last good
release keeps serving. ETag and Last-Modified are kept per URL in the store and
only updated together with a successful load.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

from sanctionwatch.errors import DownloadError, InputError
from sanctionwatch.sources.feeds import FeedFile, env_var, feed
from sanctionwatch.store.loading import prepare_files
from sanctionwatch.store.records import Release
from sanctionwatch.store.schema import downloads
from sanctionwatch.store.store import Store

TIMEOUT = httpx.Timeout(60.0, connect=15.0)
USER_AGENT = "sanctionwatch (+https://github.com/sanctionwatch)"


@dataclass(frozen=True)
class UpdateResult:
    """Outcome for one source: ``loaded``, ``already-loaded`` or ``not-modified``."""

    source: str
    status: str
    release: Release | None

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "release": self.release.to_dict() if self.release else None,
        }


@dataclass
class _Fetched:
    file: FeedFile
    status: int
    etag: str | None = None
    last_modified: str | None = None


def _validators(store: Store, source: str) -> dict[str, tuple[str | None, str | None]]:
    c = downloads.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(c.url, c.etag, c.last_modified).where(c.source == source)
        ).all()
    return {row[0]: (row[1], row[2]) for row in rows}


def _keeps_serving(store: Store, source: str) -> str:
    latest = store.latest(source)
    serving = f"the last good release {latest.id} keeps serving" if latest else "nothing changed"
    return f"{serving}; check the network or the URL ({env_var(source)} or --url)"


def _get(
    client: httpx.Client, file: FeedFile, target: Path, headers: dict[str, str], hint: str
) -> _Fetched:
    try:
        with client.stream("GET", file.url, headers=headers) as response:
            if response.status_code == 304:
                return _Fetched(file, 304)
            if response.status_code != 200:
                raise DownloadError(
                    f"{file.url} answered HTTP {response.status_code} {response.reason_phrase}",
                    hint=hint,
                )
            with target.open("wb") as fh:
                for block in response.iter_bytes(1 << 20):
                    fh.write(block)
            return _Fetched(
                file,
                200,
                response.headers.get("etag"),
                response.headers.get("last-modified"),
            )
    except httpx.HTTPError as exc:
        raise DownloadError(f"cannot download {file.url}: {exc}", hint=hint) from exc


def update_source(
    store: Store, source: str, urls: Sequence[str] | None = None, progress: bool = False
) -> UpdateResult:
    """Fetch, verify and load the latest release of ``source``."""
    files = feed(source, urls)
    hint = _keeps_serving(store, source)
    known = _validators(store, source)
    with (
        tempfile.TemporaryDirectory(prefix=f"sw-{source}-") as tmp,
        httpx.Client(
            timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as client,
    ):
        folder = Path(tmp)
        fetched: list[_Fetched] = []
        for file in files:
            headers: dict[str, str] = {}
            etag, modified = known.get(file.url, (None, None))
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            fetched.append(_get(client, file, folder / file.name, headers, hint))
        if all(f.status == 304 for f in fetched):
            return UpdateResult(source, "not-modified", store.latest(source))
        # Part of a file set changed: the unchanged files are needed too.
        for index, item in enumerate(fetched):
            if item.status == 304:
                fetched[index] = _get(client, item.file, folder / item.file.name, {}, hint)
        paths = [folder / f.file.name for f in fetched]
        try:
            prepared = prepare_files(paths, source, progress=progress)
        except InputError as exc:
            # Name the URL, not the temporary file the body was saved to.
            detail = exc.message.replace(f"{folder}/", "")
            raise DownloadError(
                f"the download of {source!r} from {files[0].url} is not a valid list: {detail}",
                hint=f"{exc.hint}; {hint}" if exc.hint else hint,
            ) from exc
        by_name = {f.name: f.url for f in files}
        prepared = [
            replace(p, inputs=tuple(by_name.get(Path(i).name, i) for i in p.inputs))
            for p in prepared
        ]

        def remember(conn: sa.Connection) -> None:
            now = datetime.now(UTC).replace(tzinfo=None)
            for item in fetched:
                conn.execute(
                    sa.delete(downloads).where(
                        downloads.c.source == source, downloads.c.url == item.file.url
                    )
                )
                conn.execute(
                    sa.insert(downloads).values(
                        source=source,
                        url=item.file.url,
                        etag=item.etag,
                        last_modified=item.last_modified,
                        checked_at=now,
                    )
                )

        results = store.load_prepared(prepared, after=remember)
    if not results:
        raise DownloadError(f"the download of {source!r} held no list file", hint=hint)
    result = results[-1]
    return UpdateResult(source, "loaded" if result.created else "already-loaded", result.release)
