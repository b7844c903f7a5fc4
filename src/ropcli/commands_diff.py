"""`ropcli diff --base REF`: the pull-request check (SPEC §6), registered on `ropcli.cli.app`.

Options → `ropcli.pullrequest.diff_registry` → a reporter → exit code, exactly as `validate`
(same formats, same codes). REF missing or no git checkout is "cannot run": exit 3 — the
command line is fine, the checkout lacks what it names (a shallow CI clone, most often).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from ropcli.cli import (
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
) -> None:
    """Проверить изменения реестра относительно ревизии git: реестр только дополняется.

    Ошибка — удалённый файл площадки, удалённое, изменённое или перемещённое событие
    истории или запись об отчёте, сменённый id, новое событие раньше прежних. Изменённые
    файлы проверяются так же, как validate, вместе со всем реестром.
    """
    from ropcli.pullrequest import diff_registry
    from ropcli.reporters import default_format

    format = format or default_format(os.environ)
    registry = open_for_check(ctx, format)
    with guarded():
        result = diff_registry(registry, base)
    raise report_check(ctx, result, format, registry, strict)
