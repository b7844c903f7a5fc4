"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`).

A JSON list of findings: description, check_name, fingerprint, severity, location (path
relative to the checkout's top folder, first line). GitLab tells findings apart by their
fingerprint, so each is unique in a report and stable across pipelines (the same hash as
SARIF's: rule, file, pointer, message — not the line). Errors are `major`, warnings `minor`.
"""

from __future__ import annotations

import json
from typing import IO, Any

from ropcli.core.problems import ERROR
from ropcli.output.reporters import ci_path, fingerprints
from ropcli.output.reporters.text import clause_label
from ropcli.validation.check import CheckResult

SEVERITIES = {ERROR: "major", "warning": "minor"}


def to_code_quality(result: CheckResult, prefix: str = "") -> list[dict[str, Any]]:
    findings = []
    for problem, fingerprint in zip(
        result.problems, fingerprints(result.problems, prefix), strict=True
    ):
        clause = clause_label(problem.clause)
        findings.append(
            {
                "description": problem.message + (f" ({clause})" if clause else ""),
                "check_name": problem.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITIES.get(problem.severity, "major"),
                "location": {
                    "path": ci_path(problem.file, prefix),
                    "lines": {"begin": problem.line},
                },
            }
        )
    return findings


def report(result: CheckResult, stream: IO[str], *, color: bool = False, prefix: str = "") -> None:
    json.dump(to_code_quality(result, prefix), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
