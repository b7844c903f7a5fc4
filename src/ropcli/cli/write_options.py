"""What `ropcli new` and `ropcli record …` share on the command line: option types, prompts
(only on a terminal), the register's write lock, and how a `Change` is shown, refused or
written."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ropcli.cli import prompts
from ropcli.cli.app import fail, guarded, open_from, options, typed_date, whole_number
from ropcli.cli.prompts import checked_prompt
from ropcli.core.dates import short
from ropcli.core.problems import ExitCode, Problem
from ropcli.editing.lock import register_lock
from ropcli.editing.transaction import (
    Change,
    Operation,
    RefusedWrite,
    check_writable,
    commit,
    edit_site,
    site_path,
)

if TYPE_CHECKING:
    from ropcli.validation.registry import Registry

T = TypeVar("T")


day = typed_date  # the one parser of dates typed on the command line


number = whole_number  # the one parser of whole-number options


words = prompts.words  # one line of text, as a prompt or an option


def date_option(name: str, help: str) -> Any:
    return typer.Option(name, parser=day, metavar="ГГГГ-ММ-ДД", help=help, show_default=False)


TYPES = ("school", "additional_education", "vocational")
DECISIONS = ("approved", "rejected")
REASONS = ("no_conditions", "negative_effects", "law_violation")
REPORT_KINDS = ("annual", "final", "interim")
ACTIVITY_KINDS = ("seminar", "internship", "lecture", "consultation", "open_event", "other")

Text = str | None
OrderDateOption = Annotated[date | None, date_option("--order-date", "Дата приказа.")]
YearsOption = Annotated[
    int | None,
    typer.Option("--years", parser=number(1), help="Срок в годах (по умолчанию — предельный, 3)."),
]
EndOption = Annotated[date | None, date_option("--end", "Последний день срока (вместо --years).")]


def _known_site(ctx: typer.Context, value: str) -> str:
    """An unknown site is a usage error before any prompt asks about it."""
    if not ctx.resilient_parsing:
        with guarded():
            site_path(open_from(ctx), value)
    return value


SiteArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        callback=_known_site,
        help="id площадки — имя файла sites/ID.yaml без .yaml.",
    ),
]
NewSiteArgument = Annotated[
    str, typer.Argument(metavar="ID", help="id новой площадки, например kursk-sosh-27.")
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Только показать изменение (diff), файл не записывать."),
]


def interactive() -> bool:
    """Prompts only for a person at a terminal; scripts and CI get a usage error instead."""
    return sys.stdin.isatty()


def ask(value: Any, option: str, label: str, parse: Callable[[Any], T]) -> T:
    """The option's value (tidied by `parse`); on a terminal, a prompt for a missing one;
    otherwise a usage error (exit 2): a script must say everything it means."""
    if value is not None:
        return parse(value)
    if not interactive():
        raise fail(f"не указано {option} ({label})", ExitCode.USAGE)
    return checked_prompt(label, parse)


def print_problems(problems: list[Problem], sources: dict[str, str], color: bool) -> None:
    from ropcli.output.reporters import text
    from ropcli.validation.check import CheckResult

    text.report(CheckResult(1, problems, sources=sources), sys.stderr, color=color)


SHOWN_PROBLEMS = 10  # more than this in a file is a job for `ropcli validate`


def refused(exc: RefusedWrite, ctx: typer.Context) -> typer.Exit:
    if exc.problems and len(exc.problems) <= SHOWN_PROBLEMS:
        print_problems(exc.problems, exc.sources, options(ctx).color)
    return fail(exc.message, exc.exit_code)


_DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def show_diff(change: Change, color: bool) -> None:
    for line in change.diff().splitlines():
        style = (
            _DIFF_STYLES.get(line[:1]) if color and not line.startswith(("+++", "---")) else None
        )
        typer.echo(typer.style(line, fg=style) if style else line)


def finish(ctx: typer.Context, change: Change, dry_run: bool, *, show: bool = True) -> None:
    """Refuse (exit 1, problems listed, nothing written), or show the diff and write."""
    opts = options(ctx)
    if not change.allowed:
        print_problems(change.problems, change.sources, opts.color)
        what = (
            "ошибки"
            if any(p.is_error for p in change.problems)
            else "предупреждения, которых в файле не было"
        )
        raise fail(
            f"изменение не записано: с ним появились бы {what} (выше); {change.file} не изменён",
            ExitCode.PROBLEMS,
        )
    if not dry_run:
        with guarded():
            check_writable(change)  # refused before the diff suggests it will be written
    if show or dry_run:
        show_diff(change, opts.color)
    if change.notices:
        typer.echo(
            f"ropcli: внимание: с этой записью в других местах {change.file} появляются "
            "предупреждения — запись они не останавливают, но проверьте:",
            err=True,
        )
        print_problems(change.notices, change.sources, opts.color)
    if change.reformatted:
        typer.echo(
            f"ropcli: внимание: {change.file} записан не в том виде, который можно дополнить "
            "построчно, — часть строк переписана заново (комментарии и порядок ключей "
            "сохранены); проверьте diff",
            err=True,
        )
    if dry_run:
        typer.echo("ropcli: --dry-run: файл не изменён", err=True)
        return
    with guarded():
        commit(change)
    if not opts.quiet:
        verb = "Создан" if change.before is None else "Записано в"
        typer.echo(f"{verb} {change.file}.", err=True)


def _waiting(timeout: float) -> None:
    typer.echo(
        f"ropcli: реестр сейчас меняет другая команда ropcli — ждём очереди на запись "
        f"(не дольше {timeout:g} с)…",
        err=True,
    )


@contextlib.contextmanager
def writing(registry: Registry, dry_run: bool) -> Iterator[None]:
    """The register's write lock around a whole read–check–write cycle (`--dry-run` writes
    nothing and does not wait for it); a timeout is exit 3."""
    if dry_run:
        yield
        return
    with guarded(), register_lock(registry, _waiting):
        yield


def run_record(
    ctx: typer.Context,
    site_id: str,
    operation: Operation,
    dry_run: bool,
    dated: tuple[str, date] | None = None,
) -> None:
    """`dated`: what the record's date is («дата приказа») and the date — when it is after
    today, a warning follows the record (exit 0: an order may be signed ahead, but a wrong
    year is more likely)."""
    with guarded():
        registry = open_from(ctx)
    with writing(registry, dry_run):
        with guarded():
            try:
                change = edit_site(registry, site_id, operation)
            except RefusedWrite as exc:
                raise refused(exc, ctx) from None
        finish(ctx, change, dry_run)
    today = date.today()
    if dated is not None and dated[1] > today:
        what, when = dated
        typer.echo(
            f"ropcli: внимание: {what} {short(when)} — позже сегодняшнего дня ({short(today)}); "
            "записано как указано. Если это опечатка в годе или числе, исправьте запись в "
            "файле.",
            err=True,
        )


def term_length(ctx: typer.Context, years: int | None, end: date | None) -> int | None:
    if years is not None and end is not None:
        raise fail("укажите что-то одно: --years или --end", ExitCode.USAGE)
    if end is not None:
        return None
    if years is not None:
        return years
    with guarded():
        return open_from(ctx).settings.max_years
