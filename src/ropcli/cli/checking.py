"""`ropcli validate`, `ropcli schema`, `ropcli rules`: checking the register and what the
check knows."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from ropcli.cli.app import (
    CheckFormatOption,
    StrictOption,
    app,
    choice,
    fail,
    guarded,
    open_for_check,
    options,
    report_check,
)
from ropcli.core.labels import SEVERITY_WORDS
from ropcli.core.problems import ExitCode


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="ПУТЬ",
            help="Файлы площадок или папки; по умолчанию весь реестр.",
            show_default=False,
        ),
    ] = None,
    format: CheckFormatOption = None,
    strict: StrictOption = False,
) -> None:
    """Проверить файлы площадок: схема и правила Положения, с файлом, строкой и столбцом."""
    from ropcli.cli.progress import check_with_cache
    from ropcli.output.reporters import default_format

    format = format or default_format(os.environ)
    opts = options(ctx)
    if opts.registry is None and paths:  # `ropcli validate reg/sites/x.yaml` from outside
        from ropcli.validation.registry import registry_of

        opts.registry = registry_of(paths[0])
    registry = open_for_check(ctx, format)
    with guarded():
        missing = [str(p) for p in paths or [] if not p.exists()]
        if missing:
            raise fail(f"нет такого файла или папки: {', '.join(missing)}", ExitCode.USAGE)
        result = check_with_cache(registry, paths or None)
    raise report_check(ctx, result, format, registry, strict)


@app.command()
def schema(
    name: Annotated[
        str, typer.Argument(help="site | application | passport | settings | common")
    ] = "site",
) -> None:
    """Напечатать JSON Schema (для редактора или другой программы)."""
    from ropcli.validation.schema import load_schema

    with guarded():
        typer.echo(json.dumps(load_schema(name), ensure_ascii=False, indent=2))


@app.command("rules")
def list_rules(
    format: Annotated[
        str, typer.Option("--format", "-f", help="text | json", parser=choice(("text", "json")))
    ] = "text",
) -> None:
    """Перечислить правила проверки: id, серьёзность, пункт Положения, суть."""
    from ropcli.validation.rulebook import rule_table

    rows = rule_table()
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        clause = row["clause"] or "—"
        severity = SEVERITY_WORDS.get(str(row["severity"]), str(row["severity"]))
        typer.echo(f"{row['id']:<22} {severity:<14} {clause:<20} {row['summary']}")
