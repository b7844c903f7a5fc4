"""Russian words of the reminder letters: subjects and dates (names: `ropcli.core.persons`)."""

from __future__ import annotations

from ropcli.core.dates import long, short
from ropcli.core.labels import report_subject
from ropcli.core.persons import addressee, dative_name, initials, salutation

from .schedule import EXTENSION, Occasion

__all__ = ["addressee", "dative_name", "initials", "ru_date", "salutation", "subject"]


def subject(occasion: Occasion) -> str:
    """The e-mail's subject line."""
    if occasion.kind == EXTENSION and occasion.term_end is not None:
        return f"Статус РОП истекает {short(occasion.term_end)}: подайте заявку на продление"
    report = occasion.report
    assert report is not None
    what = report_subject(report.kind, report.term, report.year)
    stage = occasion.stage.key
    if stage == "due":
        return f"Сегодня срок представления: {what}"
    if stage.startswith("overdue"):
        return f"Не представлен {what} (срок — {short(report.due)})"
    return f"Напоминание: {what} — представить до {short(report.due)}"


def ru_date(value: object) -> str:
    from datetime import date

    if not isinstance(value, date):
        raise TypeError(f"ожидалась дата, а не {type(value).__name__}")
    return long(value)
