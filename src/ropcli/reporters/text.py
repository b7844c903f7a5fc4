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

from ropcli.check import CheckResult
from ropcli.problems import ERROR, Problem
from ropcli.safetext import printable

SEVERITY_LABELS = {ERROR: ("ошибка", "bold red"), "warning": ("предупреждение", "bold yellow")}


def clause_label(clause: str | None) -> str:
    if clause is None:
        return ""
    return clause if clause.startswith("прил") else f"п. {clause}"


def problem_text(problem: Problem) -> Text:
    label, style = SEVERITY_LABELS[problem.severity]
    text = Text()
    text.append(f"{printable(problem.file)}:{problem.line}:{problem.column}", style="bold")
    text.append(": ")
    text.append(label, style=style)
    text.append(f": {printable(problem.message)} ")
    tags = ", ".join(t for t in (problem.rule, clause_label(problem.clause)) if t)
    text.append(f"[{tags}]", style="dim")
    return text


def source_excerpt(source: str | None, problem: Problem) -> Text | None:
    if not source:
        return None
    lines = source.splitlines()
    line = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
    if not line.strip():
        return None
    width = len(str(problem.line))
    text = Text()
    text.append(f"  {problem.line} | ", style="dim")
    text.append(printable(line.replace("\t", " ")) + "\n")
    text.append(f"  {' ' * width} | ", style="dim")
    text.append(" " * (problem.column - 1) + "^", style="bold red")
    return text


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
        for problem in problems:
            console.print(problem_text(problem))
            excerpt = source_excerpt(result.sources.get(file), problem)
            if excerpt is not None:
                console.print(excerpt)
    console.print(summary(result))
