"""`ropcli init [DIR]`: a new registry folder, ready for `ropcli new` and for CI.

Options → `ropcli.editing.skeleton.create_registry` → the list of what was written. Exit
codes: 0 — created; 3 — cannot run: DIR is not empty (without `--force`), is a file, or
cannot be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ropcli.cli.app import app, guarded, options
from ropcli.core.problems import ExitCode


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="ПАПКА",
            help="Где создать реестр; по умолчанию — текущая папка. Создаётся, если её нет.",
            show_default=False,
        ),
    ] = Path("."),
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Создать и в непустой папке: файлы реестра заменятся, остальные останутся.",
        ),
    ] = False,
) -> None:
    """Создать реестр: ropcli.yaml с комментариями, sites/, схемы для редактора, README,
    .gitignore, проверки для GitHub Actions, GitLab CI и pre-commit."""
    from ropcli.editing.skeleton import create_registry

    with guarded():
        written = create_registry(folder, force=force)
    if not options(ctx).quiet:
        typer.echo(f"Создан реестр в {folder}:")
        for path in written:
            typer.echo(f"  {path}")
        where = "" if folder == Path(".") else f"cd {folder} && "
        typer.echo(
            f"Дальше: {where}ropcli new ID — файл первой площадки; ropcli validate — проверка."
        )
    raise typer.Exit(int(ExitCode.OK))
