"""Server-side SVG charts: valid markup, escaped text, one bar per span or count."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from sanctionwatch.web.charts import Span, Step, changes_svg, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_timeline_draws_one_bar_per_span_and_release_marks() -> None:
    spans = [
        Span("Listed", date(2020, 1, 1), None, "listed"),
        Span("name: <b>KIM</b>", date(2020, 1, 1), date(2023, 5, 1), "removed"),
    ]
    svg = timeline_svg(spans, date(2026, 1, 1), "Timeline", [date(2020, 1, 1), date(2023, 5, 1)])
    root = ElementTree.fromstring(svg)  # well-formed, so the text was escaped
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "")]
    assert len(bars) == 2
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    assert "<b>" not in svg and "&lt;b&gt;KIM" in svg
    assert timeline_svg([], date(2026, 1, 1), "x") == ""


def test_changes_chart_counts_every_kind() -> None:
    steps = [
        Step(date(2022, 9, 15), date(2025, 11, 20), "r2", 70, 22, 650),
        Step(date(2025, 11, 20), date(2026, 2, 27), "r3", 4, 1, 2),
    ]
    root = ElementTree.fromstring(changes_svg(steps, "Changes"))
    kinds = [r.get("class") for r in root.iter(f"{SVG}rect")]
    assert kinds.count("bar added") == kinds.count("bar removed") == kinds.count("bar amended") == 2
    labels = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "650 amended" in labels and "4 added" in labels
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # three distinct release dates
