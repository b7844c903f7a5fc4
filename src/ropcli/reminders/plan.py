"""The register at D → the reminder letters due, less what the ledger says was sent; and
the sending of them, one outcome per letter."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ropcli.core.problems import ExitCode, RopcliError
from ropcli.validation.check import CheckResult
from ropcli.validation.completeness import is_draft
from ropcli.validation.registry import Registry, site_id_of

from . import letter as letters
from .ledger import Ledger
from .mail import PASSWORD_VARIABLE, MailSettings, Sender, SendError
from .schedule import Schedule, occasions


@dataclass
class Plan:
    on: date
    letters: list[letters.Letter]  # due and not yet sent, by site id then occasion
    already_sent: int = 0  # due, but in the ledger
    skipped: list[str] = field(default_factory=list)  # site files with errors
    mail: MailSettings | None = None
    ledger: Ledger | None = None


@dataclass(frozen=True)
class Outcome:
    letter: letters.Letter
    to: str
    error: str | None  # None: sent


def ledger_path(registry: Registry, mail: MailSettings) -> Path:
    path = Path(mail.ledger)
    return path if path.is_absolute() else registry.root / path


def plan(registry: Registry, result: CheckResult, on: date) -> Plan:
    """Every letter due at `on`: per site and occasion, the latest stage that has come."""
    settings = registry.settings
    letters.require_signatory(settings)
    schedule = Schedule.from_settings(settings)
    mail = MailSettings.from_settings(settings.mail)
    ledger = Ledger.read(ledger_path(registry, mail)) if mail else None
    env = letters.environment(registry.root)
    due: list[letters.Letter] = []
    sent = 0
    for site in sorted(result.valid_sites(), key=lambda s: site_id_of(s.file)):
        if is_draft(site.data):  # no dated application: nothing to remind a draft of
            continue
        site_id = site_id_of(site.file)
        for occasion in occasions(site_id, site.data, settings, schedule, on):
            if ledger is not None and occasion.ledger_key in ledger:
                sent += 1
                continue
            due.append(letters.compose(env, occasion, site.data, settings, on))
    skipped = sorted(site_id_of(f) for f in result.files_with_errors())
    return Plan(on, due, sent, skipped, mail, ledger)


def ready_to_send(plan: Plan) -> tuple[MailSettings, Ledger, str | None]:
    """The mail settings, the ledger and the password, or why sending cannot start (3)."""
    mail, ledger = plan.mail, plan.ledger
    if mail is None or ledger is None:
        raise RopcliError(
            "для --send в ropcli.yaml реестра нужен раздел mail: (host, from; docs/reminders.md)",
            ExitCode.CANNOT_RUN,
        )
    password = os.environ.get(PASSWORD_VARIABLE)
    if mail.user and not password:
        raise RopcliError(
            f"задан mail.user, но нет пароля: задайте переменную окружения {PASSWORD_VARIABLE}",
            ExitCode.CANNOT_RUN,
        )
    return mail, ledger, password


def send(plan: Plan, *, to_self: bool, now: Callable[[], datetime] = datetime.now) -> list[Outcome]:
    """Send every letter of the plan; the ledger records each one that went (not in the
    `to_self` test mode, so a test run never stops the real one)."""
    mail, ledger, password = ready_to_send(plan)
    outcomes: list[Outcome] = []
    if not plan.letters:
        return outcomes
    with Sender(mail, password) as sender:
        for item in plan.letters:
            recipient = mail.sender_address if to_self else item.to_address
            message = item.message(mail.sender, plan.on, to=mail.sender if to_self else None)
            try:
                sender.send(message, recipient)
            except SendError as exc:
                outcomes.append(Outcome(item, recipient, str(exc)))
                continue
            if not to_self:
                ledger.record(item.occasion.ledger_key, recipient, item.subject, now())
            outcomes.append(Outcome(item, recipient, None))
    return outcomes


def eml_files(plan: Plan) -> Sequence[tuple[str, bytes]]:
    """(file name, bytes) of each letter as an .eml message."""
    sender = plan.mail.sender if plan.mail else None
    return [(item.file_name, bytes(item.message(sender, plan.on))) for item in plan.letters]
