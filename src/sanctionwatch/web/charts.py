"""Small SVG charts drawn on the server: an entry's timeline and a list's change history.

Pure functions from data to SVG markup; text is escaped, sizes are in a
viewBox so the pictures scale on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 720
LABEL_W = 170
ROW_H = 22
PAD = 8


@dataclass(frozen=True)
class Span:
    """One bar: a value present from ``start`` until ``end`` (None: still present)."""

    label: str
    start: date
    end: date | None
    kind: str = "value"  # value | listed | delisted


def _x(d: date, lo: date, hi: date) -> float:
    span = max((hi - lo).days, 1)
    return LABEL_W + (WIDTH - LABEL_W - PAD) * (d - lo).days / span


def timeline_svg(spans: list[Span], today: date, title: str) -> str:
    """Horizontal bars, one row per span, on a shared date axis ending today."""
    if not spans:
        return ""
    lo = min(s.start for s in spans)
    hi = max([today] + [s.end for s in spans if s.end is not None])
    if hi <= lo:
        hi = date.fromordinal(lo.toordinal() + 1)
    height = PAD * 2 + ROW_H * len(spans) + 24
    parts = [
        (
            f'<svg class="chart timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        ),
        f"<title>{escape(title)}</title>",
    ]
    for i, s in enumerate(spans):
        y = PAD + i * ROW_H
        x0 = _x(s.start, lo, hi)
        x1 = _x(s.end or hi, lo, hi)
        until = s.end.isoformat() if s.end else "now"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(s.label[:28])}</text>'
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 3):.1f}" height="{ROW_H - 8}" '
            f'class="bar {escape(s.kind)}"><title>{escape(s.label)}: {s.start.isoformat()} to {until}</title></rect>'
        )
    axis_y = PAD + ROW_H * len(spans) + 4
    parts.append(
        f'<line x1="{LABEL_W}" x2="{WIDTH - PAD}" y1="{axis_y}" y2="{axis_y}" class="axis"/>'
    )
    for d in (lo, hi):
        anchor = "start" if d == lo else "end"
        parts.append(
            f'<text x="{_x(d, lo, hi):.1f}" y="{axis_y + 16}" text-anchor="{anchor}" class="tick">{d.isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Step:
    """Changes between two consecutive releases, placed at the later release's date."""

    when: date
    label: str
    added: int
    removed: int
    amended: int


def changes_svg(steps: list[Step], title: str) -> str:
    """A bar per release step: added (up), removed (down), amended (outlined, up), on a time axis."""
    if not steps:
        return ""
    height = 200
    mid = 110
    peak = max(max(s.added + s.amended, s.removed, 1) for s in steps)
    scale = 80 / peak
    lo = min(s.when for s in steps)
    hi = max(s.when for s in steps)
    if hi == lo:
        lo = date.fromordinal(lo.toordinal() - 30)
        hi = date.fromordinal(hi.toordinal() + 30)
    left, right = 40, WIDTH - 20

    def x(d: date) -> float:
        return left + (right - left) * (d - lo).days / max((hi - lo).days, 1)

    parts = [
        (
            f'<svg class="chart changes" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
            'xmlns="http://www.w3.org/2000/svg">'
        ),
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" x2="{right}" y1="{mid}" y2="{mid}" class="axis"/>',
    ]
    for s in steps:
        cx = x(s.when)
        add_h = s.added * scale
        am_h = s.amended * scale
        rm_h = s.removed * scale
        tip = f"{s.label}: +{s.added} added, −{s.removed} removed, {s.amended} amended"
        parts.append(
            f"<g><title>{escape(tip)}</title>"
            f'<rect x="{cx - 7:.1f}" y="{mid - add_h:.1f}" width="14" height="{add_h:.1f}" class="bar added"/>'
            f'<rect x="{cx - 7:.1f}" y="{mid - add_h - am_h:.1f}" width="14" height="{am_h:.1f}" class="bar amended"/>'
            f'<rect x="{cx - 7:.1f}" y="{mid}" width="14" height="{rm_h:.1f}" class="bar removed"/>'
            f'<text x="{cx:.1f}" y="{height - 4}" text-anchor="middle" class="tick">{s.when.isoformat()}</text></g>'
        )
    parts.append(
        f'<text x="{left}" y="14" class="tick">+ added / amended</text>'
        f'<text x="{left}" y="{mid + 95}" class="tick">− removed</text></svg>'
    )
    return "".join(parts)
