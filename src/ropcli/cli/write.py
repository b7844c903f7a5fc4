"""`ropcli new ID` and `ropcli record …`: write site files safely (ARCHITECTURE.md).

Each command: options (prompts for missing ones on a terminal) → an operation of
`ropcli.editing.records` → `ropcli.editing.transaction` (round-trip edit, re-validation) →
the diff → an atomic write. Exit codes:

* 0 — written (with `--dry-run`: shown, not written);
* 1 — refused, file byte-identical: the result would have errors, or warnings the file did
  not have (listed); the entry is already recorded; the file already has errors;
* 2 — usage: a bad id, an unknown site, a bad date or number, a missing option when
  standard input is not a terminal, `--years` with `--end`;
* 3 — cannot run: no registry, `new` for a site whose file exists, a file that cannot be
  written or is read-only, the register's write lock busy for longer than its timeout.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from ropcli.cli.app import app, fail, shown_words, word_choice
from ropcli.cli.framework import Typer
from ropcli.cli.write_options import (
    ACTIVITY_KINDS,
    DECISIONS,
    REPORT_KINDS,
    DryRunOption,
    SiteArgument,
    Text,
    ask,
    date_option,
    day,
    number,
    run_record,
    words,
)
from ropcli.core.labels import (
    ACTIVITY_KIND_WORDS,
    DECISION_WORDS,
    REPORT_KIND_WORDS,
)
from ropcli.core.problems import ExitCode
from ropcli.editing import records

record_app = Typer(
    name="record",
    help="Дописать в файл площадки событие, отчёт или мероприятие: с проверкой, атомарно, "
    "без потери комментариев.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(record_app, name="record")


@record_app.command(
    "agreement", short_help="Согласование заявки с муниципальным координатором, п. 6.6"
)
def record_agreement(
    ctx: typer.Context,
    site_id: SiteArgument,
    on: Annotated[date | None, date_option("--date", "Дата согласования.")] = None,
    coordinator: Annotated[Text, typer.Option("--coordinator", help="Кто согласовал.")] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Согласование заявки с муниципальным координатором (п. 6.6)."""
    agreed = ask(on, "--date", "Дата согласования", day)
    who = ask(coordinator, "--coordinator", "Муниципальный координатор", words)
    operation = records.agreement(agreed, who)
    run_record(ctx, site_id, operation, dry_run, ("дата согласования", agreed))


