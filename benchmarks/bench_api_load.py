"""Load test of ``POST /match/default`` over loopback at rising concurrency.

Starts the real server (uvicorn, ``--workers`` processes) on the bundled lists
in a separate process, then runs a small asyncio HTTP/1.1 keep-alive load
generator (one connection per concurrent client, one query per request, as
yente-client sends them) for ``--seconds`` per level. Prints throughput,
latency percentiles and errors per level, plus the machine's load.

    python benchmarks/bench_api_load.py                 # 60 s per level (the issue's run)
    python benchmarks/bench_api_load.py --seconds 5     # smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

LEVELS = (1, 2, 4, 8, 16, 32)

# A realistic mix: listed people (with and without evidence), spelling variants, companies,
# vessels by name and IMO, and names that are on no list.
QUERIES: list[dict[str, object]] = [
    {
        "schema": "Person",
        "properties": {"name": ["Ri Won Ho"], "birthDate": ["1964-07-17"], "nationality": ["kp"]},
    },
    {"schema": "Person", "properties": {"name": ["리원호"]}},
    {"schema": "Person", "properties": {"name": ["Choe Son Hui"]}},
    {"schema": "Person", "properties": {"name": ["Kim Jong Sik"], "nationality": ["North Korea"]}},
    {"schema": "Person", "properties": {"name": ["PAK, Chol Su"]}},
    {"schema": "Person", "properties": {"name": ["Munir al Qubaysi"]}},
    {"schema": "Person", "properties": {"name": ["Gedo Hamdan Ahmed"]}},
    {"schema": "Person", "properties": {"name": ["Jane Ordinary"], "birthDate": ["1980"]}},
    {"schema": "Person", "properties": {"name": ["Peter Miller"]}},
    {"schema": "Organization", "properties": {"name": ["Korea Mining Development Trading Corp"]}},
    {"schema": "Organization", "properties": {"name": ["Munitions Industry Department"]}},
    {"schema": "Company", "properties": {"name": ["Ocean Maritime Management Company Limited"]}},
    {"schema": "Company", "properties": {"name": ["Acme Trading GmbH"]}},
    {"schema": "Vessel", "properties": {"name": ["Chong Chon Gang"], "imoNumber": ["7937317"]}},
    {"schema": "Vessel", "properties": {"imoNumber": ["IMO 8132835"]}},
    {"schema": "Vessel", "properties": {"name": ["Artavil"]}},
    {"schema": "LegalEntity", "properties": {"name": ["Green Pine Associated Corporation"]}},
    {"schema": "Person", "properties": {"name": ["Osama bin Laden"]}},
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_db(path: Path, data_dir: Path) -> None:
    """Load the bundled lists (idempotent) into ``path`` and build the index cache, in a child process."""
    env = {**os.environ, "SANCTIONWATCH_DATA_DIR": str(data_dir)}
    # Also build the screening index cache, as a server restart in production would find it.
    code = (
        "from sanctionwatch.store import Store, load_bundled; "
        "from sanctionwatch.screening import Screener; "
        f"s = Store.open({str(path)!r}); load_bundled(s); Screener.from_store(s)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def start_server(db: Path, data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SANCTIONWATCH_DB": str(db), "SANCTIONWATCH_DATA_DIR": str(data_dir)}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "sanctionwatch.api.asgi:app_from_env",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
        "--http",
        "sanctionwatch.api.server:NoDelayH11Protocol",
    ]
    return subprocess.Popen(cmd, env=env)


def wait_ready(base: str, workers: int, timeout: float = 180) -> None:
    """Every worker builds its own index; wait until readyz answers 200 many times in a row."""
    deadline = time.monotonic() + timeout
    streak = 0
    while time.monotonic() < deadline:
        try:
            ok = httpx.get(base + "/readyz", timeout=5).status_code == 200
        except httpx.TransportError:
            ok = False
        streak = streak + 1 if ok else 0
        if streak >= 10 * workers:
            return
        time.sleep(0.05 if ok else 0.3)
    raise SystemExit("server did not become ready")


def request_bytes(port: int, body: bytes) -> bytes:
    head = (
        "POST /match/default HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def client(
    port: int, payloads: list[bytes], until: float, latencies: list[float], errors: list[str]
) -> None:
    """One keep-alive connection sending requests back to back until ``until``."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    rng = random.Random(id(latencies) ^ port)
    try:
        while time.perf_counter() < until:
            payload = payloads[rng.randrange(len(payloads))]
            started = time.perf_counter()
            writer.write(payload)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if status != 200 or b'"responses"' not in body:
                errors.append(f"HTTP {status}")
    except (OSError, asyncio.IncompleteReadError) as exc:
        errors.append(type(exc).__name__)
    finally:
        writer.close()


