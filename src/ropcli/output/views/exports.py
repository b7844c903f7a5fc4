"""`--format json` and `--format csv`: the same rows, for programs and for Excel.

JSON is exactly the contract in ARCHITECTURE.md: the core objects' own `to_dict()`. CSV
carries the same keys and rows, in the form Russian Excel opens with a double click: UTF-8
with a byte-order mark (without it Excel assumes Windows-1251) and `;` between fields (`,`
is the decimal comma of the Russian locale, so Excel splits on `;`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ropcli.register.at_date import ReportRow, StatusRow

STATUS_KEYS = ("id", "state", "term", "term_start", "term_end", "days_left")
REPORT_KEYS = ("site", "kind", "term", "year", "period_end", "due", "state", "submitted", "agreed")
CSV_ENCODING = "utf-8-sig"
CSV_DELIMITER = ";"


def status_document(rows: Sequence[StatusRow], on: date) -> dict[str, Any]:
    return {"as_of": on.isoformat(), "sites": [r.status.to_dict() for r in rows]}


def reports_document(rows: Sequence[ReportRow], on: date) -> dict[str, Any]:
    return {"as_of": on.isoformat(), "reports": [r.report.to_dict() for r in rows]}


def json_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_bytes(keys: Sequence[str], records: Sequence[dict[str, Any]]) -> bytes:
    """A header of `keys`, then one line per record; null is an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(keys)
    for record in records:
        writer.writerow(["" if record[k] is None else record[k] for k in keys])
    return buffer.getvalue().encode(CSV_ENCODING)
