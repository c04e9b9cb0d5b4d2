"""``sanctionwatch ais``: ingest AIS, detect events, list/export/map them, estimate volumes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sanctionwatch import settings
from sanctionwatch.errors import NotFoundError
from sanctionwatch.maritime.config import ALL_TIERS, DEFAULT, TIERS
from sanctionwatch.maritime.events import Event, EventStore, iso, parse_iso
from sanctionwatch.maritime.ingest.store import AisStore


def _store(ctx: click.Context) -> AisStore:
    root = ctx.obj.get("ais_dir") if ctx.obj else None
    return AisStore(Path(root) if root else settings.data_dir() / "ais")


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        w, s, e, n = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise click.BadParameter("give W,S,E,N in degrees, e.g. 119,29,127,40") from exc
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise click.BadParameter("need W < E and S < N within ±180/±90")
    return (w, s, e, n)


def _day(value: str | None, default: int) -> int:
    if not value:
        return default
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date or time") from exc


@click.group()
@click.option(
    "--ais-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="SANCTIONWATCH_AIS_DIR",
    help="AIS store directory (env SANCTIONWATCH_AIS_DIR; default: <data dir>/ais, env SANCTIONWATCH_DATA_DIR).",
)
@click.pass_context
def ais(ctx: click.Context, ais_dir: Path | None) -> None:
    """Maritime evidence from AIS: ingest, detect, list, export, map, volume."""
    ctx.ensure_object(dict)
    ctx.obj["ais_dir"] = ais_dir


@ais.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nmea", "csv"]),
    default=None,
    help="Input format (default: sniffed from the first line).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def ingest(ctx: click.Context, files: tuple[Path, ...], fmt: str | None, as_json: bool) -> None:
    """Decode NMEA or CSV files into the day-partitioned Parquet store.

    Each file is added whole or not at all; a file already ingested is skipped.
    """
    store = _store(ctx)
    reports = []
    show = sys.stderr.isatty() and not as_json
    with (
        click.progressbar(files, label="ingesting", file=sys.stderr)
        if show
        else _plain(files) as bar
    ):
        for path in bar:
            reports.append(store.ingest(path, fmt))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=1))
        return
    for r in reports:
        if r.skipped:
            click.echo(f"{r.path}: already ingested (key {r.key}), skipped")
            continue
        c = r.counts
        click.echo(
            f"{r.path} [{r.format}]: {c.lines} lines, {c.messages} messages, {c.positions} positions, "
            f"{c.static} static, {c.malformed} malformed, {c.untimed} without time, "
            f"{c.incomplete_multipart} incomplete multi-part; days {', '.join(r.days) or '-'}"
        )
        for example in c.malformed_examples:
            click.echo(f"  malformed {example}")
    click.echo(f"store: {store.root}")


class _plain:
    def __init__(self, items: tuple[Path, ...]) -> None:
        self.items = items

    def __enter__(self) -> tuple[Path, ...]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


def _tiers(tier: str) -> tuple[str, ...]:
    return {"both": TIERS, "all": ALL_TIERS}.get(tier, (tier,))


def _link(ctx: click.Context, events: list[Event], store: AisStore) -> list[Event]:
    from sanctionwatch.maritime.linking import enrich, linker_for_db

    db = ctx.find_root().obj.get("db") if ctx.find_root().obj else None
    return enrich(events, store.static_history(), linker_for_db(db))


@ais.command()
@click.option(
    "--from", "from_", default=None, help="Start (ISO date/time, UTC; default: first day stored)."
)
@click.option("--to", default=None, help="End, exclusive (default: end of the last day stored).")
@click.option("--bbox", default=None, help="W,S,E,N box in degrees.")
@click.option(
    "--tier",
    type=click.Choice(["gfw", "dprk", "both", "report", "all"]),
    default="both",
    help="gfw: GFW's published thresholds; dprk: research §7; report: every gap ≥ 6 h.",
)
@click.option(
    "--by-day", is_flag=True, help="Process one UTC day at a time (stitched), as on a cluster."
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=0,
    help="With --by-day: run the days on a local Dask cluster of this many workers.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the events as a JSON list.")
@click.option("--no-store", is_flag=True, help="Do not save the events to the events table.")
@click.pass_context
def detect(
    ctx: click.Context,
    from_: str | None,
    to: str | None,
    bbox: str | None,
    tier: str,
    by_day: bool,
    workers: int,
    as_json: bool,
    no_store: bool,
) -> None:
    """Run every detector and print events, most important first."""
    from sanctionwatch.maritime.pipeline import detect_by_day, detect_range
    from sanctionwatch.maritime.waters import dprk_waters

    dprk_waters()  # a bad SANCTIONWATCH_DPRK_WATERS file stops here, before any work
    box = _bbox(bbox)
    store = _store(ctx)
    days = store.days()
    if not days:
        raise NotFoundError(
            f"no AIS positions in {store.root}", hint="run `sanctionwatch ais ingest FILE...` first"
        )
    start = _day(from_, parse_iso(days[0]))
    end = _day(to, parse_iso(days[-1]) + 86400)
    if end <= start:
        raise click.BadParameter("--to must be after --from")
    if by_day and workers:
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, dashboard_address=None
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            events = detect_by_day(store, start, end, box, _tiers(tier), DEFAULT, client=client)
    elif by_day:
        progress = None
        if sys.stderr.isatty():

            def progress(done: int, total: int) -> None:
                click.echo(f"\rday {done}/{total}", nl=done == total, err=True)

        events = detect_by_day(store, start, end, box, _tiers(tier), DEFAULT, progress=progress)
    else:
        events = detect_range(store, start, end, box, _tiers(tier), DEFAULT)
    events = _link(ctx, events, store)
    if not no_store:
        EventStore(store.root).save(events)
    _print_events(events, as_json)


def _print_events(events: list[Event], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([e.to_json() for e in events], indent=1))
        return
    if not events:
        click.echo("no events")
        return
    for e in events:
        who = ", ".join(
            f"{v.mmsi}"
            + (f" IMO {v.imo}" if v.imo else "")
            + (f" {v.name}" if v.name else "")
            + (f" [{v.flag}]" if v.flag else "")
            + (" LISTED" if v.list_hits else "")
            for v in e.vessels
        )
        click.echo(
            f"{e.id}  p{e.priority:<3} {e.tier:<6} {e.type}/{e.kind:<16} {iso(e.start)} → {iso(e.end)}  "
            f"{e.lat:.4f},{e.lon:.4f}  {who}"
        )
    click.echo(f"{len(events)} events")


@ais.command()
@click.option(
    "--vessel", default=None, help="Only events involving this IMO (7 digits) or MMSI (9)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the events as a JSON list.")
@click.pass_context
def events(ctx: click.Context, vessel: str | None, as_json: bool) -> None:
    """List stored events (from the last `ais detect` runs)."""
    stored = EventStore(_store(ctx).root).load()
    if vessel:
        stored = [e for e in stored if _involves(e, vessel)]
    _print_events(stored, as_json)


def _involves(event: Event, vessel: str) -> bool:
    digits = "".join(ch for ch in vessel if ch.isdigit())
    if len(digits) == 7:
        return any(v.imo == digits for v in event.vessels)
    if len(digits) == 9:
        return any(v.mmsi == int(digits) for v in event.vessels)
    raise click.BadParameter("--vessel takes a 7-digit IMO or a 9-digit MMSI")


@ais.command()
@click.option(
    "--geojson",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write stored events as a GeoJSON FeatureCollection to this file.",
)
@click.pass_context
def export(ctx: click.Context, out: Path) -> None:
    """Export stored events (points with all fields as properties)."""
    from sanctionwatch.maritime.maps import events_geojson

    stored = EventStore(_store(ctx).root).load()
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(json.dumps(events_geojson(stored)), encoding="utf-8")
    tmp.replace(out)
    click.echo(f"{len(stored)} events → {out}")


@ais.command(name="map")
@click.argument("event_id", required=False)
@click.option("--vessel", default=None, help="Draw this MMSI's track instead of an event.")
@click.option("--from", "from_", default=None, help="Track start (with --vessel).")
@click.option("--to", default=None, help="Track end (with --vessel).")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="PNG file."
)
@click.pass_context
def map_(
    ctx: click.Context,
    event_id: str | None,
    vessel: str | None,
    from_: str | None,
    to: str | None,
    out: Path,
) -> None:
    """Draw an event (or a vessel's track) over the shipped coastline, as PNG."""
    from sanctionwatch.maritime.maps import draw_event, draw_track

    store = _store(ctx)
    if bool(event_id) == bool(vessel):
        raise click.UsageError("give either EVENT_ID or --vessel MMSI")
    if event_id:
        stored = {e.id: e for e in EventStore(store.root).load()}
        if event_id not in stored:
            raise NotFoundError(
                f"no stored event {event_id}", hint="list ids with `sanctionwatch ais events`"
            )
        draw_event(store, stored[event_id], out)
    else:
        assert vessel is not None
        if not vessel.isdigit() or len(vessel) != 9:
            raise click.BadParameter("--vessel takes a 9-digit MMSI")
        draw_track(store, int(vessel), out, _day(from_, 0) or None, _day(to, 0) or None)
    click.echo(f"map → {out}")


@ais.command()
@click.option(
    "--year", type=int, default=None, help="Count deliveries in this calendar year (default: all)."
)
@click.option(
    "--deliveries", type=int, default=None, help="Use this delivery count instead of stored events."
)
@click.option(
    "--dwt",
    type=float,
    default=2600.0,
    show_default=True,
    help="Tanker capacity in tonnes deadweight (default implied by S/2022/132: 18 deliveries ≈ 323,000 bbl at 90 %).",
)
@click.option(
    "--bbl-per-tonne",
    type=float,
    default=7.62,
    show_default=True,
    help="Barrels per tonne (7.62 = resolution 2397's 4,000,000 bbl / 525,000 t).",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def volume(
    ctx: click.Context,
    year: int | None,
    deliveries: int | None,
    dwt: float,
    bbl_per_tonne: float,
    as_json: bool,
) -> None:
    """PoE-style estimate: tanker deliveries × capacity × 1/3, 60 %, 90 % laden vs the cap."""
    from sanctionwatch.maritime.volume import count_deliveries, estimate

    basis: list[Event] = []
    if deliveries is None:
        stored = EventStore(_store(ctx).root).load()
        basis = count_deliveries(stored, year)
        deliveries = len(basis)
    result = estimate(deliveries, dwt, bbl_per_tonne)
    if as_json:
        click.echo(json.dumps({**result, "events": [e.id for e in basis]}, indent=1))
        return
    for line in result["arithmetic"]:
        click.echo(line)
