"""`ropcli diff --base REF`: the pull-request check, registered on `ropcli.cli.app`.

Options → `ropcli.changes.diff.diff_registry` → a reporter → exit code, exactly as `validate`
(same formats, same codes). REF missing or no git checkout is "cannot run": exit 3 — the
command line is fine, the checkout lacks what it names (a shallow CI clone, most often).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from ropcli.cli.app import (
    CheckFormatOption,
    StrictOption,
    app,
    guarded,
    open_for_check,
    report_check,
)


@app.command()
def diff(
    ctx: typer.Context,
    base: Annotated[
        str,
        typer.Option(
            "--base",
            metavar="REF",
            help="Ревизия git, с которой сравнивать: ветка запроса на слияние "
            "(origin/main), коммит или HEAD.",
            show_default=False,
        ),
    ],
    format: CheckFormatOption = None,
    strict: StrictOption = False,
    allow_settings: Annotated[
        bool,
        typer.Option(
            "--allow-settings",
            help="Принять изменения настроек реестра (ropcli.yaml) и его шаблонов "
            "(templates/): без этого флага они — ошибка, которую должен согласовать "
            "проверяющий.",
        ),
    ] = False,
) -> None:
    """Проверить изменения реестра относительно ревизии git: реестр только дополняется.

    Ошибка — удалённый, переименованный файл площадки или ставший символической ссылкой;
    удалённое, изменённое или перемещённое событие истории или запись об отчёте; изменённые
    сведения о рассмотрении заявки; сменённый id; новое событие раньше прежних; изменённые
    ropcli.yaml и templates/ (их принимает --allow-settings). Изменённые файлы проверяются
    так же, как validate, вместе со всем реестром.
    """
    from ropcli.changes.diff import diff_registry
    from ropcli.output.reporters import default_format

    format = format or default_format(os.environ)
    registry = open_for_check(ctx, format)
    with guarded():
        result = diff_registry(registry, base, allow_settings)
    raise report_check(ctx, result, format, registry, strict)
