"""The reminder schedule: for one site at D, the occasions it has and the latest stage of
each whose date has come.

An occasion is a required report with no record submitted by D (annual or final,
п. 4.2.5, 5.3), or a status term that ends with no extension request (п. 6.9). Its stages:
N days before a report is due (`report_days_before`, default 14 and 3), on the due day,
then every `overdue_every_days` (7) while it is missing; `extension_days_before` (90) days
before a term ends. Only the latest stage whose date is not after D counts, so a job that
skipped days sends one letter, not a burst.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ropcli import lifecycle
from ropcli.core.settings import Settings
from ropcli.lifecycle import ReportStatus

# Report states with no record submitted by D: the report is still owed.
OWED_STATES = ("upcoming", "due", "missing")
REPORT = "report"
EXTENSION = "extension"


@dataclass(frozen=True)
class Schedule:
    report_days_before: tuple[int, ...] = (14, 3)
    on_due_day: bool = True
    overdue_every_days: int = 7
    extension_days_before: int = 90

    @classmethod
    def from_settings(cls, settings: Settings) -> Schedule:
        data: Mapping[str, Any] = settings.reminders
        default = cls()
        return cls(
            tuple(sorted(set(data.get("report_days_before", default.report_days_before)))),
            bool(data.get("on_due_day", default.on_due_day)),
            int(data.get("overdue_every_days", default.overdue_every_days)),
            int(data.get("extension_days_before", default.extension_days_before)),
        )


@dataclass(frozen=True)
class Stage:
    key: str  # «before-14», «due», «overdue-3», «extension-90»: unique within an occasion
    day: date  # when the stage comes
    label: str  # Russian, for the table


@dataclass(frozen=True)
class Occasion:
    site: str
    kind: str  # REPORT | EXTENSION
    key: str  # «annual-1-2», «final-1», «extension-1»
    stage: Stage  # the latest stage whose day is not after D
    report: ReportStatus | None = None
    term_end: date | None = None  # extension: the last day of the status

    @property
    def ledger_key(self) -> str:
        return f"{self.site}/{self.key}/{self.stage.key}/{self.stage.day.isoformat()}"


def report_stage(due: date, schedule: Schedule, on: date) -> Stage | None:
    """The latest stage of a report due on `due` whose day is not after `on`."""
    every = schedule.overdue_every_days
    if on > due and every > 0 and (on - due).days >= every:
        count = (on - due).days // every
        return Stage(f"overdue-{count}", due + timedelta(days=every * count), _overdue(count))
    if on >= due and schedule.on_due_day:
        return Stage("due", due, "в день срока")
    if on > due:
        return None  # after the due day, with no due-day stage and no week passed yet
    for days in sorted(schedule.report_days_before):
        if due - timedelta(days=days) <= on:
            return Stage(f"before-{days}", due - timedelta(days=days), f"за {days} дн. до срока")
    return None


def _overdue(count: int) -> str:
    return f"срок прошёл, напоминание {count}"


def report_occasions(
    site_id: str, data: Mapping[str, Any], settings: Settings, schedule: Schedule, on: date
) -> list[Occasion]:
    occasions = []
    for report in lifecycle.required_reports(data, settings, on):
        if report.state not in OWED_STATES:
            continue
        stage = report_stage(report.due, schedule, on)
        if stage is None:
            continue
        key = "-".join(str(p) for p in (report.kind, report.term, report.year) if p is not None)
        occasions.append(Occasion(site_id, REPORT, key, stage, report=report))
    return occasions


def extension_occasion(
    site_id: str, data: Mapping[str, Any], settings: Settings, schedule: Schedule, on: date
) -> Occasion | None:
    """The status holds at D, its term ends within `extension_days_before` days, and no
    extension request, later term or revocation is known at D."""
    days = schedule.extension_days_before
    status = lifecycle.site_status(data, settings, on)
    if days <= 0 or status.state not in ("active", "expiring") or status.term_end is None:
        return None
    current = status.term
    known = lifecycle.terms(data, on)
    if any(t.number > (current or 0) for t in known) or lifecycle.revocation(data, on):
        return None
    start = status.term_start or status.term_end
    for event in data.get("history") or []:
        when = lifecycle.event_date(event)
        if event.get("event") == "extension_requested" and when and start <= when <= on:
            return None
    day = status.term_end - timedelta(days=days)
    if on < day:
        return None
    stage = Stage(f"extension-{days}", day, f"за {days} дн. до окончания статуса")
    return Occasion(site_id, EXTENSION, f"extension-{current}", stage, term_end=status.term_end)


def occasions(
    site_id: str, data: Mapping[str, Any], settings: Settings, schedule: Schedule, on: date
) -> list[Occasion]:
    """Every occasion of one site at D with its latest stage that has come."""
    found = report_occasions(site_id, data, settings, schedule, on)
    extension = extension_occasion(site_id, data, settings, schedule, on)
    return [*found, *([extension] if extension else [])]
