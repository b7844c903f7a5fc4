"""`--format github`: GitHub Actions workflow commands, one annotation per problem.

    ::error file=registry/sites/kursk-sosh-5.yaml,line=41,col=7,title=ropcli%3A term-cap…::…

GitHub then shows each problem on its line of the pull request. It shows at most
`ANNOTATION_LIMIT` errors and as many warnings per step and drops the rest silently, so all
annotations are printed anyway and `summary_markdown` gives the full table for
$GITHUB_STEP_SUMMARY, saying how many problems were not annotated.
"""

from __future__ import annotations

from typing import IO

from ropcli.core.problems import ERROR, WARNING, Problem
from ropcli.output.reporters import ci_path
from ropcli.output.reporters.text import clause_label, summary
from ropcli.validation.check import CheckResult

ANNOTATION_LIMIT = 10  # per severity and step (GitHub documentation)


def escape_data(value: str) -> str:
    """The message part of a workflow command (actions/toolkit `escapeData`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A `key=value` property: also `:` and `,`, which end a property (`escapeProperty`)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def title(problem: Problem) -> str:
    clause = clause_label(problem.clause)
    return f"ropcli: {problem.rule}" + (f", {clause}" if clause else "")


def annotation(problem: Problem, prefix: str = "") -> str:
    command = "error" if problem.severity == ERROR else "warning"
    properties = {
        "file": ci_path(problem.file, prefix),
        "line": str(problem.line),
        "col": str(problem.column),
        "title": title(problem),
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {joined}::{escape_data(problem.message)}"


def report(result: CheckResult, stream: IO[str], *, color: bool = False, prefix: str = "") -> None:
    for problem in result.problems:
        stream.write(annotation(problem, prefix) + "\n")
    stream.write(summary(result).plain + "\n")


def not_annotated(result: CheckResult) -> tuple[int, int]:
    """(errors, warnings) beyond what GitHub shows as annotations on one step."""
    return (
        max(0, result.errors - ANNOTATION_LIMIT),
        max(0, result.warnings - ANNOTATION_LIMIT),
    )


def _cell(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def summary_markdown(result: CheckResult, prefix: str = "") -> str:
    """The job summary: every problem in one table, and what the annotations left out."""
    lines = ["## ropcli: проверка реестра", ""]
    if not result.problems:
        lines += [f"Замечаний нет: проверено файлов — {result.files}.", ""]
        return "\n".join(lines) + "\n"
    lines.append(
        f"Проверено файлов — {result.files}; ошибок — {result.errors}, "
        f"предупреждений — {result.warnings}."
    )
    errors, warnings = not_annotated(result)
    if errors or warnings:
        lines += [
            "",
            f"> [!WARNING]\n> GitHub показывает на шаге не больше {ANNOTATION_LIMIT} ошибок "
            f"и {ANNOTATION_LIMIT} предупреждений: без пометки в коде осталось "
            f"{errors + warnings} (ошибок — {errors}, предупреждений — {warnings}). "
            "Все замечания — в таблице ниже.",
        ]
    lines += [
        "",
        "| Файл | Строка | Столбец | Серьёзность | Правило | Пункт | Что не так |",
        "|---|---:|---:|---|---|---|---|",
    ]
    labels = {ERROR: "ошибка", WARNING: "предупреждение"}
    for p in result.problems:
        cells = (
            f"`{ci_path(p.file, prefix)}`",
            p.line,
            p.column,
            labels.get(p.severity, p.severity),
            f"`{p.rule}`",
            clause_label(p.clause),
            p.message,
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n\n"
