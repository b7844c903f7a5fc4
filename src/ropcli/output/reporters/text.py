"""`--format text`: what a person reads — like a compiler error, with the line shown.

sites/kursk-sosh-5.yaml:41:7: ошибка: срок статуса — не больше 3 лет … [term-cap, п. 6.8]
   41 |       end: 2027-09-01
      |            ^
"""

from __future__ import annotations

from collections import defaultdict
from typing import IO

from rich.console import Console
from rich.text import Text

from ropcli.core.problems import ERROR, Problem
from ropcli.core.safetext import printable
from ropcli.validation.check import CheckResult

SEVERITY_LABELS = {ERROR: ("ошибка", "bold red"), "warning": ("предупреждение", "bold yellow")}


def clause_label(clause: str | None) -> str:
    if clause is None:
        return ""
    return clause if clause.startswith("прил") else f"п. {clause}"


Parts = list[tuple[str, str]]  # (text, rich style; "" for none)


def problem_parts(problem: Problem) -> Parts:
    label, style = SEVERITY_LABELS[problem.severity]
    tags = ", ".join(t for t in (problem.rule, clause_label(problem.clause)) if t)
    return [
        (f"{printable(problem.file)}:{problem.line}:{problem.column}", "bold"),
        (": ", ""),
        (label, style),
        (f": {printable(problem.message)} ", ""),
        (f"[{tags}]", "dim"),
    ]


def excerpt_parts(lines: list[str] | None, problem: Problem) -> Parts:
    """The problem's line with a caret under its column (nothing for a blank line)."""
    line = lines[problem.line - 1] if lines and 0 < problem.line <= len(lines) else ""
    if not line.strip():
        return []
    width = len(str(problem.line))
    return [
        (f"  {problem.line} | ", "dim"),
        (printable(line.replace("\t", " ")) + "\n", ""),
        (f"  {' ' * width} | ", "dim"),
        (" " * (problem.column - 1) + "^", "bold red"),
    ]


def problem_text(problem: Problem) -> Text:
    return Text.assemble(*problem_parts(problem))


def summary(result: CheckResult) -> Text:
    if not result.problems:
        return Text(
            f"Всё в порядке: проверено файлов — {result.files}, замечаний нет.", style="bold green"
        )
    files = len({p.file for p in result.problems})
    return Text(
        f"Проверено файлов — {result.files}; ошибок — {result.errors}, предупреждений — "
        f"{result.warnings} (в {files} файл(ах)).",
        style="bold red" if result.errors else "bold yellow",
    )


def report(result: CheckResult, stream: IO[str], *, color: bool = False) -> None:
    """Problems grouped by file, each with its line. Without colour the lines are written
    as they are — rich's layout costs ~0.1 ms a line, minutes for 100,000 problems."""
    console = Console(
        file=stream,
        no_color=not color,
        highlight=False,
        soft_wrap=True,
        force_terminal=color,
        emoji=False,
    )
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_file[problem.file].append(problem)
    for file, problems in by_file.items():
        source = result.sources.get(file)
        lines = source.splitlines() if source else None  # once per file, not per problem
        chunk: list[str] = []
        for problem in problems:
            for parts in (problem_parts(problem), excerpt_parts(lines, problem)):
                if not parts:
                    continue
                if color:
                    console.print(Text.assemble(*parts))
                else:
                    chunk.append("".join(text for text, _ in parts) + "\n")
        stream.write("".join(chunk))
    console.print(summary(result))
