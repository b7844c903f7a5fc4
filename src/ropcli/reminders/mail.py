"""The `mail:` settings and SMTP sending of `ropcli remind --send`.

One connection for the run; each message is sent on its own, so a refused recipient or a
dropped connection is that message's error (reported, the others still go), while a
server that cannot be reached or refuses the login stops the run before anything is sent
(exit 3). The password comes only from `ROPCLI_SMTP_PASSWORD`, never from a file.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from ropcli.core.problems import ExitCode, RopcliError, os_reason

PASSWORD_VARIABLE = "ROPCLI_SMTP_PASSWORD"
DEFAULT_LEDGER = ".ropcli-sent.json"
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT = 30.0


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str
    user: str | None
    sender: str
    ledger: str

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    @classmethod
    def from_settings(cls, mail: Mapping[str, Any]) -> MailSettings | None:
        """None when `ropcli.yaml` has no `mail:` section (the schema demands host and from)."""
        if not mail:
            return None
        security = str(mail.get("security", "starttls"))
        return cls(
            host=str(mail["host"]),
            port=int(mail.get("port", DEFAULT_PORTS[security])),
            security=security,
            user=str(mail["user"]) if mail.get("user") else None,
            sender=str(mail["from"]),
            ledger=str(mail.get("ledger", DEFAULT_LEDGER)),
        )


class Sender:
    """An open SMTP session; `send` raises `SendError` for one message's failure."""

    def __init__(self, settings: MailSettings, password: str | None) -> None:
        self.settings = settings
        self.password = password
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Sender:
        self.smtp = self._connect()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        where = f"{s.host}:{s.port}"
        try:
            smtp: smtplib.SMTP
            if s.security == "tls":
                context = ssl.create_default_context()
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT)
                if s.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if s.user:
                smtp.login(s.user, self.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise RopcliError(
                f"сервер {where} не принял вход пользователя {s.user}: {_reply(exc)}; "
                f"проверьте mail.user и переменную {PASSWORD_VARIABLE}",
                ExitCode.CANNOT_RUN,
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise RopcliError(
                f"сервер {where} не поддерживает STARTTLS; укажите mail.security: tls или none",
                ExitCode.CANNOT_RUN,
            ) from None
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise RopcliError(
                f"нет соединения с почтовым сервером {where}: {_reply(exc)}; ничего не отправлено",
                ExitCode.CANNOT_RUN,
            ) from None
        return smtp

    def send(self, message: EmailMessage, recipient: str) -> None:
        if self.smtp is None:
            self.smtp = self._connect()
        try:
            refused = self.smtp.send_message(
                message, from_addr=self.settings.sender_address, to_addrs=[recipient]
            )
        except smtplib.SMTPRecipientsRefused as exc:
            codes = "; ".join(f"{addr}: {_reply(err)}" for addr, err in exc.recipients.items())
            raise SendError(f"адресат отклонён сервером ({codes})") from None
        except smtplib.SMTPServerDisconnected as exc:
            self.smtp = None  # the next message connects anew
            raise SendError(f"сервер разорвал соединение: {exc}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise SendError(_reply(exc)) from None
        if refused:
            raise SendError(f"адресат отклонён сервером: {', '.join(refused)}")


class SendError(Exception):
    """One message was not sent; the text says why, in Russian."""


def _reply(exc: object) -> str:
    if isinstance(exc, tuple) and len(exc) == 2:
        code, text = exc
        return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, OSError):
        return os_reason(exc)
    return str(exc) or type(exc).__name__
