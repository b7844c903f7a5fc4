"""The timeline of `ropcli show`: terms as bars over the years, D and report due dates marked.

    2023        2024        2025        2026        2027        2028        2029
    ├───────────├───────────├───────────├───────────├───────────├───────────├───────────┤
    срок 1          ████████████████████████████████████┊
    срок 2                                              ┊█████████████████████████████████
    отчёты                 ✓           ✓           ✓    ┊       ○
                                                        ▲ 01.09.2026

Only layout happens here (a date becomes a column); the dates themselves — term ends,
due dates, the revocation — come from `ropcli.lifecycle`. Every mark has its own glyph,
so the picture reads the same without colour (NO_COLOR, a pipe, a file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.text import Text

from ropcli.core.dates import short
from ropcli.core.labels import report_state_label
from ropcli.register.at_date import SiteCard

BAR, CUT, AXIS, TICK, END_TICK, NOW_LINE, NOW_MARK = "█", "░", "─", "├", "┤", "┊", "▲"
REPORT_GLYPHS = {
    "missing": "!",
    "late": "!",
    "unagreed": "?",
    "due": "◆",
    "upcoming": "○",
    "ok": "✓",
}
REPORT_GLYPH_STYLES = {
    "missing": "bold red",
    "late": "red",
    "unagreed": "yellow",
    "due": "bold yellow",
    "upcoming": "cyan",
    "ok": "green",
}
# When two due dates fall into one column, the mark that asks for action wins.
SEVERITY = ("missing", "late", "unagreed", "due", "upcoming", "ok")
LABEL_WIDTH = 12
MIN_YEAR_WIDTH, MAX_YEAR_WIDTH = 6, 12


@dataclass
class Row:
    label: str
    cells: list[tuple[str, str]] = field(default_factory=list)

    def put(self, column: int, glyph: str, style: str = "") -> None:
        while len(self.cells) <= column:
            self.cells.append((" ", ""))
        self.cells[column] = (glyph, style)

    def glyph(self, column: int) -> str:
        return self.cells[column][0] if column < len(self.cells) else " "

    def text(self) -> Text:
        text = Text()
        text.append(self.label.ljust(LABEL_WIDTH), style="bold")
        for glyph, style in self.cells:
            text.append(glyph, style=style)
        text.rstrip()
        return text


@dataclass(frozen=True)
class Scale:
    """Years `first`..`last`, `per_year` characters each; January 1 sits on a tick."""

    first: int
    last: int
    per_year: int

    def column(self, day: date) -> int:
        year_length = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
        within = (day - date(day.year, 1, 1)).days * self.per_year // year_length
        return (day.year - self.first) * self.per_year + within

    @property
    def span(self) -> int:
        return (self.last - self.first + 1) * self.per_year


def scale_for(card: SiteCard, width: int) -> Scale | None:
    days = [t.start for t in card.terms] + [t.end for t in card.terms]
    days += [r.due for r in card.reports]
    if not days:
        return None
    days.append(card.on)
    first, last = min(days).year, max(days).year
    years = last - first + 1
    per_year = (width - LABEL_WIDTH) // years
    return Scale(first, last, max(MIN_YEAR_WIDTH, min(MAX_YEAR_WIDTH, per_year)))


def _axis(scale: Scale) -> tuple[Row, Row]:
    labels, axis = Row(""), Row("")
    for year in range(scale.first, scale.last + 1):
        start = (year - scale.first) * scale.per_year
        for offset, char in enumerate(str(year)):
            labels.put(start + offset, char)
        axis.put(start, TICK, "dim")
        for offset in range(1, scale.per_year):
            axis.put(start + offset, AXIS, "dim")
    axis.put(scale.span, END_TICK, "dim")
    return labels, axis


def _term_rows(card: SiteCard, scale: Scale) -> list[Row]:
    current = card.status.term if card.status.state in ("active", "expiring") else None
    cut_from = card.revocation.effective if card.revocation else None
    rows = []
    for term in card.terms:
        row = Row(f"срок {term.number}")
        style = "green" if term.number == current else "cyan" if term.start > card.on else "blue"
        first, last = scale.column(term.start), scale.column(term.end)
        cut = scale.column(cut_from) if cut_from is not None and cut_from <= term.end else None
        for column in range(first, last + 1):
            if cut is not None and column >= cut:
                row.put(column, CUT, "red")
            else:
                row.put(column, BAR, style)
        rows.append(row)
    return rows


def _report_row(card: SiteCard, scale: Scale) -> Row:
    row = Row("отчёты")
    ranks: dict[int, int] = {}
    for report in card.reports:
        column, rank = scale.column(report.due), SEVERITY.index(report.state)
        if column not in ranks or rank < ranks[column]:
            ranks[column] = rank
            row.put(column, REPORT_GLYPHS[report.state], REPORT_GLYPH_STYLES[report.state])
    return row


def legend(card: SiteCard) -> Text:
    text = Text("", style="dim")
    items = [(BAR, "срок статуса")]
    if card.revocation is not None:
        items.append((CUT, "после досрочного снятия"))
    shown = dict.fromkeys(r.state for r in card.reports)
    for state in SEVERITY:
        if state in shown:
            items.append((REPORT_GLYPHS[state], f"отчёт {report_state_label(state)}"))
    items.append((NOW_MARK, f"дата {short(card.on)}"))
    text.append("  ".join(f"{glyph} {label}" for glyph, label in items))
    return text


def timeline(card: SiteCard, width: int) -> list[Text]:
    """The timeline as lines of text, at most about `width` characters wide."""
    scale = scale_for(card, width)
    if scale is None:
        return []
    labels, axis = _axis(scale)
    body = [*_term_rows(card, scale)]
    if card.reports:
        body.append(_report_row(card, scale))
    now = scale.column(card.on)
    for row in body:
        if row.glyph(now) == " ":
            row.put(now, NOW_LINE, "bold magenta")
    marker = Row("")
    marker.put(now, NOW_MARK, "bold magenta")
    for offset, char in enumerate(f" {short(card.on)}", start=1):
        marker.put(now + offset, char, "bold magenta")
    return [r.text() for r in (labels, axis, *body, marker)] + [legend(card)]
