"""`--format json` and `--format csv`: the same rows, for programs and for Excel.

JSON is exactly the contract in ARCHITECTURE.md: the core objects' own `to_dict()`, English
keys and values. CSV is for people in Excel: the same rows with Russian headers and values
(states and report kinds in words, dates ДД.ММ.ГГГГ) plus the organization's short name and
the municipality, in the form Russian Excel opens with a double click: UTF-8 with a
byte-order mark (without it Excel assumes Windows-1251) and `;` between fields (`,` is the
decimal comma of the Russian locale, so Excel splits on `;`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ropcli.core.dates import short
from ropcli.core.labels import report_kind_label, report_state_label, state_label
from ropcli.register.at_date import ReportRow, StatusRow

CSV_ENCODING = "utf-8-sig"
CSV_DELIMITER = ";"


def status_document(rows: Sequence[StatusRow], on: date) -> dict[str, Any]:
    """A draft's object has one key more, `fields_left`: its fields still to fill (other
    sites' objects are as they always were)."""
    sites = [
        r.status.to_dict() | ({"fields_left": r.site.fields_left} if r.site.draft else {})
        for r in rows
    ]
    return {"as_of": on.isoformat(), "sites": sites}


def reports_document(rows: Sequence[ReportRow], on: date) -> dict[str, Any]:
    return {"as_of": on.isoformat(), "reports": [r.report.to_dict() for r in rows]}


STATUS_HEADERS = (
    "Площадка", "Организация", "Муниципалитет", "Состояние", "Срок", "Начало", "Окончание",
    "Осталось дней",
)  # fmt: skip
REPORT_HEADERS = (
    "Площадка", "Организация", "Муниципалитет", "Отчёт", "Срок", "Год срока", "Конец периода",
    "Сдать до", "Состояние", "Сдан", "Согласован",
)  # fmt: skip


def _day(value: date | None) -> str:
    return short(value) if value is not None else ""


def _count(value: int | None) -> str:
    return str(value) if value is not None else ""


def status_csv(rows: Sequence[StatusRow]) -> bytes:
    """`status --format csv`: one line per site, in Russian."""
    lines = []
    for row in rows:
        status = row.status
        lines.append(
            (row.site.id, row.site.short_name, row.site.municipality, state_label(status.state),
             _count(status.term), _day(status.term_start), _day(status.term_end),
             _count(status.days_left))
        )  # fmt: skip
    return table_csv(STATUS_HEADERS, lines)


def reports_csv(rows: Sequence[ReportRow]) -> bytes:
    """`reports --format csv`: one line per required report, in Russian."""
    lines = []
    for row in rows:
        report = row.report
        lines.append(
            (row.site.id, row.site.short_name, row.site.municipality,
             report_kind_label(report.kind), str(report.term), _count(report.year),
             _day(report.period_end), _day(report.due), report_state_label(report.state),
             _day(report.submitted), _day(report.agreed))
        )  # fmt: skip
    return table_csv(REPORT_HEADERS, lines)


def table_csv(headers: Sequence[str], lines: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(lines)
    return buffer.getvalue().encode(CSV_ENCODING)


def json_bytes(document: dict[str, Any]) -> bytes:
    """`json.dumps(document, ensure_ascii=False, indent=2) + "\\n"` in UTF-8, built a few
    thousand pieces at a time: 100,000 rows never stand as a list of pieces, a text and its
    bytes at once (tens of MiB at 10,000 sites)."""
    out = io.BytesIO()
    pieces: list[str] = []
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(document):
        pieces.append(piece)
        if len(pieces) == 4096:
            out.write("".join(pieces).encode("utf-8"))
            pieces.clear()
    out.write(("".join(pieces) + "\n").encode("utf-8"))
    return out.getvalue()
