"""`ropcli remind` for people: who gets which reminder (a plain aligned table), and what
happened to each message sent."""

from __future__ import annotations

from collections.abc import Sequence

from ropcli.core.dates import short
from ropcli.core.safetext import printable
from ropcli.reminders.letter import Letter
from ropcli.reminders.plan import Outcome

HEADERS = ("Площадка", "Кому", "Повод", "Этап", "Дата этапа")


def _occasion(letter: Letter) -> str:
    report = letter.occasion.report
    if report is None:
        return "заявка на продление (п. 6.9)"
    year = f", год {report.year}" if report.year is not None else ""
    kind = "ежегодный" if report.kind == "annual" else "итоговый"
    return f"{kind} отчёт, срок {report.term}{year}, сдать до {short(report.due)}"


def rows(letters: Sequence[Letter]) -> list[tuple[str, ...]]:
    return [
        (
            printable(item.occasion.site),
            printable(f"{item.to_name} <{item.to_address}>"),
            _occasion(item),
            item.occasion.stage.label,
            short(item.occasion.stage.day),
        )
        for item in letters
    ]


def table(letters: Sequence[Letter], extra: Sequence[str] = (), header: str = "") -> str:
    """Columns padded to their widest cell; `extra` is a last column (file or result)."""
    body = [(*row, *([extra[i]] if extra else [])) for i, row in enumerate(rows(letters))]
    head = (*HEADERS, *([header] if extra else []))
    widths = [max(len(r[c]) for r in [head, *body]) for c in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [head, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def outcome_column(outcomes: Sequence[Outcome]) -> list[str]:
    return [
        f"отправлено → {printable(o.to)}" if o.error is None else f"ОШИБКА: {printable(o.error)}"
        for o in outcomes
    ]