async def run_level(
    port: int, payloads: list[bytes], concurrency: int, seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(client(port, payloads, until, latencies, errors) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return (
            ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000
            if ordered
            else float("nan")
        )

    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "mean": statistics.fmean(ordered) * 1000 if ordered else float("nan"),
        "errors": len(errors),
    }


def app_cost(db: Path, requests: int) -> dict[str, float]:
    """Server-side cost of one /match request: the ASGI app called in-process, no network.

    The process CPU time per request is what a worker needs, so 1000 / CPU ms
    estimates what one otherwise idle core can serve; wall times suffer from a
    busy machine, CPU time much less.
    """
    from sanctionwatch.api.app import create_app
    from sanctionwatch.api.settings import ServerSettings

    app = create_app(ServerSettings(db_url=f"sqlite:///{db}", jobs_dir=db.parent / "jobs"))
    bodies = [json.dumps({"queries": {"q": q}}).encode() for q in QUERIES]

    async def call(body: bytes) -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/match/default",
            "raw_path": b"/match/default",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        status: list[int] = []

        async def receive() -> dict[str, object]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))  # type: ignore[call-overload]

        await app(scope, receive, send)
        if status != [200]:
            raise SystemExit(f"in-process request failed: {status}")

    async def run() -> list[float]:
        services = app.state.services
        services.start()
        while not services.ready:
            await asyncio.sleep(0.1)
        for body in bodies:
            await call(body)
        times = []
        cpu_started = time.process_time()
        for i in range(requests):
            started = time.perf_counter()
            await call(bodies[i % len(bodies)])
            times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        return sorted(times)

    cpu: list[float] = []
    times = asyncio.run(run())
    return {
        "requests": requests,
        "p50": times[len(times) // 2] * 1000,
        "p95": times[int(len(times) * 0.95)] * 1000,
        "mean": statistics.fmean(times) * 1000,
        "cpu": cpu[0] / requests * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="duration of each concurrency level"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)))
    parser.add_argument(
        "--db", type=Path, default=None, help="SQLite file to use (default: a temp file)"
    )
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    parser.add_argument(
        "--app-requests", type=int, default=2000, help="in-process requests for the app-cost line"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-api-"))
    db = args.db or tmp / "bench.db"
    data_dir = tmp / "data"
    data_dir.mkdir()
    os.environ["SANCTIONWATCH_DATA_DIR"] = str(data_dir)  # index cache of the in-process app
    print(f"preparing {db} with the bundled lists ...", flush=True)
    prepare_db(db, data_dir)
    cost = app_cost(db, args.app_requests)
    print(
        f"app cost per /match request, in-process (no network), {cost['requests']} requests: "
        f"wall p50 {cost['p50']:.2f} ms, p95 {cost['p95']:.2f} ms; CPU {cost['cpu']:.2f} ms per request "
        f"(about {1000 / cost['cpu']:.0f} requests/s per free core); load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    port = free_port()
    server = start_server(db, data_dir, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, args.workers)
        payloads = [
            request_bytes(port, json.dumps({"queries": {"q": q}}).encode()) for q in QUERIES
        ]
        # Check every query once, then warm up.
        for q in QUERIES:
            r = httpx.post(base + "/match/default", json={"queries": {"q": q}}, timeout=180)
            r.raise_for_status()
        asyncio.run(run_level(port, payloads, 2, min(3.0, args.seconds)))
        levels = [int(x) for x in args.levels.split(",")]
        print(
            f"POST /match/default, one query per request, {len(QUERIES)} queries rotating; "
            f"server: uvicorn --workers {args.workers}; {args.seconds:g} s per level; "
            f"{os.cpu_count()} CPUs, load average before: {os.getloadavg()[0]:.2f}"
        )
        print(
            f"{'conc':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'load1':>6}"
        )
        results = []
        for level in levels:
            row = asyncio.run(run_level(port, payloads, level, args.seconds))
            row["load1"] = os.getloadavg()[0]
            results.append(row)
            print(
                f"{level:>5} {row['requests']:>9} {row['rps']:>8.1f} {row['p50']:>8.1f} "
                f"{row['p95']:>8.1f} {row['p99']:>8.1f} {row['errors']:>7} {row['load1']:>6.2f}",
                flush=True,
            )
        alive = httpx.get(base + "/healthz").json() == {"status": "ok"}
        print(f"server still healthy after the run: {alive}")
        if args.json:
            print(json.dumps(results, indent=1))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
