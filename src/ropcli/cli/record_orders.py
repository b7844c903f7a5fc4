"""`ropcli record assign|extend|revoke`: the orders of the status, in the same words as
`ropcli render order-assign|order-extend|order-revoke` (`--order-number`, `--order-date`,
`--start`, `--years`, `--effective`, `--reason`, `--agreed-commission`, `--agreed-center`) and
with the same defaults: the term starts on the order date, the status is revoked from it.
The spellings of earlier versions (`--order`, `--date`, `--agreed-expert`) still work, hidden
from the help, so scripts written for them keep running. Exit codes: ropcli.cli.write.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from ropcli.cli import write_options
from ropcli.cli.app import shown_words, word_choice
from ropcli.cli.prompts import checked_prompt
from ropcli.cli.write import record_app
from ropcli.cli.write_options import (
    REASONS,
    DryRunOption,
    EndOption,
    OrderDateOption,
    SiteArgument,
    Text,
    YearsOption,
    ask,
    date_option,
    day,
    run_record,
    term_length,
    words,
)
from ropcli.core.dates import short
from ropcli.core.labels import REASON_WORDS
from ropcli.editing import records

OrderNumberOption = Annotated[
    Text, typer.Option("--order-number", metavar="НОМЕР", help="Номер приказа, например 1-456.")
]
OrderAlias = Annotated[Text, typer.Option("--order", hidden=True)]  # the earlier spelling


def hidden_date(name: str) -> Any:
    """An earlier spelling of a date option: parsed the same, not shown in the help."""
    return typer.Option(name, parser=day, hidden=True, show_default=False)


def start_of_term(start: date | None, signed: date) -> date:
    """`--start`, else the order date — offered as the answer on a terminal."""
    if start is not None or not write_options.interactive():
        return start or signed
    return checked_prompt("Начало срока", day, default=short(signed))


def _order(number: str | None, signed: date | None) -> tuple[str, date]:
    """The order's number and date: from the options, else asked on a terminal."""
    return (
        ask(number, "--order-number", "Номер приказа", words),
        ask(signed, "--order-date", "Дата приказа", day),
    )


@record_app.command("assign", short_help="Приказ о присвоении статуса и срок, п. 6.7, 6.8")
def record_assign(
    ctx: typer.Context,
    site_id: SiteArgument,
    order_number: OrderNumberOption = None,
    order_date: OrderDateOption = None,
    start: Annotated[
        date | None,
        date_option("--start", "Первый день статуса; по умолчанию — дата приказа."),
    ] = None,
    years: YearsOption = None,
    end: EndOption = None,
    dry_run: DryRunOption = False,
    order: OrderAlias = None,
) -> None:
    """Приказ о присвоении статуса и срок (п. 6.7, 6.8)."""
    length = term_length(ctx, years, end)
    number_, signed = _order(order_number or order, order_date)
    first = start_of_term(start, signed)
    operation = records.assign(number_, signed, first, length, end)
    run_record(ctx, site_id, operation, dry_run, ("дата приказа", signed))


@record_app.command("extend", short_help="Приказ о продлении статуса на новый срок, п. 6.9, 6.8")
def record_extend(
    ctx: typer.Context,
    site_id: SiteArgument,
    order_number: OrderNumberOption = None,
    order_date: OrderDateOption = None,
    start: Annotated[
        date | None,
        date_option(
            "--start",
            "Начало нового срока; по умолчанию — день после конца прежнего, а если приказ "
            "издан позже — дата приказа.",
        ),
    ] = None,
    years: YearsOption = None,
    end: EndOption = None,
    dry_run: DryRunOption = False,
    order: OrderAlias = None,
) -> None:
    """Приказ о продлении статуса на новый срок (п. 6.9, 6.8)."""
    length = term_length(ctx, years, end)
    number_, signed = _order(order_number or order, order_date)
    operation = records.extend(number_, signed, start, length, end)
    run_record(ctx, site_id, operation, dry_run, ("дата приказа", signed))


@record_app.command("revoke", short_help="Досрочное снятие статуса по согласованию, п. 6.9, 6.10")
def record_revoke(
    ctx: typer.Context,
    site_id: SiteArgument,
    order_number: OrderNumberOption = None,
    order_date: OrderDateOption = None,
    effective: Annotated[
        date | None,
        date_option("--effective", "С какого дня статус снят; по умолчанию — дата приказа."),
    ] = None,
    reason: Annotated[
        Text,
        typer.Option(
            "--reason",
            metavar="ОСНОВАНИЕ",
            parser=word_choice(REASON_WORDS, "основания"),
            help=f"{shown_words(REASON_WORDS)} (или код: {', '.join(REASONS)}).",
        ),
    ] = None,
    agreed_commission: Annotated[
        date | None,
        date_option("--agreed-commission", "Дата согласования Экспертной комиссией (п. 6.10)."),
    ] = None,
    agreed_center: Annotated[
        date | None, date_option("--agreed-center", "Согласовано Региональным центром.")
    ] = None,
    dry_run: DryRunOption = False,
    order: OrderAlias = None,
    on: Annotated[date | None, hidden_date("--date")] = None,
    agreed_expert: Annotated[date | None, hidden_date("--agreed-expert")] = None,
) -> None:
    """Досрочное снятие статуса по согласованию (п. 6.9, 6.10)."""
    number_, signed = _order(order_number or order, order_date)
    ground = ask(
        reason,
        "--reason",
        f"Основание ({shown_words(REASON_WORDS)})",
        word_choice(REASON_WORDS, "основания"),
    )
    expert = ask(
        agreed_commission or agreed_expert, "--agreed-commission", "Согласовано комиссией", day
    )
    center = ask(agreed_center, "--agreed-center", "Согласовано Региональным центром", day)
    operation = records.revoke(number_, signed, effective or on or signed, ground, expert, center)
    run_record(ctx, site_id, operation, dry_run, ("дата приказа", signed))
