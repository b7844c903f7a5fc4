"""Options, parsers and helpers of the lifecycle commands (`status`, `reports`, `show`).

CLI layer only: parsing what the user typed into values (a bad value is a usage error,
exit 2, with a Russian message), telling the user about skipped files, writing output
and choosing exit codes. The computing is in `ropcli.register.at_date` and `ropcli.lifecycle`.
"""

from __future__ import annotations

import difflib
import shlex
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropcli.cli.app import (
    choice,
    fail,
    guarded,
    open_from,
    options,
    shown_words,
    typed_date,
    whole_number,
    word_choice,
    word_list,
)
from ropcli.core.labels import REPORT_STATE_WORDS, STATE_WORDS
from ropcli.core.problems import ExitCode
from ropcli.lifecycle import REPORT_STATES, STATES
from ropcli.register.at_date import Overview, Skipped

if TYPE_CHECKING:
    from rich.console import Console

DEFAULT_REPORT_STATES = ("missing", "due", "late", "unagreed")
STATUS_FORMATS = ("table", "json", "csv", "xlsx")
REPORT_FORMATS = ("table", "json", "csv", "ics", "xlsx")


iso_day = typed_date  # the one parser of dates typed on the command line


def flat(values: Sequence[str] | None) -> set[str]:
    return {name for value in values or () for name in value.split(",")}


OnOption = Annotated[
    date | None,
    typer.Option(
        "--on",
        parser=iso_day,
        metavar="ГГГГ-ММ-ДД",
        help="Дата, на которую считать (ГГГГ-ММ-ДД). По умолчанию — сегодня.",
        show_default=False,
    ),
]
IdsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="ID", help="Id площадок; по умолчанию все.", show_default=False),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="ФАЙЛ",
        help="Записать в файл вместо вывода на экран; формат — --format или расширение "
        "файла (.json, .csv, .ics, .xlsx).",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Заменить существующий файл --out.")]
IgnoreInvalidOption = Annotated[
    bool,
    typer.Option(
        "--ignore-invalid",
        help="Файлы с ошибками не считать провалом: сообщить о пропущенных, но выйти с 0.",
    ),
]


StatusStateOption = Annotated[
    list[str] | None,
    typer.Option(
        "--state",
        "-s",
        metavar="СОСТОЯНИЕ",
        parser=word_choice(STATE_WORDS, "состояния"),
        show_default=False,
        help="Только площадки в этом состоянии (можно повторять): "
        f"{shown_words(STATE_WORDS)} (или код: {', '.join(STATES)}).",
    ),
]
ReportStateOption = Annotated[
    list[str] | None,
    typer.Option(
        "--state",
        "-s",
        metavar="СОСТОЯНИЕ",
        parser=word_choice(REPORT_STATE_WORDS, "состояния"),
        show_default=False,
        help="Только отчёты в этом состоянии (можно повторять): "
        f"{shown_words(REPORT_STATE_WORDS)} (или код: {', '.join(REPORT_STATES)}). "
        "По умолчанию: не сдан, срок сдачи идёт, с опозданием, не согласован.",
    ),
]
StatusFailOnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        parser=word_list(STATE_WORDS),
        metavar="СОСТОЯНИЯ",
        show_default=False,
        help="Код выхода 1, если у выбранных площадок есть такие состояния (через запятую), "
        "например «истёк,истекает» или expired,expiring.",
    ),
]
ReportFailOnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        parser=word_list(REPORT_STATE_WORDS),
        metavar="СОСТОЯНИЯ",
        show_default=False,
        help="Код выхода 1, если у выбранных площадок есть отчёты в этих состояниях "
        "(через запятую), например «не сдан,с опозданием» или missing,late.",
    ),
]
StatusFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        parser=choice(STATUS_FORMATS),
        metavar="ФОРМАТ",
        help="table | json | csv | xlsx (Excel). По умолчанию table, а с --out — по "
        "расширению файла.",
        show_default=False,
    ),
]
ReportFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        parser=choice(REPORT_FORMATS),
        metavar="ФОРМАТ",
        help="table | json | csv | ics (календарь: все сроки, если не задан --state) | xlsx "
        "(Excel). По "
        "умолчанию table, а с --out — по расширению файла.",
        show_default=False,
    ),
]
ExpiringWithinOption = Annotated[
    int | None,
    typer.Option(
        "--expiring-within",
        parser=whole_number(0, "дней"),
        metavar="ДНЕЙ",
        show_default=False,
        help="«Истекает» — если статус кончается не позже чем через столько дней "
        "(вместо term.expiring_within_days из ropcli.yaml, по умолчанию 90).",
    ),
]
AllOption = Annotated[
    bool,
    typer.Option(
        "--all", "-a", help="Все требуемые отчёты, и принятые (ok), и предстоящие (upcoming)."
    ),
]


