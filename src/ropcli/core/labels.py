"""Russian words for the English state values of docs/format.md, and how tables colour them."""

from __future__ import annotations

from ropcli.core.vocab import REPORT_KINDS

STATE_LABELS: dict[str, str] = {
    "revoked": "снят досрочно",
    "active": "действует",
    "expiring": "истекает",
    "expired": "истёк",
    "approved": "одобрена",
    "rejected": "отклонена",
    "submitted": "подана заявка",
    "draft": "черновик",
}

STATE_STYLES: dict[str, str] = {
    "revoked": "red",
    "active": "green",
    "expiring": "bold yellow",
    "expired": "red",
    "approved": "cyan",
    "rejected": "magenta",
    "submitted": "blue",
    "draft": "dim",
}

REPORT_STATE_LABELS: dict[str, str] = {
    "late": "с опозданием",
    "unagreed": "не согласован",
    "ok": "принят",
    "missing": "не сдан",
    "due": "срок сдачи идёт",
    "upcoming": "впереди",
}

REPORT_STATE_STYLES: dict[str, str] = {
    "late": "red",
    "unagreed": "yellow",
    "ok": "green",
    "missing": "bold red",
    "due": "bold yellow",
    "upcoming": "dim",
}

# Severities of problems as `ropcli rules` prints them (JSON keeps `error`, `warning`).
SEVERITY_WORDS: dict[str, str] = {"error": "ошибка", "warning": "предупреждение"}

# History events in the words of messages and tables.
EVENT_LABELS: dict[str, str] = {
    "assigned": "присвоение",
    "extension_requested": "заявка на продление",
    "extended": "продление",
    "revoked": "досрочное снятие",
}
TERM_EVENT_LABELS: dict[str, str] = {
    event: EVENT_LABELS[event] for event in ("assigned", "extended")
}


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


def report_state_label(state: str) -> str:
    return REPORT_STATE_LABELS.get(state, state)


def report_kind_label(kind: str) -> str:
    return REPORT_KINDS.get(kind, kind)


def report_name(kind: str, year: int | None) -> str:
    """«ежегодный, 2-й год» / «итоговый» — a required report as a table cell."""
    label = report_kind_label(kind)
    return f"{label}, {year}-й год" if year is not None else label


def report_subject(kind: str, term: int, year: int | None) -> str:
    """«ежегодный отчёт за 2-й год срока 1» / «итоговый отчёт за срок 1» — in sentences."""
    label = report_kind_label(kind)
    if year is not None:
        return f"{label} отчёт за {year}-й год срока {term}"
    return f"{label} отчёт за срок {term}"


def days_word(count: int) -> str:
    """«1 день», «3 дня», «11 дней»: Russian plural of «день»."""
    tens, ones = count % 100, count % 10
    if ones == 1 and tens != 11:
        return f"{count} день"
    if 2 <= ones <= 4 and not 12 <= tens <= 14:
        return f"{count} дня"
    return f"{count} дней"
