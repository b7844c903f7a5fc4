"""`ropcli render DOC [ID...]`: documents from templates (docs/render.md).

Options → `ropcli.documents.render` → files. Only here is today read (the default of
`--on`) and are exit codes chosen:

* 0 — the files are written;
* 1 — refused: a site the document names has validation errors (they are listed, nothing
  is written), a named site cannot be in this document at `--on`, or no site can;
* 2 — usage: unknown document, id, format or option value; ids missing where the
  document needs them; an option the document does not take;
* 3 — cannot run: no registry, a required setting empty in ropcli.yaml, a template error
  (template and line named), an output file that exists without `--force`.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropcli.cli.app import (
    app,
    choice,
    fail,
    guarded,
    open_from,
    options,
    shown_words,
    whole_number,
    word_choice,
)
from ropcli.cli.lifecycle_options import ForceOption, OnOption, iso_day
from ropcli.core.labels import REASON_WORDS
from ropcli.core.problems import ExitCode
from ropcli.core.vocab import REVOCATION_REASONS
from ropcli.documents.names import DOCUMENT_NAMES, FORMATS

if TYPE_CHECKING:
    from ropcli.documents.render import Output
    from ropcli.documents.request import Request

DOC_NAMES = DOCUMENT_NAMES
REASONS = tuple(REVOCATION_REASONS)

DateOption = Annotated[
    date | None, typer.Option(parser=iso_day, metavar="ГГГГ-ММ-ДД", show_default=False)
]

# Documents that quote a recorded order: --order-number/--order-date pick which one.
RECORDED = ("order-extract", "status-notice")

# Options that only some documents take: a stray one is a usage error, not ignored.
ONLY_FOR = {
    "--order-number": ("order-assign", "order-extend", "order-revoke", *RECORDED),
    "--order-date": ("order-assign", "order-extend", "order-revoke", *RECORDED),
    "--start": ("order-assign", "order-extend"),
    "--years": ("order-assign", "order-extend"),
    "--reason": ("order-revoke",),
    "--effective": ("order-revoke",),
    "--agreed-commission": ("order-revoke",),
    "--agreed-center": ("order-revoke",),
}


@app.command()
def render(
    ctx: typer.Context,
    doc: Annotated[
        str | None,
        typer.Argument(
            metavar="DOC", help=f"Документ: {', '.join(DOC_NAMES)}.", show_default=False
        ),
    ] = None,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help="Id площадок. По умолчанию: для приказов о присвоении и продлении и для "
            "письма — все подходящие площадки, для реестра — все.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            metavar="ПУТЬ",
            show_default=False,
            help="Файл или папка (папка — если существует или путь кончается на /). "
            "По умолчанию — текущая папка; «-» — на экран (md, html). Имя файла "
            "складывается из документа, id и даты.",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            parser=choice(FORMATS),
            metavar="ФОРМАТ",
            show_default=False,
            help="docx | md | html | pdf (PDF делает LibreOffice) | xlsx (Excel, только "
            "реестр). По умолчанию — по "
            "расширению --out, иначе docx (у письма и реестра — md).",
        ),
    ] = None,
    on: OnOption = None,
    order_number: Annotated[
        str | None,
        typer.Option(
            "--order-number",
            metavar="НОМЕР",
            show_default=False,
            help="Номер приказа; без него в проекте «№ ____».",
        ),
    ] = None,
    order_date: Annotated[
        date | None,
        typer.Option(
            "--order-date",
            parser=iso_day,
            metavar="ГГГГ-ММ-ДД",
            show_default=False,
            help="Дата приказа; без неё в проекте «от ____». С неё же начинается срок.",
        ),
    ] = None,
    start: Annotated[
        date | None,
        typer.Option(
            "--start",
            parser=iso_day,
            metavar="ГГГГ-ММ-ДД",
            show_default=False,
            help="Начало срока статуса (вместо даты приказа; при продлении — вместо дня "
            "после окончания текущего срока).",
        ),
    ] = None,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            parser=whole_number(1, "лет"),
            metavar="ЛЕТ",
            show_default=False,
            help="Срок статуса в годах; по умолчанию предельный (term.max_years, 3).",
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            parser=word_choice(REASON_WORDS, "основания"),
            metavar="ОСНОВАНИЕ",
            show_default=False,
            help="order-revoke: основание по п. 6.9 (досрочное снятие): "
            f"{shown_words(REASON_WORDS)} (или код: {', '.join(REASONS)}).",
        ),
    ] = None,
    effective: Annotated[
        date | None,
        typer.Option(
            "--effective",
            parser=iso_day,
            metavar="ГГГГ-ММ-ДД",
            show_default=False,
            help="order-revoke: с какого дня снимается статус; по умолчанию — с даты приказа "
            "(без неё — «со дня издания приказа»).",
        ),
    ] = None,
    agreed_commission: Annotated[
        date | None,
        typer.Option(
            "--agreed-commission",
            parser=iso_day,
            metavar="ГГГГ-ММ-ДД",
            show_default=False,
            help="order-revoke: дата согласования Экспертной комиссией (п. 6.10).",
        ),
    ] = None,
    agreed_center: Annotated[
        date | None,
        typer.Option(
            "--agreed-center",
            parser=iso_day,
            metavar="ГГГГ-ММ-ДД",
            show_default=False,
            help="order-revoke: дата согласования региональным наставническим центром (п. 6.10).",
        ),
    ] = None,
    force: ForceOption = False,
    list_: Annotated[
        bool,
        typer.Option(
            "--list", help="Перечислить документы и откуда берётся каждый шаблон, и выйти."
        ),
    ] = False,
) -> None:
    """Составить документ по шаблону: проект приказа, заявку, паспорт, письмо, реестр."""
    from ropcli.documents.catalog import DOCUMENTS
    from ropcli.documents.context import OrderRef
    from ropcli.documents.request import Request, RevocationDraft
    from ropcli.output.documents import destinations, list_documents, write_all

    if list_:
        typer.echo(list_documents(_registry_root(ctx)), nl=False)
        raise typer.Exit(int(ExitCode.OK))
    if doc is None or doc not in DOCUMENTS:
        what = f"«{doc}» — нет такого документа; " if doc else "укажите документ; "
        raise fail(f"{what}есть: {', '.join(DOC_NAMES)}", ExitCode.USAGE)
    kind = DOCUMENTS[doc]
    given = {
        "--order-number": order_number,
        "--order-date": order_date,
        "--start": start,
        "--years": years,
        "--reason": reason,
        "--effective": effective,
        "--agreed-commission": agreed_commission,
        "--agreed-center": agreed_center,
    }
    stray = [o for o, v in given.items() if v is not None and doc not in ONLY_FOR[o]]
    if stray:
        raise fail(f"{', '.join(stray)} не относится к документу {doc}", ExitCode.USAGE)
    fmt = _format(format, out, kind.formats, doc)
    request = Request(
        document=doc,
        on=on or date.today(),
        ids=tuple(ids or ()),
        format=fmt,
        order=OrderRef(order_number, order_date),
        start=start,
        years=years,
        revocation=RevocationDraft(reason, effective, agreed_commission, agreed_center),
    )
    with guarded():
        outputs = _render(ctx, request)
        targets = destinations(outputs, out, force=force)
        write_all(targets, out, force=force)
    for path, content in targets:
        if path is None:
            typer.echo(content, nl=False)  # bytes: UTF-8 whatever the terminal's locale
        elif not options(ctx).quiet:
            typer.echo(f"Записан файл {path}")
    raise typer.Exit(int(ExitCode.OK))


def _registry_root(ctx: typer.Context) -> Path | None:
    from ropcli.core.problems import RopcliError
    from ropcli.validation.registry import discover

    try:
        return discover(options(ctx).registry, Path.cwd())
    except RopcliError:
        return None


def _format(given: str | None, out: str | None, allowed: tuple[str, ...], doc: str) -> str:
    from ropcli.output.documents import STDOUT, is_folder

    named = out is not None and out != STDOUT and not is_folder(out)
    suffix = Path(out).suffix.lstrip(".") if named and out else ""
    fmt = given or (suffix if suffix in FORMATS else None) or allowed[0]
    if suffix and suffix != fmt:  # a .txt that is really a .docx would open as gibberish
        raise fail(
            f"--out {Path(str(out)).name}: расширение «.{suffix}» не подходит к формату {fmt}; "
            f"назовите файл «….{fmt}»" + ("" if given else " или укажите --format"),
            ExitCode.USAGE,
        )
    if fmt not in allowed:
        raise fail(f"документ {doc} бывает только в форматах: {', '.join(allowed)}", ExitCode.USAGE)
    return fmt


def _render(ctx: typer.Context, request: Request) -> list[Output]:
    """Check the registry, refuse unknown ids (exit 2), render; a refusal for invalid
    sites lists their problems, as `validate` would, before its message."""
    from ropcli.cli.lifecycle_options import unknown_message
    from ropcli.documents.render import Refused, drafts_left_out
    from ropcli.documents.render import render as render_documents
    from ropcli.output.reporters import text
    from ropcli.register.at_date import Overview
    from ropcli.validation.cached import check_cached, files_of

    registry = open_from(ctx)
    cap = registry.settings.max_years
    if request.years is not None and request.years > cap:
        raise fail(
            f"--years {request.years}: срок статуса — не больше {cap} лет (п. 6.8)", ExitCode.USAGE
        )
    result = check_cached(registry, files_of(registry, request.ids) if request.ids else None)
    overview = Overview.from_check(result, registry.settings)
    unknown = overview.unknown(request.ids)
    if unknown:
        raise fail(unknown_message(unknown, overview.ids(), registry.root), ExitCode.USAGE)
    try:
        outputs = render_documents(registry, result, request)
    except Refused as exc:
        text.report(exc.result, sys.stderr, color=False)
        raise
    drafts = drafts_left_out(result, request)
    if drafts:  # a draft is never in a document: say which were left out
        typer.echo(f"Черновики не включены: {', '.join(drafts)} ({len(drafts)})", err=True)
    return outputs
