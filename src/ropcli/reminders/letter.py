"""One reminder letter: its text from the sandboxed template `reminder-mail.txt.j2`
(built in, or the registry's `templates/` override) and the e-mail around it.

The template gets plain values only (`letter_context`) and the filters `ru_date`,
`short_date`, `initials`; undefined names are errors, never blanks. Text is plain (no
escaping): it is the body of a text/plain message in UTF-8.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import jinja2

from ropcli.core.dates import short
from ropcli.core.labels import report_state_label, report_subject
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.resources import data_dir
from ropcli.core.settings import Settings
from ropcli.core.templating import (
    FolderLoader,
    SafeEnvironment,
    TemplateRefused,
    template_folders,
)

from . import words
from .schedule import Occasion

TEMPLATE = "reminder-mail.txt.j2"
SIGNATORY = ("signatory_position", "signatory_name")


@dataclass(frozen=True)
class Letter:
    occasion: Occasion
    site_name: str
    to_name: str
    to_address: str
    subject: str
    body: str

    @property
    def file_name(self) -> str:
        """From ids and dates only: «oboyan-gimn-1-annual-1-2-2026-11-20.eml»."""
        return f"{self.occasion.site}-{self.occasion.key}-{self.occasion.stage.day}.eml"

    def message(self, sender: str | None, on: date, *, to: str | None = None) -> EmailMessage:
        """The e-mail; `to` replaces the recipient (test sending to oneself)."""
        message = EmailMessage()
        if sender:
            message["From"] = sender
        # A header is one line: a line break in a name from a site file would be a header
        # of its own (`\nBcc: …`), so whitespace in header values is folded to spaces.
        # Address quotes the display name as a whole: formataddr would leave the ASCII part
        # of a mixed name unquoted, and «Зуева Bcc: evil@example.com» would add a recipient.
        message["To"] = to or Address(
            display_name=_one_line(self.to_name), addr_spec=self.to_address
        )
        if to:
            message["X-Ropcli-Intended-To"] = self.to_address
        message["Subject"] = _one_line(self.subject)
        stamp = datetime.combine(on, time(9, 0)).astimezone()
        message["Date"] = email.utils.format_datetime(stamp)
        domain = (email.utils.parseaddr(sender or "")[1].rpartition("@")[2]) or "ropcli.local"
        message["Message-ID"] = email.utils.make_msgid("ropcli", domain=domain)
        message.set_content(self.body, charset="utf-8")
        return message


def _one_line(text: str) -> str:
    return " ".join(text.split())


def environment(root: Path | None) -> jinja2.Environment:
    try:
        folders = template_folders(root, data_dir("templates"))
    except TemplateRefused as exc:
        raise RopcliError(exc.message or str(exc), ExitCode.CANNOT_RUN) from None
    env = SafeEnvironment(
        loader=FolderLoader(folders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(ru_date=words.ru_date, short_date=short, initials=words.initials, days=_days)
    return env


def _days(count: int) -> str:
    from ropcli.core.labels import days_word

    return days_word(count)


def require_signatory(settings: Settings) -> None:
    missing = [f"regional_center.{k}" for k in SIGNATORY if not settings.regional_center.get(k)]
    if missing:
        raise RopcliError(
            "напоминания не составить: в ropcli.yaml реестра не задано "
            f"{', '.join(missing)} — кто подписывает письма центра (должность и "
            "И. О. Фамилия); в письме не должно оставаться пропусков",
            ExitCode.CANNOT_RUN,
        )


def letter_context(
    occasion: Occasion, site: Mapping[str, Any], settings: Settings, on: date
) -> dict[str, Any]:
    organization = site["organization"]
    head = organization["head"]
    report = occasion.report
    return {
        "on": on,
        "site": {
            "id": occasion.site,
            "short_name": organization["short_name"],
            "full_name": organization["full_name"],
            "head": dict(head),
            "contact": dict(site["passport"]["contact"]),
        },
        "addressee": words.addressee(head["position"], organization["short_name"], head["name"]),
        "salutation": words.salutation(head["name"]),
        "kind": occasion.kind,
        "stage": {"key": occasion.stage.key, "day": occasion.stage.day},
        "report": None
        if report is None
        else {
            "kind": report.kind,
            "subject": report_subject(report.kind, report.term, report.year),
            "period_start": report.period_start,
            "period_end": report.period_end,
            "due": report.due,
            "state": report.state,
            "state_label": report_state_label(report.state),
            "days_to_due": (report.due - on).days,
        },
        "term_end": occasion.term_end,
        "days_left": (occasion.term_end - on).days if occasion.term_end else None,
        "regional_center": dict(settings.regional_center),
        "annual_due_days": settings.annual_due_days,
        "final_due_days": settings.final_due_days,
    }


def compose(
    env: jinja2.Environment,
    occasion: Occasion,
    site: Mapping[str, Any],
    settings: Settings,
    on: date,
) -> Letter:
    context = letter_context(occasion, site, settings, on)
    try:
        body = env.get_template(TEMPLATE).render(context)
    except TemplateRefused as exc:
        raise _template_error(exc.message or "шаблон нарушает правила безопасности") from None
    except jinja2.UndefinedError as exc:
        raise _template_error(f"нет такого значения ({exc.message})") from None
    except jinja2.TemplateNotFound as exc:
        raise _template_error(f"нет шаблона {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        where = f", строка {exc.lineno}" if exc.lineno else ""
        raise _template_error(f"синтаксическая ошибка Jinja{where} ({exc.message})") from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise _template_error(f"{type(exc).__name__}: {exc}") from None
    contact = site["passport"]["contact"]
    return Letter(
        occasion,
        site["organization"]["short_name"],
        contact["name"],
        contact["email"],
        words.subject(occasion),
        body.strip("\n") + "\n",
    )


def _template_error(reason: str) -> RopcliError:
    return RopcliError(f"ошибка в шаблоне {TEMPLATE}: {reason}", ExitCode.CANNOT_RUN)
