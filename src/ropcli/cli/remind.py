"""`ropcli remind`: the reminders the register owes its sites at D (docs/reminders.md).

Options → `ropcli.reminders.plan` → a table, `.eml` files, or SMTP. Exit codes:

* 0 — done (nothing due is also done);
* 1 — a message was not sent (the others were), or site files with errors were skipped;
* 2 — usage: a bad `--on`, `--to-self` without `--send`;
* 3 — cannot run: no registry, broken settings, no `mail:` for `--send`, no password,
  no connection or login, the signatory not set, a template error, an existing file
  without `--force`.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ropcli.cli.app import app, fail, guarded, open_from, options
from ropcli.cli.lifecycle_options import ForceOption, OnOption
from ropcli.core.problems import ExitCode, os_reason


@app.command()
def remind(
    ctx: typer.Context,
    on: OnOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="ПАПКА",
            show_default=False,
            help="Записать письма файлами .eml в эту папку (создаётся при необходимости).",
        ),
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Отправить письма через SMTP из mail: в ropcli.yaml.")
    ] = False,
    to_self: Annotated[
        bool,
        typer.Option(
            "--to-self",
            help="Проверка: с --send отправить каждое письмо на адрес отправителя (mail.from) "
            "и не отмечать его в журнале отправленного.",
        ),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Напоминания площадкам на дату: об отчётах и о заявке на продление (п. 6.9)."""
    from ropcli.output.files import write_output
    from ropcli.output.views import reminders as view
    from ropcli.reminders.plan import eml_files, plan, ready_to_send
    from ropcli.reminders.plan import send as send_all
    from ropcli.validation.cached import check_cached

    if to_self and not send:
        raise fail("--to-self действует только вместе с --send", ExitCode.USAGE)
    day = on or date.today()
    quiet = options(ctx).quiet
    with guarded():
        registry = open_from(ctx)
        due = plan(registry, check_cached(registry), day)
        if send:
            ready_to_send(due)  # before any file is written
        if out is not None:
            files = [(out / name, content) for name, content in eml_files(due)]
            existing = [str(p) for p, _ in files if p.exists() and not force]
            if existing:
                raise fail(
                    f"файл уже существует: {', '.join(existing)}; добавьте --force "
                    "(ни один файл не записан)",
                    ExitCode.CANNOT_RUN,
                )
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise fail(
                    f"нельзя создать папку «{out}» для писем: {os_reason(exc)}",
                    ExitCode.CANNOT_RUN,
                ) from None
            for path, content in files:
                write_output(path, content, force=force)
        outcomes = send_all(due, to_self=to_self) if send else None
    code = ExitCode.OK
    if due.skipped:
        typer.echo(
            f"ropcli: площадки из файлов с ошибками не вошли ({', '.join(due.skipped)}); "
            "подробности: ropcli validate",
            err=True,
        )
        code = ExitCode.PROBLEMS
    sent_note = f"; уже отправлено раньше: {due.already_sent}" if due.already_sent else ""
    if not due.letters:
        if not quiet:
            typer.echo(f"На {day.strftime('%d.%m.%Y')} напоминаний нет{sent_note}.")
        raise typer.Exit(int(code))
    if outcomes is not None:
        typer.echo(view.table(due.letters, view.outcome_column(outcomes), "Результат"), nl=False)
        failed = [o for o in outcomes if o.error is not None]
        if failed:
            typer.echo(f"ropcli: не отправлено писем: {len(failed)} из {len(outcomes)}", err=True)
            code = ExitCode.PROBLEMS
    elif out is not None:
        names = [str(out / name) for name, _ in eml_files(due)]
        typer.echo(view.table(due.letters, names, "Файл"), nl=False)
    else:
        typer.echo(view.table(due.letters), nl=False)
    if not quiet:
        typer.echo(f"Писем: {len(due.letters)}{sent_note}.", file=sys.stdout)
    raise typer.Exit(int(code))
