"""`reports --format ics`: deadlines as an iCalendar file a coordinator subscribes to.

One all-day event per required report (on its due date) and per term end, each with
reminders 30 and 7 days before. UIDs depend only on what the event is about (site, kind,
term, year), never on D or on the state, so a calendar that re-reads the file updates an
event instead of adding a copy. DTSTAMP comes from D, so the same registry and the same
`--on` give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from ropcli.core.dates import short
from ropcli.core.labels import report_state_label, report_subject
from ropcli.lifecycle import ReportStatus
from ropcli.register.at_date import ReportRow, SiteRecord, TermEnd

PRODID = "-//ropcli//Реестр региональных опорных площадок наставничества//RU"
UID_DOMAIN = "ropcli"
REMINDER_DAYS = (30, 7)


def report_uid(report: ReportStatus) -> str:
    year = f"-y{report.year}" if report.year is not None else ""
    return f"report-{report.site}-{report.kind}-t{report.term}{year}@{UID_DOMAIN}"


def term_end_uid(end: TermEnd) -> str:
    return f"term-end-{end.site.id}-t{end.term.number}@{UID_DOMAIN}"


def _site_lines(site: SiteRecord) -> list[str]:
    return [
        f"Площадка: {site.id}",
        f"Организация: {site.full_name or site.short_name}",
        f"Муниципалитет: {site.municipality}",
    ]


def _state_line(report: ReportStatus, on: date) -> str:
    line = f"Состояние на {short(on)}: {report_state_label(report.state)}"
    facts = []
    if report.submitted is not None:
        facts.append(f"сдан {short(report.submitted)}")
    if report.agreed is not None:
        facts.append(f"согласован {short(report.agreed)}")
    return f"{line} ({', '.join(facts)})" if facts else line


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    # DTEND of an all-day event is exclusive: the next day (RFC 5545, 3.6.1).
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["РОП"])
    for days in REMINDER_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Через {days} дн.: {summary}")
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    return event


def report_event(row: ReportRow, on: date, stamp: datetime) -> Event:
    report = row.report
    subject = report_subject(report.kind, report.term, report.year)
    lines = [
        *_site_lines(row.site),
        f"Отчёт: {subject}",
        f"Период: {short(report.period_start)}–{short(report.period_end)}",
        f"Сдать до: {short(report.due)}",
        _state_line(report, on),
    ]
    summary = f"РОП {row.site.short_name}: {subject}"
    return _event(report_uid(report), report.due, summary, "\n".join(lines), stamp)


def term_end_event(end: TermEnd, stamp: datetime) -> Event:
    term = end.term
    order = f"приказ № {term.order_number}"
    if term.order_date is not None:
        order += f" от {short(term.order_date)}"
    lines = [
        *_site_lines(end.site),
        f"Срок статуса {term.number}: {short(term.start)}–{short(term.end)} ({order})",
        f"Последний день срока: {short(term.end)}",
    ]
    summary = f"РОП {end.site.short_name}: окончание срока {term.number} статуса"
    return _event(term_end_uid(end), term.end, summary, "\n".join(lines), stamp)


def calendar_bytes(
    reports: Sequence[ReportRow], ends: Sequence[TermEnd], on: date, *, region: str
) -> bytes:
    stamp = datetime(on.year, on.month, on.day, tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Отчёты РОП — {region}")
    calendar.add("x-wr-caldesc", f"Сроки отчётов и статуса площадок на {short(on)} (ropcli)")
    events = [report_event(row, on, stamp) for row in reports]
    events += [term_end_event(end, stamp) for end in ends]
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        calendar.add_component(event)
    return bytes(calendar.to_ical())
