"""Charts as inline SVG, drawn when the site is built: no script, no library, readable
in print and by screen readers (a title, a description, and the same numbers in a table
beside each chart)."""

from __future__ import annotations

from markupsafe import Markup, escape

from .stats import Series

# Colours with enough contrast on white (WCAG AA for large graphics, ≥ 3:1).
PALETTE = ("#1f5f9e", "#b3461b", "#6b6b6b", "#2e7d32")
WIDTH = 720
BAR_HEIGHT, GAP, LABEL_WIDTH = 22, 6, 230


def _text(x: float, y: float, value: str, anchor: str = "start", size: int = 13) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="#1a1a1a">{escape(value)}</text>'
    )


def _frame(series: Series, height: int, body: list[str]) -> Markup:
    title = escape(series.title)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="chart-{series.id}-title">'
        f'<title id="chart-{series.id}-title">{title}</title>' + "".join(body) + "</svg>"
    )


def _legend(series: Series, y: float) -> list[str]:
    parts: list[str] = []
    x = float(LABEL_WIDTH)
    if len(series.columns) < 2:
        return parts
    for index, name in enumerate(series.columns):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, y, name))
        x += 24 + 8 * len(name)
    return parts


def bars(series: Series) -> Markup:
    """Horizontal stacked bars, one line per row; the total is written at the end."""
    top = 24 if len(series.columns) > 1 else 4
    height = top + len(series.rows) * (BAR_HEIGHT + GAP) + 4
    biggest = max((sum(values) for _, values in series.rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - 60) / biggest
    body = _legend(series, 14)
    for index, (label, values) in enumerate(series.rows):
        y = top + index * (BAR_HEIGHT + GAP)
        shown = label if len(label) <= 32 else label[:31] + "…"
        body.append(_text(LABEL_WIDTH - 8, y + BAR_HEIGHT - 6, shown, "end"))
        x = float(LABEL_WIDTH)
        for column, value in enumerate(values):
            width = value * scale
            colour = PALETTE[column % len(PALETTE)]
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{colour}"/>'
            )
            x += width
        body.append(_text(x + 6, y + BAR_HEIGHT - 6, str(sum(values))))
    return _frame(series, height, body)


def line(series: Series) -> Markup:
    """A line with a dot and its value at every point; dates under the axis."""
    height, left, bottom, top = 260, 50, 200, 20
    values = [v[0] for _, v in series.rows]
    biggest = max(values, default=0) or 1
    count = len(values)
    step = (WIDTH - left - 20) / max(count - 1, 1)

    def point(i: int, v: int) -> tuple[float, float]:
        return left + i * step, bottom - (bottom - top) * v / biggest

    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" stroke="#555"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#555"/>',
        _text(left - 6, bottom + 4, "0", "end"),
        _text(left - 6, top + 4, str(biggest), "end"),
    ]
    points = [point(i, v) for i, v in enumerate(values)]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
        )
    every = max(1, count // 10)
    for i, ((label, _), (x, y), v) in enumerate(zip(series.rows, points, values, strict=True)):
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PALETTE[0]}"/>')
        if i % every == 0 or i == count - 1:
            body.append(_text(x, y - 8, str(v), "middle", 12))
            body.append(
                f'<text x="{x:.1f}" y="{bottom + 16}" font-size="11" text-anchor="end" '
                f'fill="#1a1a1a" transform="rotate(-35 {x:.1f} {bottom + 16})">'
                f"{escape(label)}</text>"
            )
    return _frame(series, height, body)


def chart(series: Series) -> Markup:
    return line(series) if series.kind == "line" else bars(series)
