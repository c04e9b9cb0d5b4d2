"""Batch screening jobs: upload a CSV, follow progress, download JSONL or CSV.

A job lives in its own directory (``input.csv``, ``results.jsonl``,
``status.json``), so any server process can report on a job another process
runs (uvicorn with several workers). Jobs run one at a time on a background
thread per process; rows stream from disk to disk, so memory stays flat.

The CSV has a header with ``name`` (required) and any of ``id, schema,
birth_date, nationality, country, passport, imo, mmsi``; other columns are
ignored. Each input row gives one JSON line ``{"id", "row", "results"}`` in
input order, or ``{"id", "row", "error"}`` for a row that cannot be screened.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import queue
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctionwatch.errors import InputError, NotFoundError, SanctionwatchError
from sanctionwatch.services.matching import ScreenRequest, default_threshold, explanations, screen

if TYPE_CHECKING:
    from sanctionwatch.services.context import Services

log = logging.getLogger(__name__)

COLUMNS = (
    "id",
    "name",
    "schema",
    "birth_date",
    "nationality",
    "country",
    "passport",
    "imo",
    "mmsi",
)
CSV_OUT_COLUMNS = (
    "row",
    "id",
    "query_name",
    "rank",
    "entity_id",
    "source",
    "reference",
    "caption",
    "schema",
    "score",
    "match",
    "why",
    "error",
)
MAX_RESULTS_PER_ROW = 5
STATUS_EVERY_ROWS = 25


@dataclass
class JobStatus:
    """What a client polls: state, progress and counts."""

    id: str
    state: str  # queued, running, done, failed
    rows_total: int
    rows_done: int = 0
    rows_matched: int = 0
    rows_failed: int = 0
    dataset: str = "default"
    threshold: float = 0.5
    filename: str = "upload.csv"
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    error: str | None = None

    @property
    def progress(self) -> float:
        return 1.0 if self.rows_total == 0 else self.rows_done / self.rows_total

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["progress"] = round(self.progress, 4)
        return data


def read_header(path: Path) -> list[str]:
    """The CSV's header; an :class:`InputError` naming the fix if there is no ``name`` column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), None)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the upload is not UTF-8 text (byte {exc.start})",
            path=path.name,
            hint="save the CSV as UTF-8",
        ) from None
    if not header:
        raise InputError(
            "the CSV is empty",
            path=path.name,
            hint="the first line must be a header with a 'name' column",
        )
    columns = [c.strip().lower() for c in header]
    if "name" not in columns:
        raise InputError(
            "the CSV has no 'name' column",
            path=path.name,
            line=1,
            hint="add a header line such as: id,name,schema,birth_date,nationality,imo",
        )
    return columns


def count_rows(path: Path) -> int:
    """Data rows (records, not lines: quoted fields may span lines); raises on bad UTF-8."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return max(0, sum(1 for _ in csv.reader(fh)) - 1)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the upload is not UTF-8 text (byte {exc.start})", hint="save the CSV as UTF-8"
        ) from None
    except csv.Error as exc:
        raise InputError(f"the CSV cannot be read: {exc}", hint="check quoting") from None


def iter_requests(path: Path) -> Iterator[tuple[int, str, ScreenRequest | None, str | None]]:
    """(row number, id, request or None, error) per data row; row numbers count from 1."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        columns = [c.strip().lower() for c in next(reader)]
        for number, values in enumerate(reader, start=1):
            row = {c: v.strip() for c, v in zip(columns, values, strict=False) if c in COLUMNS}
            row_id = row.get("id") or str(number)
            name = row.get("name", "")
            if not name and not row.get("imo") and not row.get("mmsi"):
                yield number, row_id, None, f"line {number + 1}: empty name"
                continue
            yield (
                number,
                row_id,
                ScreenRequest(
                    name=name or row.get("imo") or row.get("mmsi") or "",
                    schema=row.get("schema") or None,
                    birth_date=row.get("birth_date") or None,
                    nationality=row.get("nationality") or None,
                    country=row.get("country") or None,
                    passport=row.get("passport") or None,
                    imo=row.get("imo") or None,
                    mmsi=row.get("mmsi") or None,
                ),
                None,
            )


def match_summary(m: Any, threshold: float) -> dict[str, Any]:
    """A screener match as one batch result (issue 3's candidate shape)."""
    expl = m.explanation
    return {
        "entity_id": m.entity_id,
        "source": m.source,
        "reference": m.reference,
        "caption": m.caption,
        "schema": m.schema,
        "score": round(float(m.score), 4),
        "match": float(m.score) >= threshold,
        "explanation": expl,
        "features": {k: v["score"] for k, v in explanations(m).items()},
    }


def _why(result: dict[str, Any]) -> str:
    feats = result.get("features") or {}
    top = sorted(feats.items(), key=lambda kv: -abs(kv[1]))[:3]
    return "; ".join(f"{k} {v:.2f}" for k, v in top)


