"""The command line: options → core call → reporter → exit code (STYLE §1).

Commands stay short; the work is in the library modules. Every "cannot run" ends here as a
message on standard error and an exit code of SPEC §3, never as a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropcli import __version__
from ropcli.problems import ExitCode, RopcliError
from ropcli.reporters import FORMATS

if TYPE_CHECKING:
    from ropcli.check import CheckResult
    from ropcli.registry import Registry

app = typer.Typer(
    name="ropcli",
    help="Реестр региональных опорных площадок наставничества Курской области: проверка "
    "файлов, сроки статуса, отчёты, проекты приказов.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Options:
    registry: Path | None = None
    quiet: bool = False
    color: bool = False


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ropcli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            help="Папка реестра (где лежит ropcli.yaml). По умолчанию: "
            "$ROPCLI_REGISTRY, ближайшая папка с ropcli.yaml, ./registry.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("-q", "--quiet", help="Не печатать итоговую строку и сообщения об успехе."),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Без цвета (так же действует переменная NO_COLOR).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Показать версию и выйти."
        ),
    ] = False,
) -> None:
    color = sys.stdout.isatty() and not no_color and "NO_COLOR" not in os.environ
    ctx.obj = Options(registry=registry, quiet=quiet, color=color)
    _guard_streams(color)


def _guard_streams(color: bool) -> None:
    """Values from the register reach the terminal and CI logs only with their control
    characters escaped, and never as a line starting with `::` (ropcli.safetext)."""
    from ropcli.safetext import SafeStream

    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout, keep_colour=color)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr, keep_colour=color)


def options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Options) else Options()


def fail(message: str, code: ExitCode) -> typer.Exit:
    typer.echo(f"ropcli: {message}", err=True)
    return typer.Exit(int(code))


@contextmanager
def guarded() -> Iterator[None]:
    """Turn a `RopcliError` into its message and exit code; settings problems are listed."""
    from ropcli.registry import SettingsError

    try:
        yield
    except SettingsError as exc:
        from ropcli.check import CheckResult
        from ropcli.reporters import text

        text.report(CheckResult(1, exc.problems), sys.stderr, color=False)
        raise fail(exc.message, exc.exit_code) from None
    except RopcliError as exc:
        raise fail(exc.message, exc.exit_code) from None


def open_from(ctx: typer.Context) -> Registry:
    from ropcli.registry import discover, open_registry

    return open_registry(discover(options(ctx).registry, Path.cwd()))


def open_for_check(ctx: typer.Context, format: str) -> Registry:
    """Open the registry for `validate`/`diff`. Broken settings stop the run (exit 3), and in
    a machine format their problems are written in that format too, so CI shows them (an
    empty SARIF file would hide why the job failed)."""
    from ropcli.registry import SettingsError, discover, open_registry

    with guarded():
        root = discover(options(ctx).registry, Path.cwd())
        try:
            return open_registry(root)
        except SettingsError as exc:
            if format == "text":
                raise
            from ropcli.check import CheckResult
            from ropcli.reporters import emit

            emit(
                CheckResult(1, exc.problems),
                format,
                sys.stdout,
                color=False,
                root=root,
                environ=os.environ,
            )
            raise fail(exc.message, exc.exit_code) from None


def typed_date(value: str | date) -> date:
    """A date option: ISO or ДД.ММ.ГГГГ (`ropcli.dates.parse_typed`); a bad one is exit 2."""
    from ropcli.dates import parse_typed

    if isinstance(value, date):
        return value
    try:
        return parse_typed(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def choice(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in allowed:
            raise typer.BadParameter(f"«{value}» — нет такого варианта; есть: {', '.join(allowed)}")
        return value

    return parse


# The options `validate` and `diff` share: same formats, same meaning of --strict.
CheckFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="ФОРМАТ",
        help=" | ".join(FORMATS) + ". По умолчанию text, а в GitHub Actions "
        "(GITHUB_ACTIONS=true) — github.",
        parser=choice(FORMATS),
        show_default=False,
    ),
]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help="Предупреждения тоже считаются провалом (код выхода 1)."),
]


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Файлы площадок или папки; по умолчанию весь реестр.", show_default=False
        ),
    ] = None,
    format: CheckFormatOption = None,
    strict: StrictOption = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Папка кэша результатов (по умолчанию $ROPCLI_CACHE_DIR или папка кэша "
            "пользователя).",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Не читать и не писать кэш: проверить всё заново.")
    ] = False,
) -> None:
    """Проверить файлы площадок: схема и правила Положения, с файлом, строкой и столбцом."""
    from ropcli.checkrun import check_with_cache
    from ropcli.reporters import default_format

    format = format or default_format(os.environ)
    registry = open_for_check(ctx, format)
    with guarded():
        missing = [str(p) for p in paths or [] if not p.exists()]
        if missing:
            raise fail(f"нет такого файла или папки: {', '.join(missing)}", ExitCode.USAGE)
        result = check_with_cache(registry, paths or None, cache_dir, use_cache=not no_cache)
    raise report_check(ctx, result, format, registry, strict)


def report_check(
    ctx: typer.Context, result: CheckResult, format: str, registry: Registry, strict: bool
) -> typer.Exit:
    """Print a check's result in `format` and give its exit code (validate and diff)."""
    from ropcli.reporters import emit

    opts = options(ctx)
    if not (format == "text" and opts.quiet and not result.problems):
        with guarded():
            emit(
                result, format, sys.stdout, color=opts.color, root=registry.root, environ=os.environ
            )
    failed = result.errors > 0 or (strict and result.warnings > 0)
    return typer.Exit(int(ExitCode.PROBLEMS if failed else ExitCode.OK))


@app.command()
def schema(
    name: Annotated[
        str, typer.Argument(help="site | application | passport | settings | common")
    ] = "site",
) -> None:
    """Напечатать JSON Schema (для редактора или другой программы)."""
    from ropcli.schemas import load_schema

    with guarded():
        typer.echo(json.dumps(load_schema(name), ensure_ascii=False, indent=2))


@app.command("rules")
def list_rules(
    format: Annotated[
        str, typer.Option("--format", "-f", help="text | json", parser=choice(("text", "json")))
    ] = "text",
) -> None:
    """Перечислить правила проверки: id, серьёзность, пункт Положения, суть."""
    from ropcli.rulebook import rule_table

    rows = rule_table()
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        clause = row["clause"] or "—"
        typer.echo(f"{row['id']:<22} {row['severity']:<8} {clause:<20} {row['summary']}")


def main() -> None:
    app()


# Command groups live in modules of their own; importing one registers its commands on
# `app` (so typer's test runner sees them too). They import heavy libraries lazily, inside
# the commands, to keep `ropcli --version` fast. One line per module, below.
from ropcli import (  # noqa: E402, F401
    commands_diff,
    commands_lifecycle,
    commands_render,
    commands_write,
)
