"""Reporters by name (ARCHITECTURE.md): each writes a `CheckResult` to the stream it is given.

The CI formats (`github`, `sarif`, `gitlab`) name files relative to the top folder of the
git checkout (ARCHITECTURE.md), so a reporter takes a `prefix` — the registry folder inside the
checkout, "" or "registry/" — and puts it before every registry-relative file name.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from ropcli.core.problems import os_reason

if TYPE_CHECKING:  # keep `ropcli --version` from importing the checker
    from ropcli.core.problems import Problem
    from ropcli.validation.check import CheckResult


class Reporter(Protocol):
    def __call__(
        self, result: CheckResult, stream: IO[str], *, color: bool, prefix: str = ""
    ) -> None: ...


FORMATS = ("text", "json", "github", "sarif", "gitlab")
CI_FORMATS = ("github", "sarif", "gitlab")
MACHINE_FORMATS = ("json", "sarif", "gitlab")


def _printable_files(result: CheckResult, *, files: bool) -> CheckResult:
    """File names (unless `files` is false: SARIF percent-encodes their bytes) and
    messages, which may quote a file name, as valid Unicode."""
    import dataclasses

    from ropcli.core.safetext import printable

    def name(file: str) -> str:
        return printable(file) if files else file

    problems = [
        dataclasses.replace(p, file=name(p.file), message=printable(p.message))
        for p in result.problems
    ]
    sources = {name(file): text for file, text in result.sources.items()}
    return dataclasses.replace(result, problems=problems, sources=sources)


def _registry_relative(report: Callable[..., None]) -> Reporter:
    """text and json keep naming files relative to the registry root (ARCHITECTURE.md)."""

    def call(result: CheckResult, stream: IO[str], *, color: bool, prefix: str = "") -> None:
        report(result, stream, color=color)

    return call


def get_reporter(name: str) -> Reporter:
    from ropcli.output.reporters import github, gitlab, json_report, sarif, text

    reporters: dict[str, Reporter] = {
        "text": _registry_relative(text.report),
        "json": _registry_relative(json_report.report),
        "github": github.report,
        "sarif": sarif.report,
        "gitlab": gitlab.report,
    }
    return reporters[name]


def default_format(environ: Mapping[str, str]) -> str:
    """`github` inside GitHub Actions (annotations land on the pull request), else `text`."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def emit(
    result: CheckResult,
    name: str,
    stream: IO[str],
    *,
    color: bool,
    root: Path,
    environ: Mapping[str, str],
) -> None:
    """Write `result` in format `name`; for `github`, also the job summary when asked.

    Raises `RopcliError` when $GITHUB_STEP_SUMMARY is set but cannot be written.
    """
    from ropcli.core.safetext import SafeStream, workflow_commands

    prefix = ""
    if name in CI_FORMATS:
        from ropcli.core import gitrepo

        prefix = gitrepo.prefix_of(root, gitrepo.toplevel(root))
        # Machine formats are UTF-8 whatever the runner's locale (Windows runners).
        if isinstance(stream, SafeStream | io.TextIOWrapper) and stream.encoding.lower() != "utf-8":
            stream.reconfigure(encoding="utf-8")
    if name in MACHINE_FORMATS:
        # JSON escapes control characters itself; the stream guard would break its
        # escapes. File names that were not UTF-8 become readable escapes first.
        result = _printable_files(result, files=name != "sarif")
        stream = stream.raw if isinstance(stream, SafeStream) else stream
    with workflow_commands(stream):
        get_reporter(name)(result, stream, color=color, prefix=prefix)
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if name == "github" and summary:
        from ropcli.core.problems import RopcliError
        from ropcli.output.reporters import github

        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(github.summary_markdown(result, prefix))
        except OSError as exc:
            raise RopcliError(
                f"не удалось дописать сводку в GITHUB_STEP_SUMMARY ({summary}): {os_reason(exc)}"
            ) from None


def ci_path(file: str, prefix: str) -> str:
    """A registry-relative file name as the CI sees it; other names stay as they are."""
    if not prefix or file.startswith(("/", "../")) or Path(file).is_absolute():
        return file
    return prefix + file


def fingerprints(problems: Sequence[Problem], prefix: str) -> list[str]:
    """One stable id per problem: rule, file, pointer and message — not the line, so an
    edit above a problem does not make it "new". Repeats get a running number."""
    seen: dict[str, int] = {}
    result: list[str] = []
    for p in problems:
        key = "\0".join((p.rule, ci_path(p.file, prefix), p.pointer, p.message))
        count = seen.get(key, 0)
        seen[key] = count + 1
        digest = hashlib.sha256(f"{key}\0{count}".encode("utf-8", "surrogateescape"))
        result.append(digest.hexdigest()[:32])
    return result