class JobManager:
    """Creates jobs from uploads and runs them on one worker thread per process."""

    def __init__(self, services: Services, root: Path) -> None:
        self.services = services
        self.root = root
        self._queue: queue.Queue[str] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def _dir(self, job_id: str) -> Path:
        if not job_id.isalnum():
            raise NotFoundError(f"no batch job {job_id!r}")
        return self.root / job_id

    def submit(
        self,
        upload: Path,
        *,
        filename: str,
        dataset: str = "default",
        threshold: float | None = None,
        max_rows: int = 100_000,
    ) -> JobStatus:
        """Validate the uploaded CSV, move it into a new job directory and queue it."""
        snapshot = self.services.snapshot()
        snapshot.catalog.get(dataset)
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError(f"threshold must be between 0 and 1, got {threshold}")
        read_header(upload)
        rows = count_rows(upload)
        if rows == 0:
            raise InputError("the CSV has a header but no rows", path=filename)
        if rows > max_rows:
            raise InputError(
                f"the CSV has {rows} rows; one job takes at most {max_rows}",
                path=filename,
                hint="split the file into several jobs",
            )
        job_id = secrets.token_hex(12)
        job_dir = self.root / job_id
        job_dir.mkdir(parents=True)
        os.replace(upload, job_dir / "input.csv")
        status = JobStatus(
            id=job_id,
            state="queued",
            rows_total=rows,
            dataset=dataset,
            threshold=default_threshold() if threshold is None else threshold,
            filename=Path(filename).name[:200] or "upload.csv",
        )
        self._write_status(status)
        self._queue.put(job_id)
        self._ensure_worker()
        return status

    def _ensure_worker(self) -> None:
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="sw-batch", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                self.run(job_id)
            except Exception:  # one broken job must not stop the worker
                log.exception("batch job %s failed", job_id)

    def run(self, job_id: str) -> JobStatus:
        """Screen every row of a queued job, writing results and progress as it goes."""
        job_dir = self._dir(job_id)
        status = self.status(job_id)
        status.state = "running"
        self._write_status(status)
        try:
            snapshot = self.services.snapshot()
            dataset = snapshot.catalog.get(status.dataset)
            cutoff = status.threshold
            out_path = job_dir / "results.jsonl.part"
            with out_path.open("w", encoding="utf-8") as out:
                for number, row_id, req, error in iter_requests(job_dir / "input.csv"):
                    line: dict[str, Any] = {"row": number, "id": row_id}
                    if req is None:
                        line["error"] = error
                        status.rows_failed += 1
                    else:
                        line["query"] = {k: v for k, v in asdict(req).items() if v}
                        try:
                            found = screen(
                                snapshot,
                                [req],
                                dataset,
                                limit=MAX_RESULTS_PER_ROW,
                                cutoff=cutoff,
                                threshold=status.threshold,
                            )
                            line["results"] = [match_summary(m, status.threshold) for m in found]
                            if any(r["match"] for r in line["results"]):
                                status.rows_matched += 1
                        except SanctionwatchError as exc:
                            line["error"] = exc.message
                            status.rows_failed += 1
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    status.rows_done += 1
                    if status.rows_done % STATUS_EVERY_ROWS == 0:
                        self._write_status(status)
            os.replace(out_path, job_dir / "results.jsonl")
            status.state = "done"
        except Exception as exc:
            status.state = "failed"
            status.error = (
                exc.message
                if isinstance(exc, SanctionwatchError)
                else "internal error while screening"
            )
            raise
        finally:
            status.finished_at = time.time()
            self._write_status(status)
        return status

    def _write_status(self, status: JobStatus) -> None:
        path = self.root / status.id / "status.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(status.to_dict()), encoding="utf-8")
        os.replace(tmp, path)

    def status(self, job_id: str) -> JobStatus:
        """A job's current status (from disk, so any process can answer)."""
        path = self._dir(job_id) / "status.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFoundError(
                f"no batch job {job_id!r}", hint="jobs are listed at GET /api/batch"
            ) from None
        data.pop("progress", None)
        return JobStatus(**data)

    def jobs(self) -> list[JobStatus]:
        if not self.root.is_dir():
            return []
        found = []
        for child in self.root.iterdir():
            if (child / "status.json").is_file():
                found.append(self.status(child.name))
        return sorted(found, key=lambda s: -s.created_at)

    def results_path(self, job_id: str) -> Path:
        status = self.status(job_id)
        if status.state != "done":
            from sanctionwatch.errors import ConflictError

            raise ConflictError(
                f"batch job {job_id} is {status.state}; results are ready when it is done",
                hint=f"poll GET /api/batch/{job_id}",
            )
        return self._dir(job_id) / "results.jsonl"

    def iter_results(
        self, job_id: str, offset: int = 0, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Result lines of a finished job, in input order."""
        with self.results_path(job_id).open(encoding="utf-8") as fh:
            for index, line in enumerate(fh):
                if index < offset:
                    continue
                if limit is not None and index >= offset + limit:
                    break
                yield json.loads(line)

    def iter_csv(self, job_id: str) -> Iterator[str]:
        """The results flattened to CSV: one line per (row, candidate), rows without hits kept."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_OUT_COLUMNS)
        for line in self.iter_results(job_id):
            query_name = (line.get("query") or {}).get("name", "")
            results = line.get("results") or []
            if not results:
                writer.writerow(
                    [
                        line["row"],
                        line["id"],
                        query_name,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        line.get("error", ""),
                    ]
                )
            for rank, r in enumerate(results, start=1):
                writer.writerow(
                    [
                        line["row"],
                        line["id"],
                        query_name,
                        rank,
                        r["entity_id"],
                        r["source"],
                        r["reference"] or "",
                        r["caption"],
                        r["schema"],
                        f"{r['score']:.4f}",
                        "true" if r["match"] else "false",
                        _why(r),
                        "",
                    ]
                )
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
