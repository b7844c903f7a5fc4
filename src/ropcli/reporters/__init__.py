"""Reporters by name (STYLE §6): each writes a `CheckResult` to the stream it is given."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # keep `ropcli --version` from importing the checker
    from ropcli.check import CheckResult


class Reporter(Protocol):
    def __call__(self, result: CheckResult, stream: IO[str], *, color: bool) -> None: ...


def get_reporter(name: str) -> Reporter:
    from ropcli.reporters import json_report, text

    reporters: dict[str, Reporter] = {"text": text.report, "json": json_report.report}
    return reporters[name]


FORMATS = ("text", "json")