def load(ctx: typer.Context, ids: Sequence[str], compact: bool = False) -> Overview:
    """The registry checked, its usable sites and skipped files, limited to `ids`;
    `compact`: each site's lifecycle summary instead of its whole data (status, reports)."""
    from ropcli.validation.cached import check_cached, files_of

    registry = open_from(ctx)
    paths = files_of(registry, ids) if ids else None  # one site costs one site
    result = check_cached(registry, paths, compact=compact)
    overview = Overview.from_check(result, registry.settings)
    unknown = overview.unknown(ids)
    if unknown:
        raise fail(unknown_message(unknown, overview.ids(), registry.root), ExitCode.USAGE)
    return overview.select(ids)


def unknown_message(unknown: Sequence[str], known: Sequence[str], root: Path) -> str:
    parts = []
    for site_id in unknown:
        starts = [k for k in known if k.startswith(site_id)]
        close = list(dict.fromkeys([*starts, *difflib.get_close_matches(site_id, known)]))[:3]
        guess = f" (может быть, {', '.join(close)}?)" if close else ""
        parts.append(f"«{site_id}»{guess}")
    where = root / "sites"
    return (
        f"нет площадки {', '.join(parts)}: в {where} нет такого файла <id>.yaml; "
        "список площадок — ropcli status"
    )


def validate_hint(ctx: typer.Context) -> str:
    """The command that lists a skipped file's problems, with the registry the user chose."""
    registry = options(ctx).registry
    return (
        f"ropcli --registry {shlex.quote(str(registry))} validate"
        if registry
        else "ropcli validate"
    )


def unusable_message(ctx: typer.Context, site_id: str, bad: Skipped) -> str:
    first = bad.first
    return (
        f"площадку «{site_id}» показать нельзя: в файле {bad.file} ошибки (первая — "
        f"{first.line}:{first.column}: {first.message}); подробности: {validate_hint(ctx)}"
    )


def report_skipped(ctx: typer.Context, skipped: Sequence[Skipped], *, ignore: bool) -> None:
    """One line per skipped file on stderr, then what to run and what it means for the exit."""
    opts = options(ctx)
    if not skipped or (ignore and opts.quiet):
        return
    for item in skipped:
        first = item.first
        more = f" (всего ошибок в файле — {item.errors})" if item.errors > 1 else ""
        typer.echo(
            f"ropcli: пропущен {item.file}:{first.line}:{first.column}: {first.message}{more}",
            err=True,
        )
    verdict = "" if ignore else " Код выхода 1; --ignore-invalid — не считать это провалом."
    typer.echo(
        f"ropcli: площадки из файлов с ошибками ({len(skipped)}) не вошли в ответ; "
        f"подробности: {validate_hint(ctx)}.{verdict}",
        err=True,
    )


def emit(ctx: typer.Context, content: bytes, out: Path | None, *, force: bool, what: str) -> None:
    """Bytes to stdout (CSV keeps its byte-order mark whatever the locale), or to `--out`."""
    from ropcli.output.files import is_binary, write_output, write_stdout

    if out is None:
        if is_binary(content):  # a workbook: refused on a terminal, bytes to a pipe
            if sys.stdout.isatty():
                raise fail(
                    "Excel (xlsx) — двоичный файл, на экране он превратится в мусор; укажите "
                    "--out ФАЙЛ.xlsx или перенаправьте вывод в файл (> ФАЙЛ.xlsx)",
                    ExitCode.USAGE,
                )
            with guarded():
                write_stdout(content)
        else:
            typer.echo(content, nl=False)
        return

    with guarded():
        write_output(out, content, force=force)
    if not options(ctx).quiet:
        typer.echo(f"Записан файл {out}: {what}.")


def exit_code(present: set[str], fail_on: set[str], skipped: bool, ignore: bool) -> int:
    """ARCHITECTURE.md: 1 when a `--fail-on` state is present (said on standard error, so a CI log
    shows why the job failed) or files were skipped; else 0."""
    found = sorted(present & fail_on)
    if found:
        typer.echo(
            f"ropcli: код выхода 1: есть состояния из --fail-on: {', '.join(found)}", err=True
        )
    failed = bool(found) or (skipped and not ignore)
    return int(ExitCode.PROBLEMS if failed else ExitCode.OK)


def console_for(ctx: typer.Context) -> Console:
    from ropcli.output.views.console import make_console

    return make_console(sys.stdout, color=options(ctx).color)


def file_or_stdout(out: Path | None) -> Path | None:
    """`--out -` is standard output, as if `--out` were not given (any format, no «Записан
    файл» line mixed into the data)."""
    from ropcli.output.files import is_stdout

    return None if out is not None and is_stdout(out) else out


def output_format(format: str | None, out: Path | None, allowed: tuple[str, ...]) -> str:
    """`--format`, else the extension of `--out` (`reports.ics`), else the table."""
    if format:
        if out is not None and format == "table":
            files = ", ".join(f for f in allowed if f != "table")
            raise fail(f"--out записывает только --format {files}", ExitCode.USAGE)
        return format
    if out is None:
        return "table"
    suffix = out.suffix.lstrip(".").lower()
    if suffix in allowed and suffix != "table":
        return suffix
    files = " | ".join(f for f in allowed if f != "table")
    raise fail(
        f"--out {out.name}: формат не понять по расширению; укажите --format {files}",
        ExitCode.USAGE,
    )
