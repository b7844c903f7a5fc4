"""`ropcli new ID`: a new site file from the commented scaffold (exit codes: ropcli.cli.write).

On a terminal the organization's fields not given as options are asked one by one, each
answer checked as it is typed (`ropcli.cli.prompts`); the type and the municipality are
accepted in Russian words as well as by code.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ropcli.cli import write_options
from ropcli.cli.app import app, guarded, open_from, options, shown_words, word_choice
from ropcli.cli.prompts import municipality_code, prompt_organization
from ropcli.cli.write_options import TYPES, DryRunOption, NewSiteArgument, Text, finish
from ropcli.core.labels import SITE_TYPE_WORDS
from ropcli.editing.transaction import new_site, new_site_path, shown_path


@app.command()
def new(
    ctx: typer.Context,
    site_id: NewSiteArgument,
    name: Annotated[Text, typer.Option("--name", help="Полное наименование по уставу.")] = None,
    short_name: Annotated[Text, typer.Option("--short-name", help="Сокращённое.")] = None,
    kind: Annotated[
        Text,
        typer.Option(
            "--type",
            metavar="ТИП",
            parser=word_choice(SITE_TYPE_WORDS, "типа"),
            help=f"{shown_words(SITE_TYPE_WORDS)} (или код: {', '.join(TYPES)}).",
        ),
    ] = None,
    inn: Annotated[Text, typer.Option("--inn", help="ИНН, 10 цифр.")] = None,
    ogrn: Annotated[Text, typer.Option("--ogrn", help="ОГРН, 13 цифр.")] = None,
    municipality: Annotated[
        Text,
        typer.Option(
            "--municipality",
            metavar="МУНИЦИПАЛИТЕТ",
            help="Муниципалитет: название («Хомутовский район», «город Курск») или код "
            "(khomutovsky, kursk).",
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Создать файл новой площадки из шаблона с комментариями; незаполненные поля
    перечислит ropcli validate."""
    from ropcli.editing.scaffold import fields_to_fill, render

    with guarded():
        registry = open_from(ctx)
        new_site_path(registry, site_id)  # a bad id or an existing file: before any prompt
        values = {
            "full_name": name,
            "short_name": short_name,
            "type": kind,
            "inn": inn,
            "ogrn": ogrn,
            "municipality": municipality,
        }
        if write_options.interactive():
            values = prompt_organization(values, registry.settings)
        values["type"] = values["type"] or "school"
        values["municipality"] = municipality_code(values["municipality"], registry.settings)
    with write_options.writing(registry, dry_run):  # after the prompts: a person takes a while
        with guarded():
            content = render(registry, site_id, values)
            change = new_site(registry, site_id, content, fields_to_fill(content))
        finish(ctx, change, dry_run, show=False)
    if not dry_run and not options(ctx).quiet:
        typer.echo(
            f"Осталось заполнить полей: {len({p.pointer for p in change.pending})}. "
            f"Заполнить по вопросам: ropcli fill {site_id}; "
            f"список со строками: ropcli validate {shown_path(change.path)}",
            err=True,
        )