@record_app.command("conclusion", short_help="Заключение Экспертной комиссии, п. 6.6")
def record_conclusion(
    ctx: typer.Context,
    site_id: SiteArgument,
    on: Annotated[date | None, date_option("--date", "Дата заседания комиссии.")] = None,
    protocol: Annotated[Text, typer.Option("--protocol", help="Номер протокола.")] = None,
    decision: Annotated[
        Text,
        typer.Option(
            "--decision",
            metavar="РЕШЕНИЕ",
            parser=word_choice(DECISION_WORDS, "решения"),
            help=f"{shown_words(DECISION_WORDS)} (или код: {', '.join(DECISIONS)}).",
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Заключение Экспертной комиссии (п. 6.6)."""
    when = ask(on, "--date", "Дата заключения", day)
    number_ = ask(protocol, "--protocol", "Номер протокола", words)
    verdict = ask(
        decision,
        "--decision",
        f"Решение ({shown_words(DECISION_WORDS)})",
        word_choice(DECISION_WORDS, "решения"),
    )
    operation = records.conclusion(when, number_, verdict)
    run_record(ctx, site_id, operation, dry_run, ("дата заключения", when))


@record_app.command(
    "extension-request", short_help="Заявка на продление с актуальным новшеством, п. 6.9"
)
def record_extension_request(
    ctx: typer.Context,
    site_id: SiteArgument,
    on: Annotated[date | None, date_option("--date", "Дата заявки на продление.")] = None,
    innovation: Annotated[
        Text, typer.Option("--innovation", help="Актуальное новшество, предлагаемое к продлению.")
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Заявка на продление статуса с актуальным новшеством (п. 6.9)."""
    when = ask(on, "--date", "Дата заявки", day)
    novelty = ask(innovation, "--innovation", "Актуальное новшество", words)
    run_record(ctx, site_id, records.extension_request(when, novelty), dry_run)


@record_app.command(
    "report",
    short_help="Отчёт: ежегодный, итоговый, промежуточный, п. 4.2.5, 5.3",
)
def record_report(
    ctx: typer.Context,
    site_id: SiteArgument,
    kind: Annotated[
        Text,
        typer.Option(
            "--kind",
            metavar="ВИД",
            parser=word_choice(REPORT_KIND_WORDS, "вида отчёта"),
            help=f"{shown_words(REPORT_KIND_WORDS)} (или код: {', '.join(REPORT_KINDS)}).",
        ),
    ] = None,
    term: Annotated[
        int | None,
        typer.Option("--term", parser=number(1), help="Номер срока; по умолчанию — последний."),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", parser=number(1), help="Год срока (для ежегодного отчёта)."),
    ] = None,
    submitted: Annotated[date | None, date_option("--submitted", "Дата представления.")] = None,
    agreed: Annotated[
        date | None, date_option("--agreed", "Дата согласования с муниципальным координатором.")
    ] = None,
    url: Annotated[Text, typer.Option("--url", help="Ссылка на отчёт.")] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Представленный отчёт: ежегодный, итоговый или промежуточный (п. 4.2.5, 5.3)."""
    sort = ask(
        kind,
        "--kind",
        f"Вид отчёта ({shown_words(REPORT_KIND_WORDS)})",
        word_choice(REPORT_KIND_WORDS, "вида отчёта"),
    )
    if sort == "final" and year is not None:
        raise fail("у итогового отчёта нет года: уберите --year", ExitCode.USAGE)
    if sort == "annual":
        year = ask(year, "--year", "Год срока (1, 2, …)", number(1))
    handed = ask(submitted, "--submitted", "Дата представления", day)
    operation = records.report(sort, term, year, handed, agreed, url)
    run_record(ctx, site_id, operation, dry_run)


@record_app.command("activity", short_help="Открытое мероприятие для других организаций, п. 3.5")
def record_activity(
    ctx: typer.Context,
    site_id: SiteArgument,
    on: Annotated[date | None, date_option("--date", "Дата мероприятия.")] = None,
    kind: Annotated[
        Text,
        typer.Option(
            "--kind",
            metavar="ВИД",
            parser=word_choice(ACTIVITY_KIND_WORDS, "вида мероприятия"),
            help=f"{shown_words(ACTIVITY_KIND_WORDS)} (или код: {', '.join(ACTIVITY_KINDS)}).",
        ),
    ] = None,
    title: Annotated[Text, typer.Option("--title", help="Тема мероприятия.")] = None,
    participants: Annotated[
        int | None, typer.Option("--participants", parser=number(0), help="Число участников.")
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Открытое мероприятие для других организаций (п. 3.5)."""
    when = ask(on, "--date", "Дата мероприятия", day)
    sort = ask(
        kind,
        "--kind",
        f"Вид ({shown_words(ACTIVITY_KIND_WORDS)})",
        word_choice(ACTIVITY_KIND_WORDS, "вида мероприятия"),
    )
    theme = ask(title, "--title", "Тема", words)
    run_record(ctx, site_id, records.activity(when, sort, theme, participants), dry_run)


@record_app.command("cooperation", short_help="Договор о сотрудничестве с партнёром, п. 4.1.3")
def record_cooperation(
    ctx: typer.Context,
    site_id: SiteArgument,
    partner: Annotated[Text, typer.Option("--partner", help="Организация-партнёр.")] = None,
    contract: Annotated[Text, typer.Option("--number", help="Номер договора.")] = None,
    on: Annotated[date | None, date_option("--date", "Дата договора.")] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Договор о сотрудничестве с организацией-партнёром (п. 4.1.3)."""
    who = ask(partner, "--partner", "Организация-партнёр", words)
    number_ = ask(contract, "--number", "Номер договора", words)
    when = ask(on, "--date", "Дата договора", day)
    run_record(ctx, site_id, records.cooperation(who, number_, when), dry_run)


@record_app.command("correction", short_help="Исправление записанного значения, п. 6.1")
def record_correction(
    ctx: typer.Context,
    site_id: SiteArgument,
    pointer: Annotated[
        Text,
        typer.Option(
            "--pointer", metavar="ПУТЬ", help="Что исправить, например /reports/0/submitted."
        ),
    ] = None,
    value: Annotated[Text, typer.Option("--value", help="Верное значение.")] = None,
    reason: Annotated[Text, typer.Option("--reason", help="Почему исправлено.")] = None,
    on: Annotated[
        date | None, date_option("--date", "Дата исправления (по умолчанию — сегодня).")
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Исправление ошибки в уже записанном значении: новая запись в corrections (п. 6.1)."""
    where = ask(pointer, "--pointer", "Путь к значению (например /reports/0/submitted)", words)
    what = ask(value, "--value", "Верное значение", words)
    why = ask(reason, "--reason", "Причина исправления", words)
    change = records.correction(on or date.today(), where, what, why)
    run_record(ctx, site_id, change, dry_run)
