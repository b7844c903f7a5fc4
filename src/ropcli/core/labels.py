"""Russian words for the English state values of docs/format.md, and how tables colour them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ropcli.core.vocab import (
    ACTIVITY_KINDS,
    EXPERT_DECISIONS,
    MUNICIPALITY_KINDS,
    REPORT_KINDS,
    REVOCATION_REASONS,
    SITE_TYPES,
)

STATE_LABELS: dict[str, str] = {
    "revoked": "снят досрочно",
    "active": "действует",
    "expiring": "истекает",
    "expired": "истёк",
    "approved": "одобрен",  # the forms agree with «статус», as «истёк» and «снят» do
    "rejected": "отклонён",
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


def plural(count: int, one: str, few: str, many: str) -> str:
    """The Russian form for `count`: plural(3, "день", "дня", "дней") is «дня»."""
    tens, ones = count % 100, count % 10
    if ones == 1 and tens != 11:
        return one
    if 2 <= ones <= 4 and not 12 <= tens <= 14:
        return few
    return many


def days_word(count: int) -> str:
    """«1 день», «3 дня», «11 дней»."""
    return f"{count} {plural(count, 'день', 'дня', 'дней')}"


# What a person may type for a coded value: the English code or any of these Russian words
# (`lookup`: any case, ё or е). The first word is the one help and error messages show.
SITE_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "school": ("школа", SITE_TYPES["school"]),
    "additional_education": (
        "дополнительное образование",
        "доп. образование",
        SITE_TYPES["additional_education"],
    ),
    "vocational": ("колледж", "техникум", SITE_TYPES["vocational"]),
}
DECISION_WORDS: dict[str, tuple[str, ...]] = {
    "approved": (EXPERT_DECISIONS["approved"], "одобрено", "одобрена"),
    "rejected": (EXPERT_DECISIONS["rejected"], "отклонено", "отклонена", "отказ"),
}
REASON_WORDS: dict[str, tuple[str, ...]] = {
    "no_conditions": ("нет условий", REVOCATION_REASONS["no_conditions"]),
    "negative_effects": ("негативные эффекты", REVOCATION_REASONS["negative_effects"]),
    "law_violation": ("нарушение законодательства", REVOCATION_REASONS["law_violation"]),
}


def words_of(labels: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    return {code: (label,) for code, label in labels.items()}


STATE_WORDS = words_of(STATE_LABELS) | {
    "expired": ("истёк", "истек", "истекший"),
    "approved": (STATE_LABELS["approved"], "одобрена"),  # the earlier spellings still read
    "rejected": (STATE_LABELS["rejected"], "отклонена"),
}
REPORT_STATE_WORDS = words_of(REPORT_STATE_LABELS)
REPORT_KIND_WORDS = words_of(REPORT_KINDS)
ACTIVITY_KIND_WORDS = words_of(ACTIVITY_KINDS)


def folded(text: str) -> str:
    """For comparing what was typed: any case, ё as е, runs of spaces as one."""
    return " ".join(text.casefold().replace("ё", "е").split())


def lookup(value: str, table: Mapping[str, Sequence[str]]) -> str | None:
    """The code `value` names — the code itself or one of its Russian words — or None."""
    wanted = folded(value)
    for code, names in table.items():
        if wanted == folded(code) or any(wanted == folded(name) for name in names):
            return code
    return None


def municipality_words(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Municipality id → how it may be typed: «Хомутовский район», «Хомутовский»,
    «город Курск», «Курск», «г. Курск»."""
    table: dict[str, tuple[str, ...]] = {}
    for code, name in names.items():
        short = name
        for kind in ("район", "округ", *MUNICIPALITY_KINDS.values()):
            short = short.removesuffix(f" {kind}")
        short = short.removeprefix("город ")
        table[code] = (name, short, f"г. {short}")
    return table
