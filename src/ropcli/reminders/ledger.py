"""The ledger of sent reminders: a JSON file (`mail.ledger`, default `.ropcli-sent.json`
at the registry root, kept out of git) mapping each sent stage to when and to whom.

`{"version": 1, "sent": {"<site>/<occasion>/<stage>/<day>": {"sent_at", "to", "subject"}}}`.
It is rewritten atomically after every message that went out, so a run that dies midway
forgets nothing it sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ropcli.core.problems import ExitCode, RopcliError, os_reason
from ropcli.yamlio.writing import atomic_write

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Ledger:
    path: Path
    sent: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Ledger:
        if not path.exists():
            return cls(path)
        problem = f"журнал отправленного {path} испорчен"
        try:
            if not path.is_file() or path.stat().st_size > MAX_BYTES:
                raise RopcliError(f"{problem}: это не обычный файл JSON", ExitCode.CANNOT_RUN)
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RopcliError(
                f"{problem} ({exc}); проверьте его или переименуйте — тогда ropcli начнёт "
                "новый журнал и может отправить уже отправленные напоминания ещё раз",
                ExitCode.CANNOT_RUN,
            ) from None
        sent = data.get("sent") if isinstance(data, dict) else None
        if not isinstance(sent, dict):
            raise RopcliError(f"{problem}: нет раздела «sent»", ExitCode.CANNOT_RUN)
        return cls(path, {str(k): v for k, v in sent.items() if isinstance(v, dict)})

    def __contains__(self, key: str) -> bool:
        return key in self.sent

    def record(self, key: str, to: str, subject: str, when: datetime) -> None:
        self.sent[key] = {
            "sent_at": when.isoformat(timespec="seconds"),
            "to": to,
            "subject": subject,
        }
        text = json.dumps({"version": VERSION, "sent": self.sent}, ensure_ascii=False, indent=1)
        try:
            atomic_write(self.path, (text + "\n").encode("utf-8"))
        except OSError as exc:
            raise RopcliError(
                f"не записать журнал отправленного {self.path}: {os_reason(exc)}",
                ExitCode.CANNOT_RUN,
            ) from None
