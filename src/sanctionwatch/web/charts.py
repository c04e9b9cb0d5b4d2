"""Small SVG charts drawn on the server: an entry's timeline and a list's change history.

Pure functions from data to SVG markup; text is escaped, sizes are in a
viewBox so the pictures scale on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 720
LABEL_W = 220
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


def _short(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def timeline_svg(
    spans: list[Span], today: date, title: str, marks: list[date] | None = None
) -> str:
    """Horizontal bars, one row per span, on a shared date axis ending today.

    ``marks`` are release dates, drawn as dashed lines so a reader sees which
    releases carried each value.
    """
    if not spans:
        return ""
    marks = sorted(set(marks or []))
    lo = min([s.start for s in spans] + marks[:1])
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
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(_short(s.label))}</text>'
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 3):.1f}" height="{ROW_H - 8}" '
            f'class="bar {escape(s.kind)}"><title>{escape(s.label)}: {s.start.isoformat()} to {until}</title></rect>'
        )
    axis_y = PAD + ROW_H * len(spans) + 4
    parts.append(
        f'<line x1="{LABEL_W}" x2="{WIDTH - PAD}" y1="{axis_y}" y2="{axis_y}" class="axis"/>'
    )
    for d in marks:  # on top of the bars, so each release is visible across every row
        mx = _x(d, lo, hi)
        parts.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{PAD}" y2="{axis_y}" class="mark"/>'
            f'<circle cx="{mx:.1f}" cy="{axis_y}" r="4" class="release">'
            f"<title>release of {d.isoformat()}</title></circle>"
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
    """Changes between two consecutive releases (``start`` to ``when``)."""

    start: date
    when: date
    label: str
    added: int
    removed: int
    amended: int


def changes_svg(steps: list[Step], title: str) -> str:
    """A release time line (one dot per release), then one row per step with its three counts.

    Bars use a square-root scale so a 4-entry change stays visible next to a
    650-entry one; every bar carries its number.
    """
    if not steps:
        return ""
    dates = sorted({s.start for s in steps} | {s.when for s in steps})
    lo, hi = dates[0], dates[-1]
    left, right = 24, WIDTH - 24
    axis_h = 64
    row_h = 58
    height = axis_h + row_h * len(steps) + 8

    def x(d: date) -> float:
        return left + (right - left) * (d - lo).days / max((hi - lo).days, 1)

    parts = [
        (
            f'<svg class="chart changes" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        ),
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" x2="{right}" y1="24" y2="24" class="axis"/>',
    ]
    for i, d in enumerate(dates):
        anchor = "start" if i == 0 else ("end" if i == len(dates) - 1 else "middle")
        y = 44 if i % 2 == 0 else 58
        parts.append(
            f'<circle cx="{x(d):.1f}" cy="24" r="5" class="release"><title>release of {d.isoformat()}</title></circle>'
            f'<text x="{x(d):.1f}" y="{y}" text-anchor="{anchor}" class="tick">{d.isoformat()}</text>'
        )
    peak = max(max(s.added, s.removed, s.amended, 1) for s in steps) ** 0.5
    bar_left, bar_right = 150, WIDTH - 110
    for row, s in enumerate(reversed(steps)):
        y0 = axis_h + row * row_h
        parts.append(
            f'<text x="{left}" y="{y0 + 24}" class="lbl">{s.start.isoformat()} →</text>'
            f'<text x="{left}" y="{y0 + 38}" class="lbl">{s.when.isoformat()}</text>'
        )
        for j, (kind, count) in enumerate(
            (("added", s.added), ("removed", s.removed), ("amended", s.amended))
        ):
            w = (bar_right - bar_left) * (count**0.5) / peak
            y = y0 + 8 + j * 15
            parts.append(
                f'<rect x="{bar_left}" y="{y}" width="{max(w, 1):.1f}" height="12" class="bar {kind}">'
                f"<title>{count} {kind}</title></rect>"
                f'<text x="{bar_left + max(w, 1) + 5:.1f}" y="{y + 10}" class="tick">{count} {kind}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
