"""`ropcli publish --out DIR`: the open register as a static website with a feed and an open
dataset (docs/publish.md).

Options → `ropcli.publish.build_site` → `ropcli.output.folders.write_folder` → exit code:

* 0 — the site is written;
* 1 — written, but site files with errors were skipped (their sites are missing from the
  site; `--ignore-invalid` turns that off);
* 2 — usage: a bad `--on` date or `--base-url`;
* 3 — cannot run: no registry, broken settings, a template error, `--out` a non-empty
  folder not made by publish without `--force`, a folder that cannot be written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ropcli.cli.app import app, fail, guarded, open_from, options
from ropcli.cli.lifecycle_options import IgnoreInvalidOption, OnOption, report_skipped
from ropcli.core.problems import ExitCode

OutFolderOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        metavar="ПАПКА",
        help="Папка сайта; создаётся заново при каждой сборке.",
        show_default=False,
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        metavar="АДРЕС",
        help="Адрес, по которому сайт будет опубликован (https://…/), — для ссылок ленты и "
        "паспорта набора данных. По умолчанию publish.base_url из ropcli.yaml.",
        show_default=False,
    ),
]
ForceFolderOption = Annotated[
    bool,
    typer.Option("--force", help="Заменить непустую папку --out, даже если её создал не publish."),
]


@app.command()
def publish(
    ctx: typer.Context,
    out: OutFolderOption,
    on: OnOption = None,
    base_url: BaseUrlOption = None,
    force: ForceFolderOption = False,
    ignore_invalid: IgnoreInvalidOption = False,
) -> None:
    """Открытый реестр: статический сайт, лента изменений и открытые данные в папке --out."""
    from ropcli.output.folders import write_folder
    from ropcli.publish import build_site
    from ropcli.register.at_date import Overview
    from ropcli.validation.cached import check_cached

    if base_url and not base_url.startswith(("https://", "http://")):
        raise fail(
            f"--base-url «{base_url}»: нужен полный адрес, начиная с https://", ExitCode.USAGE
        )
    day = on or date.today()
    with guarded():
        registry = open_from(ctx)
        overview = Overview.from_check(check_cached(registry), registry.settings)
        files = build_site(overview, day, root=registry.root, base_url=base_url or "")
        write_folder(out, files, force=force, protect=(registry.root, Path.cwd()))
    if not options(ctx).quiet:
        pages = sum(1 for name in files if name.endswith(".html"))
        typer.echo(f"Записан сайт {out}: страниц — {pages}, файлов — {len(files) + 1}.")
    report_skipped(ctx, overview.skipped, ignore=ignore_invalid)
    failed = bool(overview.skipped) and not ignore_invalid
    raise typer.Exit(int(ExitCode.PROBLEMS if failed else ExitCode.OK))
