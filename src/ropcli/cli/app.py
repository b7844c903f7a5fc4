"""The command line: options → core call → reporter → exit code (ARCHITECTURE.md).

Commands stay short; the work is in the library modules. Every "cannot run" ends here as a
message on standard error and an exit code of ARCHITECTURE.md, never as a traceback.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ropcli import __version__
from ropcli.cli import commands
from ropcli.cli.framework import LazyGroup, Typer
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.output.reporters import FORMATS

if TYPE_CHECKING:
    from ropcli.validation.check import CheckResult
    from ropcli.validation.registry import Registry

app = Typer(
    name="ropcli",
    help=commands.ROOT_HELP,
    cls=LazyGroup,
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
        typer.Option("--registry", help=commands.REGISTRY_HELP),
    ] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help=commands.QUIET_HELP)] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help=commands.NO_COLOR_HELP)] = False,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help=commands.CACHE_DIR_HELP, show_default=False)
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=commands.NO_CACHE_HELP)] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=commands.VERSION_HELP),
    ] = False,
) -> None:
    color = sys.stdout.isatty() and not no_color and "NO_COLOR" not in os.environ
    ctx.obj = Options(registry=registry, quiet=quiet, color=color)
    _guard_streams(color)
    if cache_dir is not None or no_cache:
        _cache_for_this_run(ctx, cache_dir, no_cache)


def _cache_for_this_run(ctx: typer.Context, folder: Path | None, off: bool) -> None:
    """`--cache-dir DIR` and `--no-cache` are `$ROPCLI_CACHE_DIR` and `ROPCLI_NO_CACHE=1` for
    this run: every command (and its worker processes) opens the cache through them
    (`ropcli.validation.cached.open_cache`); they are put back when the run ends."""
    from ropcli.validation.cached import CACHE_ENV, NO_CACHE_ENV

    saved = {name: os.environ.get(name) for name in (CACHE_ENV, NO_CACHE_ENV)}
    if folder is not None:
        os.environ[CACHE_ENV] = str(folder.absolute())
    if off:
        os.environ[NO_CACHE_ENV] = "1"

    def restore() -> None:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    ctx.call_on_close(restore)


def _guard_streams(color: bool) -> None:
    """Values from the register reach the terminal and CI logs only with their control
    characters escaped, and never as a line starting with `::` (ropcli.core.safetext)."""
    from ropcli.core.safetext import SafeStream

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
    from ropcli.validation.registry import SettingsError

    try:
        yield
    except SettingsError as exc:
        from ropcli.output.reporters import text
        from ropcli.validation.check import CheckResult

        text.report(CheckResult(1, exc.problems), sys.stderr, color=False)
        raise fail(exc.message, exc.exit_code) from None
    except RopcliError as exc:
        raise fail(exc.message, exc.exit_code) from None


def open_from(ctx: typer.Context) -> Registry:
    from ropcli.validation.registry import discover, open_registry

    return open_registry(discover(options(ctx).registry, Path.cwd()))


def open_for_check(ctx: typer.Context, format: str) -> Registry:
    """Open the registry for `validate`/`diff`. Broken settings stop the run (exit 3), and in
    a machine format their problems are written in that format too, so CI shows them (an
    empty SARIF file would hide why the job failed)."""
    from ropcli.validation.registry import SettingsError, discover, open_registry

    with guarded():
        root = discover(options(ctx).registry, Path.cwd())
        try:
            return open_registry(root)
        except SettingsError as exc:
            if format == "text":
                raise
            from ropcli.output.reporters import emit
            from ropcli.validation.check import CheckResult

            emit(
                CheckResult(1, exc.problems),
                format,
                sys.stdout,
                color=False,
                root=root,
                environ=os.environ,
            )
            raise fail(exc.message, exc.exit_code) from None


def whole_number(minimum: int, unit: str = "") -> Callable[[Any], int]:
    """The parser of every whole-number option: «3», not «3.5» or «три»; exit 2 otherwise."""

    def parse(value: Any) -> int:
        text = str(value).strip()
        if not text.isascii() or not text.isdigit() or int(text) < minimum:
            what = f"целое число {unit}".strip()
            raise typer.BadParameter(f"«{value}» — нужно {what}, {minimum} или больше")
        return int(text)

    return parse


def typed_date(value: str | date) -> date:
    """A date option: ISO or ДД.ММ.ГГГГ (`ropcli.core.dates.parse_typed`); a bad one is exit 2."""
    from ropcli.core.dates import parse_typed

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


def shown_words(table: Mapping[str, Sequence[str]]) -> str:
    """«действует, истекает, …»: the first Russian word of each code, for help and errors."""
    return ", ".join(names[0] if names else code for code, names in table.items())


def word_choice(table: Mapping[str, Sequence[str]], what: str = "варианта") -> Callable[[str], str]:
    """The parser of every option whose values the screen shows in Russian: the English code
    or a Russian word of `table` (any case, ё or е: `core.labels.lookup`), giving the code.
    A wrong value is exit 2 with the accepted Russian words listed."""
    from ropcli.core.labels import folded, lookup

    def parse(value: str) -> str:
        code = lookup(str(value), table)
        if code is None:
            known = {folded(n): n for c, names in table.items() for n in (*names[:1], c)}
            close = difflib.get_close_matches(folded(str(value)), list(known), n=1)
            guess = f" (может быть, «{known[close[0]]}»?)" if close else ""
            raise typer.BadParameter(
                f"«{value}» — нет такого {what}{guess}; есть: {shown_words(table)}"
            )
        return code

    return parse


def word_list(table: Mapping[str, Sequence[str]]) -> Callable[[str], str]:
    """`--fail-on missing,не сдан`: comma-separated values of `word_choice`, as codes."""
    one = word_choice(table, "состояния")

    def parse(value: str) -> str:
        names = [n.strip() for n in str(value).split(",") if n.strip()]
        if not names:
            raise typer.BadParameter(f"пустой список; есть: {shown_words(table)}")
        return ",".join(one(n) for n in names)

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


def report_check(
    ctx: typer.Context, result: CheckResult, format: str, registry: Registry, strict: bool
) -> typer.Exit:
    """Print a check's result in `format` and give its exit code (validate and diff)."""
    from ropcli.output.reporters import emit

    opts = options(ctx)
    if not (format == "text" and opts.quiet and not result.problems):
        with guarded():
            emit(
                result, format, sys.stdout, color=opts.color, root=registry.root, environ=os.environ
            )
    failed = result.errors > 0 or (strict and result.warnings > 0)
    return typer.Exit(int(ExitCode.PROBLEMS if failed else ExitCode.OK))
