"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub `upload-sarif`, other viewers).

One run; the driver lists every rule `ropcli` knows (id, Russian short description, the
regulation clause in `properties`, the default level). Columns are counted in characters,
as `ropcli` counts them, so the run declares `columnKind: unicodeCodePoints`. File URIs are
relative to the checkout's top folder (`%SRCROOT%`). `partialFingerprints` hash the rule,
file, pointer and message — never the line — so an alert stays the same alert when lines
above it move.
"""

from __future__ import annotations

import json
from typing import IO, Any
from urllib.parse import quote

from ropcli import __version__
from ropcli.core.problems import ERROR
from ropcli.output.reporters import ci_path, fingerprints
from ropcli.validation.check import CheckResult

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "ropcli/v1"
SRCROOT = "%SRCROOT%"


def _level(severity: str) -> str:
    return "error" if severity == ERROR else "warning"


def known_rules() -> list[dict[str, Any]]:
    """Every rule id with its summary, clause and severity: checks and the pull-request check."""
    from ropcli.validation.change_rules import RULES as DIFF_RULES
    from ropcli.validation.rulebook import rule_table

    rows = [
        {"id": r["id"], "summary": r["summary"], "clause": r["clause"], "severity": r["severity"]}
        for r in rule_table()
    ]
    known = {row["id"] for row in rows}
    rows += [
        {"id": rule_id, "summary": summary, "clause": clause, "severity": ERROR}
        for rule_id, (summary, clause) in DIFF_RULES.items()
        if rule_id not in known
    ]
    return rows


def _descriptor(row: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {"tags": ["regulation" if row["clause"] else "format"]}
    if row["clause"]:
        properties["clause"] = row["clause"]
    return {
        "id": row["id"],
        "shortDescription": {"text": row["summary"]},
        "defaultConfiguration": {"level": _level(str(row["severity"]))},
        "properties": properties,
    }


def to_sarif(result: CheckResult, prefix: str = "") -> dict[str, Any]:
    rows = known_rules()
    for rule_id in sorted({p.rule for p in result.problems} - {row["id"] for row in rows}):
        rows.append({"id": rule_id, "summary": rule_id, "clause": None, "severity": ERROR})
    index = {row["id"]: i for i, row in enumerate(rows)}
    results = []
    for problem, fingerprint in zip(
        result.problems, fingerprints(result.problems, prefix), strict=True
    ):
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": quote(_bytes(ci_path(problem.file, prefix)), safe="/"),
                    "uriBaseId": SRCROOT,
                },
                "region": {"startLine": problem.line, "startColumn": problem.column},
            }
        }
        if problem.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": problem.pointer}]
        properties: dict[str, Any] = {"pointer": problem.pointer}
        if problem.clause:
            properties["clause"] = problem.clause
        results.append(
            {
                "ruleId": problem.rule,
                "ruleIndex": index[problem.rule],
                "level": _level(problem.severity),
                "message": {"text": problem.message},
                "locations": [location],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
                "properties": properties,
            }
        )
    driver = {
        "name": "ropcli",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_descriptor(row) for row in rows],
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def report(result: CheckResult, stream: IO[str], *, color: bool = False, prefix: str = "") -> None:
    json.dump(to_sarif(result, prefix), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _bytes(file: str) -> bytes:
    """A file name's own bytes, also where they were not UTF-8 (kept as surrogates)."""
    return file.encode("utf-8", "surrogateescape")
