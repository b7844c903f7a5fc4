"""`ropcli status`, `ropcli reports`, `ropcli show`: the lifecycle of the register at D.

Each command: options → `ropcli.register.at_date` → a view → `raise typer.Exit(code)`. Only here
is today read (the default of `--on`, ARCHITECTURE.md) and only here are exit codes chosen:

* 0 — done, nothing wrong;
* 1 — a `--fail-on` state is present, or site files with errors were skipped (their sites
  are missing from the answer, so a CI job must not pass silently; `--ignore-invalid`
  turns that off), or `show` was asked about a site whose file has errors;
* 2 — usage: a bad `--on` date, an unknown state, an unknown site id, `--out` with a table;
* 3 — cannot run: no registry, broken settings, `--out` file exists without `--force`,
  an output path that cannot be written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated

import typer

from ropcli.cli.app import app, fail, guarded, options
from ropcli.cli.lifecycle_options import (
    DEFAULT_REPORT_STATES,
    REPORT_FORMATS,
    STATUS_FORMATS,
    AllOption,
    ExpiringWithinOption,
    ForceOption,
    IdsArgument,
    IgnoreInvalidOption,
    OnOption,
    OutOption,
    ReportFailOnOption,
    ReportFormatOption,
    ReportStateOption,
    StatusFailOnOption,
    StatusFormatOption,
    StatusStateOption,
    console_for,
    emit,
    exit_code,
    file_or_stdout,
    flat,
    load,
    output_format,
    report_skipped,
    unusable_message,
)
from ropcli.core.problems import ExitCode
from ropcli.lifecycle import REPORT_STATES


@app.command()
def status(
    ctx: typer.Context,
    ids: IdsArgument = None,
    on: OnOption = None,
    state: StatusStateOption = None,
    expiring_within: ExpiringWithinOption = None,
    format: StatusFormatOption = None,
    fail_on: StatusFailOnOption = None,
    out: OutOption = None,
    force: ForceOption = False,
    ignore_invalid: IgnoreInvalidOption = False,
) -> None:
    """Состояние площадок на дату: действует, истекает, истёк, снят досрочно…"""
    from ropcli.output.views import exports, tables, workbook
    from ropcli.register.at_date import status_rows

    out = file_or_stdout(out)
    format = output_format(format, out, STATUS_FORMATS)
    day = on or date.today()
    with guarded():
        overview = load(ctx, ids or [], compact=True)
    if expiring_within is not None:
        overview.settings = replace(overview.settings, expiring_within_days=expiring_within)
    rows = status_rows(overview, day)
    shown = [r for r in rows if not state or r.status.state in state]
    if format == "table":
        tables.status_table(console_for(ctx), shown, day, quiet=options(ctx).quiet)
    elif format == "xlsx":
        content = workbook.status_xlsx(shown, day)
        emit(ctx, content, out, force=force, what=f"площадок — {len(shown)}")
    else:
        content = (
            exports.json_bytes(exports.status_document(shown, day))
            if format == "json"
            else exports.status_csv(shown)
        )
        emit(ctx, content, out, force=force, what=f"площадок — {len(shown)}")
    report_skipped(ctx, overview.skipped, ignore=ignore_invalid)
    present = {r.status.state for r in rows}
    raise typer.Exit(exit_code(present, flat(fail_on), bool(overview.skipped), ignore_invalid))


@app.command()
def reports(
    ctx: typer.Context,
    ids: IdsArgument = None,
    on: OnOption = None,
    all_: AllOption = False,
    state: ReportStateOption = None,
    fail_on: ReportFailOnOption = None,
    format: ReportFormatOption = None,
    out: OutOption = None,
    force: ForceOption = False,
    ignore_invalid: IgnoreInvalidOption = False,
) -> None:
    """Требуемые отчёты площадок и их состояние на дату: не сдан, с опозданием, не согласован…"""
    from ropcli.output.views import calendar, exports, tables, workbook
    from ropcli.register.at_date import report_rows, term_ends

    out = file_or_stdout(out)
    format = output_format(format, out, REPORT_FORMATS)
    day = on or date.today()
    with guarded():
        overview = load(ctx, ids or [], compact=True)
    rows = report_rows(overview, day)
    # A calendar is for what lies ahead, so it takes every report unless --state narrows it.
    wanted = set(state or ()) or (
        set(REPORT_STATES) if all_ or format == "ics" else set(DEFAULT_REPORT_STATES)
    )
    shown = [r for r in rows if r.report.state in wanted]
    if format == "table":
        hint = "" if state or all_ else " Принятые и предстоящие — с ключом --all."
        tables.reports_table(console_for(ctx), shown, day, quiet=options(ctx).quiet, hint=hint)
    elif format == "ics":
        ends = [] if state else term_ends(overview, day)
        region = overview.settings.region
        content = calendar.calendar_bytes(shown, ends, day, region=region)
        emit(ctx, content, out, force=force, what=f"событий — {len(shown) + len(ends)}")
    elif format == "xlsx":
        content = workbook.reports_xlsx(shown, day)
        emit(ctx, content, out, force=force, what=f"отчётов — {len(shown)}")
    else:
        content = (
            exports.json_bytes(exports.reports_document(shown, day))
            if format == "json"
            else exports.reports_csv(shown)
        )
        emit(ctx, content, out, force=force, what=f"отчётов — {len(shown)}")
    report_skipped(ctx, overview.skipped, ignore=ignore_invalid)
    present = {r.report.state for r in rows}
    raise typer.Exit(exit_code(present, flat(fail_on), bool(overview.skipped), ignore_invalid))


@app.command()
def show(
    ctx: typer.Context,
    site_id: Annotated[str, typer.Argument(metavar="ID", help="Id площадки.")],
    on: OnOption = None,
) -> None:
    """Одна площадка: организация, состояние, сроки с приказами, отчёты, хронология."""
    from ropcli.output.views.card import show_card
    from ropcli.register.at_date import site_card

    day = on or date.today()
    with guarded():
        overview = load(ctx, [site_id])
    site = overview.find(site_id)
    if site is None:
        raise fail(unusable_message(ctx, site_id, overview.skipped[0]), ExitCode.PROBLEMS)
    card = site_card(site, overview.settings, day, present=day >= date.today())
    show_card(console_for(ctx), card)
    raise typer.Exit(int(ExitCode.OK))
