"""Every rule a problem can carry, for `ropcli rules` and the docs.

Four sources: the loader (file and YAML syntax), the schemas (format), the domain rules
of `ropcli.validation.rules` (the regulation), and `ropcli diff`'s append-only checks. Domain rules
carry a Russian `SUMMARY`; their docstrings are the longer documentation (with a passing
and a failing example).
"""

from __future__ import annotations

from ropcli.core.problems import ERROR
from ropcli.validation.rules import RULES
from ropcli.validation.schema import SCHEMA_RULES

LOADER_RULES: dict[str, str] = {
    "yaml": "Файл не разбирается как YAML (отступы, двоеточия, кавычки, табуляция).",
    "encoding": "Файл не в UTF-8 (Windows-1251 и UTF-16 называются по имени).",
    "file-size": "Файл больше 1 МиБ.",
    "empty-file": "Файл пуст.",
    "not-a-mapping": "В файле список или одно значение вместо «ключ: значение».",
    "duplicate-key": "Ключ повторяется в одном словаре (названы обе строки).",
    "yaml-anchor": "Якоря, ссылки (&, *) и ключ слияния «<<» запрещены.",
    "yaml-tag": "Явные теги YAML (!!python/…, !тег) запрещены.",
    "unreadable": "Файл не читается (нет прав, это папка и т. п.).",
    "file-type": "Не обычный файл: символическая ссылка, устройство, именованный канал.",
}


def rule_table() -> list[dict[str, str | None]]:
    rows: list[dict[str, str | None]] = []
    for rule_id, summary in {**LOADER_RULES, **SCHEMA_RULES}.items():
        rows.append(
            {
                "id": rule_id,
                "severity": ERROR,
                "clause": None,
                "source": "format",
                "summary": summary,
            }
        )
    from ropcli.validation.change_rules import RULES as PULL_REQUEST_RULES

    for rule_id, (summary, clause) in PULL_REQUEST_RULES.items():
        rows.append(
            {
                "id": rule_id,
                "severity": ERROR,
                "clause": clause,
                "source": "pull-request",
                "summary": summary,
            }
        )
    for rule_id, module in RULES.items():
        rows.append(
            {
                "id": rule_id,
                "severity": module.SEVERITY,
                "clause": module.CLAUSE,
                "source": "regulation",
                "summary": module.SUMMARY,
            }
        )
    return rows
