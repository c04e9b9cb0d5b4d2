"""Lists benchmark: load time, peak memory, diff time, listing time and store size.

Each case runs in a fresh subprocess so its peak RSS (``ru_maxrss``) is its own.
Cases run on SQLite and, when the Debian PostgreSQL binaries are installed, on a
throwaway PostgreSQL server started like ``tests/conftest.py`` does.

    PYTHONPATH=src python benchmarks/bench_lists.py [--no-postgres]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LISTS = REPO.parent / "shared" / "data" / "lists"
if not LISTS.is_dir():
    LISTS = Path("/work/shared/data/lists")

UN_FILES = sorted(p for p in (LISTS / "un").glob("*.xml") if "BAD" not in p.name)
UN_LARGEST = max(UN_FILES, key=lambda p: p.stat().st_size)
OFAC_LARGEST = max(
    [p for p in (LISTS / "ofac").iterdir() if p.is_file()], key=lambda p: p.stat().st_size
)


def run_case(case: str, url: str) -> dict[str, object]:
    """Runs inside the child process."""
    from sanctionwatch.store import Store
    from sanctionwatch.store.loading import prepare_files

    store = Store.open(url)
    out: dict[str, object] = {}
    started = time.perf_counter()
    files = {"un-largest": [UN_LARGEST], "ofac-largest": [OFAC_LARGEST], "un-all": UN_FILES}
    if case in files:
        source = "ofac" if case.startswith("ofac") else "un"
        prepared = prepare_files(files[case], source)
        parsed_at = time.perf_counter()
        results = store.load_prepared(prepared)
        out["parse_s"] = parsed_at - started
        out["write_s"] = time.perf_counter() - parsed_at
        out["file"] = files[case][0].name if len(files[case]) == 1 else f"{len(results)} releases"
        out["statements"] = sum(r.release.statements for r in results)
    elif case == "queries":
        # Needs un-all and ofac-largest loaded in the same store first.
        timings = {}
        t0 = time.perf_counter()
        d = store.diff("un", "2026-02-27", "2026-05-08")
        timings["diff un 2026-02-27 -> 2026-05-08 (s)"] = time.perf_counter() - t0
        out["diff_counts"] = [len(d.added), len(d.removed), len(d.amended)]
        t0 = time.perf_counter()
        first = store.releases("un")[0].id
        d = store.diff("un", first, "2026-05-08")
        timings["diff un 2017-07-03 -> 2026-05-08 (s)"] = time.perf_counter() - t0
        out["diff_counts_long"] = [len(d.added), len(d.removed), len(d.amended)]
        t0 = time.perf_counter()
        n = sum(1 for _ in store.listed_entities())
        timings["listed_entities un+ofac (s)"] = time.perf_counter() - t0
        out["listed"] = n
        t0 = time.perf_counter()
        store.entity_history("KPi.033")
        timings["entity_history KPi.033 (s)"] = time.perf_counter() - t0
        out.update(timings)
    out["seconds"] = time.perf_counter() - started
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def child(case: str, url: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", case, "--url", url],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{proc.stderr}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres() -> Iterator[str | None]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        yield None
        return
    bindir = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="sw-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "sw"]),
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres(
            [str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w"]
            + ["start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://sw@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def fresh_pg(server: str) -> str:
    import sqlalchemy as sa

    name = f"b_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"


def pg_size(url: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(
            sa.text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r'"
            )
        ).scalar()
    engine.dispose()
    return int(size or 0)


def report(backend: str, new_url: object, size_of: object) -> None:
    assert callable(new_url) and callable(size_of)
    print(f"\n== {backend}")
    for case in ("un-largest", "ofac-largest", "un-all"):
        url = new_url(case)
        r = child(case, url)
        print(
            f"load {case:13s} {r['file']!s:31s} {r['seconds']:6.1f} s "
            f"(parse {r['parse_s']:5.1f} s, write {r['write_s']:5.1f} s, "
            f"{r['statements']} statements)  peak RSS {r['peak_rss_mib']:5.0f} MiB"
        )
    url = new_url("all")
    child("un-all", url)
    child("ofac-largest", url)
    r = child("queries", url)
    for key, value in r.items():
        if key.endswith("(s)"):
            print(f"{key:44s} {value:6.2f} s")
    print(
        f"diff counts (added, removed, amended): {r['diff_counts']} / long: {r['diff_counts_long']}"
    )
    print(f"listed entities (UN latest + OFAC largest): {r['listed']}")
    print(f"store size, all UN releases + {OFAC_LARGEST.name}: {size_of(url) / 2**20:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--url")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child, args.url)))
        return
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()}"
    )
    print(
        f"UN files: {len(UN_FILES)}; largest UN {UN_LARGEST.name}; largest OFAC {OFAC_LARGEST.name}"
    )
    with tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:

        def sqlite_url(name: str) -> str:
            return str(Path(tmp) / f"{name}.db")

        def sqlite_size(url: str) -> int:
            return Path(url).stat().st_size

        report("SQLite", sqlite_url, sqlite_size)
    if args.no_postgres:
        print("\n== PostgreSQL skipped (--no-postgres)")
        return
    with postgres() as server:
        if server is None:
            print("\n== PostgreSQL skipped: binaries not installed (scripts/system-deps.sh)")
            return
        report("PostgreSQL 15", lambda name: fresh_pg(server), pg_size)


if __name__ == "__main__":
    main()
