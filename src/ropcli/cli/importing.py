"""`ropcli import FILE.docx… --id ID`: a school's Word application and passport into
`sites/ID.yaml` (docs/import.md). Options → `ropcli.intake` → the report → exit code:

* 0 — written (with `--dry-run`: shown, not written); fields left empty are listed;
* 1 — some values are not valid (listed with file, table and row; the valid ones are
  written); fields already filled with another value (listed; nothing written without
  `--force`); a file with no field of the forms; the result would have errors;
* 2 — usage: a bad id, no file;
* 3 — cannot run: a file that is not a .docx (a .doc, a broken one), no registry, the
  write lock busy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ropcli.cli import write_options
from ropcli.cli.app import app, fail, guarded, open_from, options
from ropcli.cli.write_options import DryRunOption, finish, refused
from ropcli.core.problems import ExitCode

if TYPE_CHECKING:
    from ropcli.core.settings import Settings
    from ropcli.intake.apply import Conflict, Outcome


@app.command("import")
def import_files(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="ФАЙЛ.docx",
            help="Заполненные заявка и (или) паспорт практики в формате Word (.docx).",
            show_default=False,
        ),
    ],
    site_id: Annotated[
        str,
        typer.Option(
            "--id", metavar="ID", help="id площадки: sites/ID.yaml (создаётся или дополняется)."
        ),
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Заменить значениями из Word поля, заполненные иначе."),
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """Перенести в реестр заявку и паспорт из файлов Word: заполнить пустые поля площадки,
    перечислить неверные значения и то, что осталось заполнить."""
    from ropcli.editing.transaction import RefusedWrite, check_site_id, check_writable
    from ropcli.intake.apply import Conflicts, plan
    from ropcli.intake.compose import read_files

    with guarded():
        check_site_id(site_id)
        registry = open_from(ctx)
        reading = read_files(files, registry.settings)
    with write_options.writing(registry, dry_run):
        with guarded():
            try:
                outcome = plan(registry, site_id, reading, force=force)
            except Conflicts as exc:
                _conflicts(exc.conflicts)
                raise fail(exc.message, exc.exit_code) from None
            except RefusedWrite as exc:
                raise refused(exc, ctx) from None
        changed = outcome.change.after != outcome.change.before
        if changed and not dry_run:
            with guarded():
                check_writable(outcome.change)  # before a report that says «заполнено»
        _report(outcome, files, registry.settings)
        if not changed:
            typer.echo(f"{outcome.change.file} не изменился: нового в файлах Word нет.", err=True)
        else:
            finish(ctx, outcome.change, dry_run, show=False)
    if outcome.invalid:
        raise fail(
            f"неверных значений: {len(outcome.invalid)} (выше) — они не записаны; исправьте их в "
            "Word и повторите импорт или впишите в файл площадки",
            ExitCode.PROBLEMS,
        )
    errors = {p.pointer for p in outcome.change.pending if p.is_error}
    if errors and not dry_run:
        raise fail(
            f"у заявки есть дата, значит площадка уже не черновик, а пустых полей — "
            f"{len(errors)}: пока они не заполнены, это ошибки, и status, reports и документы "
            f"пропускают площадку; заполните их: ropcli fill {site_id}",
            ExitCode.PROBLEMS,
        )
    if not options(ctx).quiet and outcome.missing:
        typer.echo(
            f"Остальное дополните: ropcli fill {site_id} спросит пустые поля по одному; или в "
            "файле площадки (ropcli validate покажет строки).",
            err=True,
        )
    raise typer.Exit(int(ExitCode.OK))


def _value(value: Any) -> str:
    from ropcli.intake.compose import shown

    return shown(value)


def _quoted(value: Any) -> str:
    """«value», or the value as is when it is already in «» (a practice's name)."""
    text = _value(value)
    return text if text.startswith("«") and text.endswith("»") else f"«{text}»"


def _conflicts(conflicts: list[Conflict]) -> None:
    from ropcli.intake.fields import name_of

    typer.echo("Поля, которые уже заполнены иначе:", err=True)
    for c in conflicts:
        typer.echo(
            f"  {name_of(c.path)}: в файле {_quoted(c.current)}, в Word {_quoted(c.found.value)} "
            f"({c.found.where})",
            err=True,
        )


def _report(outcome: Outcome, files: list[Path], settings: Settings) -> None:
    from ropcli.core.vocab import SITE_TYPES
    from ropcli.intake.fields import name_of

    def value(path: tuple[str, ...], found: Any) -> str:
        if path == ("organization", "type"):
            return f"{SITE_TYPES.get(found, found)} ({found})"
        if path == ("organization", "municipality") and found in settings.municipalities:
            return f"{settings.municipalities[found].name} ({found})"
        return _value(found)

    names = ", ".join(f.name for f in files)
    typer.echo(f"Из {names} → {outcome.change.file}")
    if outcome.filled:
        typer.echo(f"Заполнено полей: {len(outcome.filled)}")
        for path, found in outcome.filled:
            note = f" ({found.note})" if found.note else ""
            typer.echo(f"  {name_of(path)}: {value(path, found.value)}{note}")
    if outcome.same:
        typer.echo(f"Уже были с теми же значениями: {len(outcome.same)}")
    if outcome.replaced:
        typer.echo(f"Заменено (--force): {len(outcome.replaced)}")
        for c in outcome.replaced:
            typer.echo(f"  {name_of(c.path)}: {_quoted(c.current)} → {_quoted(c.found.value)}")
    if outcome.invalid:
        typer.echo(f"Не записано — неверные значения: {len(outcome.invalid)}")
        for refusal in outcome.invalid:
            what = name_of(refusal.path) if refusal.path else refusal.label
            typer.echo(f"  {refusal.where} («{what}»): {refusal.message}")
    missing = list(dict.fromkeys(name_of(_path(m.pointer)) for m in outcome.missing))
    if missing:
        typer.echo(f"Не заполнено (нет в файлах Word): {len(missing)}")
        for name in missing:
            typer.echo(f"  {name}")


def _path(pointer: str) -> tuple[str, ...]:
    return tuple(part for part in pointer.strip("/").split("/") if not part.isdigit())
