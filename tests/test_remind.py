"""`ropcli remind`: the schedule, the sample registry's letters at a date, .eml files, and
sending to a real SMTP server on 127.0.0.1 (aiosmtpd): recipients, subject, Russian text,
no second sending, a refused recipient reported while the others are delivered."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from ropcli.reminders.schedule import Schedule, report_stage
from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed

REFUSED = "gimn1@gimn1-oboyan.example.ru"
SENDER = "rop@kiro.example.ru"


# --- the schedule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "stage"),
    [
        ("2026-03-15", None),  # more than 14 days before
        ("2026-03-16", "before-14@2026-03-16"),
        ("2026-03-20", "before-14@2026-03-16"),  # the latest stage that has come
        ("2026-03-27", "before-3@2026-03-27"),
        ("2026-03-30", "due@2026-03-30"),
        ("2026-04-05", "due@2026-03-30"),
        ("2026-04-06", "overdue-1@2026-04-06"),
        ("2026-05-01", "overdue-4@2026-04-27"),  # a job that skipped weeks: one letter
    ],
)
def test_report_stage_is_the_latest_that_has_come(on: str, stage: str | None) -> None:
    found = report_stage(date(2026, 3, 30), Schedule(), date.fromisoformat(on))
    assert (f"{found.key}@{found.day}" if found else None) == stage


def test_report_stage_without_due_day_or_repeats() -> None:
    schedule = Schedule(report_days_before=(7,), on_due_day=False, overdue_every_days=0)
    assert report_stage(date(2026, 3, 30), schedule, date(2026, 3, 30)).key == "before-7"  # type: ignore[union-attr]
    assert report_stage(date(2026, 3, 30), schedule, date(2026, 4, 30)) is None


# --- the sample registry -----------------------------------------------------------------


def test_sample_registry_on_2026_11_23(tmp_path: Path) -> None:
    """registry/README.md: on 23.11.2026 the only report still owed is oboyan-gimn-1's annual
    report for year 2 of term 1 (due 31.10.2025, missing): its weekly reminder of 20.11.2026
    (the 55th week) is due. kurchatov-sosh-4's and oboyan-gimn-1's final reports are in;
    kursk-sosh-12's term ends 28.02.2027, so its 90-day extension reminder comes on
    30.11.2026, not yet; oboyan-gimn-1 has asked for an extension; every other report is
    due in 2027 or later."""
    out = tmp_path / "mail"
    result = invoke(SAMPLE_REGISTRY, "remind", "--on", "2026-11-23", "--out", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["oboyan-gimn-1-annual-1-2-2026-11-20.eml"]
    message = email.message_from_bytes((out / files[0]).read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message["To"] == "Зуева Татьяна Ивановна <gimn1@gimn1-oboyan.example.ru>"
    assert "ежегодный отчёт за 2-й год срока 1" in message["Subject"]
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert body.startswith("Директору МОУ «Гимназия № 1 г. Обояни»\nО. В. Кондратьевой\n")
    assert "Уважаемая Ольга Владимировна!" in body
    assert "Срок представления истёк 31 октября 2025 г." in body
    assert "Ректор ОГБУ ДПО КИРО\nН. П. Морозова" in body
    assert "____" not in body
    assert "oboyan-gimn-1" in result.stdout and "Писем: 1." in result.stdout


@pytest.mark.parametrize(
    "name", ["Зуева\\nBcc: evil@example.com", "Зуева Bcc: evil@example.com, x@y.ru"]
)
def test_a_name_cannot_add_a_recipient(tmp_path: Path, name: str) -> None:
    """A site file's contact name goes into the To header: a line break or «:», «@», «,» in
    it must neither break the letter nor add a recipient."""
    registry = tmp_path / "registry"
    shutil.copytree(SAMPLE_REGISTRY, registry)
    site = registry / "sites" / "oboyan-gimn-1.yaml"
    text = site.read_text(encoding="utf-8")
    start = text.index("  contact:\n    name: ") + len("  contact:\n    name: ")
    end = text.index("\n", start)
    site.write_text(text[:start] + f'"{name}"' + text[end:], encoding="utf-8")
    out = tmp_path / "mail"
    result = invoke(registry, "remind", "--on", "2026-11-23", "--out", str(out))
    assert result.exit_code == 0, result.output
    (path,) = out.iterdir()
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Bcc"] is None and message["Cc"] is None
    to = message["To"]
    assert [a.addr_spec for a in to.addresses] == ["gimn1@gimn1-oboyan.example.ru"]


def test_sample_registry_on_2026_11_30_adds_the_extension_reminder() -> None:
    result = invoke(SAMPLE_REGISTRY, "remind", "--on", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert "kursk-sosh-12" in result.stdout and "заявка на продление" in result.stdout
    assert "Писем: 2." in result.stdout


def test_installed_command(tmp_path: Path) -> None:
    done = run_installed("--registry", str(SAMPLE_REGISTRY), "remind", "--on", "2026-11-23")
    assert done.returncode == 0, done.stderr.decode()
    assert "oboyan-gimn-1" in done.stdout.decode("utf-8")


def test_to_self_needs_send() -> None:
    assert invoke(SAMPLE_REGISTRY, "remind", "--to-self").exit_code == 2


def test_send_without_mail_settings_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "mail"
    result = invoke(SAMPLE_REGISTRY, "remind", "--on", "2026-09-01", "--send", "--out", str(out))
    assert result.exit_code == 3
    assert "mail:" in result.stderr and not out.exists()


# --- a real SMTP server -----------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address == REFUSED:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.messages.append((str(envelope.mail_from), list(envelope.rcpt_tos), content))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = _free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def _registry(tmp_path: Path, port: int) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE_REGISTRY, root)
    settings = root / "ropcli.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + f"\nmail:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n"
        f'  from: "КИРО <{SENDER}>"\n',
        encoding="utf-8",
    )
    return root


def _parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_send_delivers_once_and_reports_a_refused_recipient(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    root = _registry(tmp_path, port)
    result = invoke(root, "remind", "--on", "2026-09-01", "--send")
    # oboyan-gimn-1's two letters are refused by the server; kurchatov-sosh-4's goes.
    assert result.exit_code == 1, result.output
    assert "не отправлено писем: 2 из 3" in result.stderr
    assert "550" in result.stdout and "отправлено → atomstart@" in result.stdout
    assert [(m[0], m[1]) for m in recorder.messages] == [
        (SENDER, ["atomstart@sosh4-kurchatov.example.ru"])
    ]
    message = _parsed(recorder.messages[0][2])
    assert message["Subject"] == "Напоминание: итоговый отчёт за срок 1 — представить до 14.09.2026"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "С. Л. Фомину" in body and "Уважаемый" in body and "14 сентября 2026 г." in body
    ledger = json.loads((root / ".ropcli-sent.json").read_text(encoding="utf-8"))
    assert list(ledger["sent"]) == ["kurchatov-sosh-4/final-1/before-14/2026-08-31"]

    # The second run sends the sent one no more; the refused ones are tried again.
    again = invoke(root, "remind", "--on", "2026-09-01", "--send")
    assert again.exit_code == 1
    assert len(recorder.messages) == 1
    assert "уже отправлено раньше: 1" in again.stdout


def test_send_all_and_no_duplicates(tmp_path: Path, smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    root = _registry(tmp_path, port)
    site = root / "sites" / "oboyan-gimn-1.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(REFUSED, "info@gimn1-oboyan.example.ru"),
        encoding="utf-8",
    )
    first = invoke(root, "remind", "--on", "2026-09-01", "--send")
    assert first.exit_code == 0, first.output
    recipients = sorted(r for m in recorder.messages for r in m[1])
    assert recipients == [
        "atomstart@sosh4-kurchatov.example.ru",
        "info@gimn1-oboyan.example.ru",
        "info@gimn1-oboyan.example.ru",
    ]
    subjects = sorted(_parsed(m[2])["Subject"] for m in recorder.messages)
    assert "Статус РОП истекает 30.09.2026: подайте заявку на продление" in subjects
    second = invoke(root, "remind", "--on", "2026-09-01", "--send")
    assert second.exit_code == 0 and len(recorder.messages) == 3
    assert "напоминаний нет; уже отправлено раньше: 3" in second.stdout
    # A week later only the next weekly stage of the missing report is new.
    invoke(root, "remind", "--on", "2026-09-08", "--send")
    assert len(recorder.messages) == 4
    assert "Не представлен ежегодный отчёт" in _parsed(recorder.messages[3][2])["Subject"]


def test_to_self_sends_to_the_sender_and_keeps_no_ledger(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    root = _registry(tmp_path, port)
    result = invoke(root, "remind", "--on", "2026-09-01", "--send", "--to-self")
    assert result.exit_code == 0, result.output
    assert [m[1] for m in recorder.messages] == [[SENDER]] * 3
    assert not (root / ".ropcli-sent.json").exists()


def test_no_server_is_exit_3(tmp_path: Path) -> None:
    root = _registry(tmp_path, _free_port())
    result = invoke(root, "remind", "--on", "2026-09-01", "--send")
    assert result.exit_code == 3
    assert "нет соединения с почтовым сервером" in result.stderr


def test_out_folder_that_cannot_be_made(tmp_path: Path) -> None:
    """A file where the letters' folder should go: exit 3 with the reason in Russian."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "mail"
    result = invoke(SAMPLE_REGISTRY, "remind", "--on", "2026-11-23", "--out", str(out))
    assert result.exit_code == 3, result.output
    assert "часть пути — не папка" in result.stderr
