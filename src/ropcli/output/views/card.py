"""`ropcli show ID`: one site as a card — who, where, state at D, terms, deadlines, reports."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropcli.core.dates import short
from ropcli.core.labels import (
    REPORT_STATE_STYLES,
    STATE_STYLES,
    TERM_EVENT_LABELS,
    days_word,
    report_name,
    report_state_label,
    report_subject,
    state_label,
)
from ropcli.core.vocab import REVOCATION_REASONS
from ropcli.lifecycle import ReportStatus, Term
from ropcli.output.reporters.text import clause_label
from ropcli.output.views.console import put
from ropcli.output.views.tables import DASH, Column, day, fields_left_text, fitted, period
from ropcli.output.views.timeline import timeline
from ropcli.register.at_date import SiteCard


def _field(name: str, value: str | Text) -> Text:
    text = Text(f"{name}: ", style="bold")
    text.append(value if isinstance(value, Text) else Text(value))
    return text


def order_text(term: Term) -> str:
    number = f"№ {term.order_number}" if term.order_number else "без номера"
    return f"{number} от {short(term.order_date)}" if term.order_date else number


def state_text(card: SiteCard) -> Text:
    status = card.status
    text = Text(state_label(status.state), style=STATE_STYLES.get(status.state, ""))
    if status.state in ("active", "expiring") and status.term_end and status.days_left is not None:
        text.append(
            f" — срок {status.term}, до {short(status.term_end)} включительно, "
            f"осталось {days_word(status.days_left)}"
        )
    elif status.state == "revoked" and card.revocation is not None:
        text.append(f" с {short(card.revocation.effective)}")
    elif status.state == "expired" and status.term_end is not None:
        text.append(f" — срок {status.term} окончился {short(status.term_end)}")
    if card.site.fields_left is not None:
        text.append(f", {fields_left_text(card.site.fields_left)} (у заявки нет даты)")
    return text


def missing_lines(card: SiteCard) -> list[Text]:
    """A draft's fields still to fill: where in the file (as people read a path) and what."""
    lines = [Text(f"Осталось заполнить — {len(card.missing)}:", style="bold")]
    for missing in card.missing:
        clause = f" ({clause_label(missing.clause)})" if missing.clause else ""
        lines.append(Text(f"  {missing.heading} ({missing.path}){clause}"))
    return lines


def deadline_text(report: ReportStatus | None) -> Text:
    if report is None:
        return Text("нет — впереди отчётов не требуется")
    text = Text(f"{short(report.due)} — {report_subject(report.kind, report.term, report.year)} ")
    text.append(f"({report_state_label(report.state)})", style=REPORT_STATE_STYLES[report.state])
    return text


def overdue_text(card: SiteCard) -> Text | None:
    """Reports past their due date with no entry: what the coordinator chases first."""
    overdue = [r for r in card.reports if r.state == "missing"]
    if not overdue:
        return None
    parts = [f"{report_subject(r.kind, r.term, r.year)} (сдать до {short(r.due)})" for r in overdue]
    return Text("; ".join(parts), style=REPORT_STATE_STYLES["missing"])


def terms_table(console: Console, card: SiteCard) -> Table:
    columns: list[Column[Term]] = [
        Column("Срок", lambda t: str(t.number)),
        Column("Основание", lambda t: TERM_EVENT_LABELS.get(t.event, t.event), wrap=True),
        Column("Приказ", order_text, wrap=True),
        Column("Начало", lambda t: short(t.start)),
        Column("Окончание", lambda t: short(t.end)),
    ]
    return fitted(console, "Сроки статуса", columns, card.terms)


Cells = tuple[str | Text, ...]


def _cell(index: int) -> Callable[[Cells], str | Text]:
    return lambda cells: cells[index]


def reports_table(console: Console, card: SiteCard) -> Table:
    rows: list[Cells] = [
        (
            report_name(report.kind, report.year),
            str(report.term),
            period(report),
            short(report.due),
            Text(report_state_label(report.state), style=REPORT_STATE_STYLES[report.state]),
            day(report.submitted),
            day(report.agreed),
        )
        for report in card.reports
    ]
    for entry in card.interim:
        term = str(entry.term) if entry.term is not None else DASH
        rows.append(
            ("промежуточный", term, DASH, DASH, "не требуется", short(entry.submitted),
             day(entry.agreed))
        )  # fmt: skip
    columns: list[Column[Cells]] = [
        Column("Отчёт", _cell(0), wrap=True),
        Column("Срок", _cell(1), drop_rank=1),
        Column("Период", _cell(2), drop_rank=2, wrap=True),
        Column("Сдать до", _cell(3)),
        Column("Состояние", _cell(4), wrap=True),
        Column("Сдан", _cell(5)),
        Column("Согласован", _cell(6), drop_rank=3),
    ]
    return fitted(console, "Отчёты", columns, rows)


def ahead_text(card: SiteCard) -> Text | None:
    """Orders recorded for terms that start after D (an order dated ahead, say): the card
    at D has no such term yet, and without this line it would say nothing of them."""
    if not card.ahead:
        return None
    parts = [
        f"приказ {order_text(t)} ({TERM_EVENT_LABELS.get(t.event, t.event)}) — статус с "
        f"{short(t.start)} по {short(t.end)}"
        for t in card.ahead
    ]
    return Text("; ".join(parts), style="cyan")


def revocation_text(card: SiteCard) -> Text | None:
    revoked = card.revocation
    if revoked is None:
        return None
    order = f"приказ № {revoked.order_number}" if revoked.order_number else "приказ"
    if revoked.order_date is not None:
        order += f" от {short(revoked.order_date)}"
    reason = REVOCATION_REASONS.get(revoked.reason, revoked.reason)
    return Text(f"досрочно с {short(revoked.effective)} ({order}); основание: {reason}")


def show_card(console: Console, card: SiteCard) -> None:
    site = card.site
    title = Text(site.short_name or site.id, style="bold")
    title.append(f"  [{site.id}]", style="dim")
    put(console, title)
    put(console, _field("Организация", site.full_name or DASH))
    put(console, _field("Муниципалитет", site.municipality or DASH))
    put(console, _field(f"Состояние на {short(card.on)}", state_text(card)))
    ahead = ahead_text(card)
    if ahead is not None:
        put(console, _field("Впереди", ahead))
    revoked = revocation_text(card)
    if revoked is not None:
        put(console, _field("Снятие статуса", revoked))
    overdue = overdue_text(card)
    if overdue is not None:
        put(console, _field("Не сдано в срок", overdue))
    put(console, _field("Ближайший срок", deadline_text(card.next_deadline)))
    put(console, "")
    if card.missing:
        for line in missing_lines(card):
            put(console, line, soft_wrap=True)
        put(console, "")
    if card.terms:
        put(console, terms_table(console, card))
    else:
        put(console, f"Сроков статуса на {short(card.on)} нет.")
    put(console, "")
    if card.reports or card.interim:
        put(console, reports_table(console, card))
    else:
        put(console, f"Отчётов на {short(card.on)} не требуется.")
    lines = timeline(card, console.width)
    if lines:
        put(console, "")
        put(console, Text("Хронология", style="bold"))
        for line in lines:
            put(console, line, soft_wrap=True)
