"""`ropcli fill ID`: the empty fields of a site asked one by one on a terminal (docs/fill.md).

Each answer is checked as it is typed (`ropcli.editing.answers`) and, once accepted, saved
at once under the register's lock, so Ctrl-C loses nothing typed and the next run asks only
what is still empty. Exit codes: 0 done (fields may have been skipped), 1 interrupted
(Ctrl-C / Ctrl-D: «Прервано.», as every prompt of ropcli), the file cannot be read as a
site or a section asked for is not a mapping of fields (`passport: 5`), 2 usage (unknown
site, not a terminal without --list), 3 cannot run (the lock, a read-only file).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ropcli.cli import write_options
from ropcli.cli.app import app, fail, guarded, open_from, shown_words, word_choice
from ropcli.cli.write_options import SiteArgument
from ropcli.core.problems import ExitCode
from ropcli.editing.questionnaire import SECTION_WORDS

if TYPE_CHECKING:
    from ropcli.core.problems import Problem
    from ropcli.editing.questionnaire import Field
    from ropcli.validation.registry import Registry

SKIP = "-"  # skips a field that offers a default (Enter would take the default)
HINTS = {
    "date": "Дата: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.",
    "identifier": "Как в документе; кавычки ropcli поставит сам.",
    "choice": "Номер или слово из списка.",
    "yes_no": "Ответ: да или нет.",
    "text_list": "По одному пункту; пустая строка — конец списка.",
    "choice_list": "По одному номеру или слову из списка; пустая строка — конец списка.",
}


def _sections(value: str) -> str:
    """`--only заявка,паспорт`: sections by Russian word or key, comma-separated."""
    one = word_choice(SECTION_WORDS, "раздела")
    names = [n.strip() for n in str(value).split(",") if n.strip()]
    if not names:
        raise typer.BadParameter(f"пустой список; есть: {shown_words(SECTION_WORDS)}")
    return ",".join(one(n) for n in names)


def say(text: str = "") -> None:
    typer.echo(text, err=True)


def _choices(field: Field) -> None:
    shown = [names[0] if names else code for code, names in field.choices.items()]
    width = max(len(s) for s in shown) + 6
    columns = max(1, min(3, 96 // width)) if len(shown) > 8 else 1
    rows = -(-len(shown) // columns)
    for row in range(rows):
        cells = [f"{i + 1:>3}. {shown[i]}".ljust(width) for i in range(row, len(shown), rows)]
        say("  " + "".join(cells).rstrip())


class Questions:
    """One run of the questions: asks, saves, counts."""

    def __init__(self, registry: Registry, site_id: str, today: dt.date) -> None:
        self.registry, self.site_id, self.today = registry, site_id, today
        self.saved = self.skipped = 0
        self.refused: tuple[str, str] | None = None  # a field and its answer refused elsewhere

    def ask(self, field: Field, number: int, total: int) -> None:
        from ropcli.editing.answers import default, read_data

        say()
        say(f"[{number}/{total}] {' › '.join(field.heading)} › {field.title}")
        if field.description:
            say(f"  {field.description}")
        if field.kind in HINTS:
            say(f"  {HINTS[field.kind]}")
        if field.choices and len(field.choices) > 1:
            _choices(field)
        if field.is_list:
            self._list(field)
            return
        offered = default(field, read_data(self.registry, self.site_id), self.today,
                          self.registry.settings)  # fmt: skip
        if offered:
            say(f"  Enter — «{offered}»; «{SKIP}» — пропустить.")
        while True:
            answer = typer.prompt(field.title, default=offered or "", show_default=False, err=True)
            if not answer.strip() or answer.strip() == SKIP:
                self.skipped += 1
                return
            outcome = self._save(field, answer)
            if outcome == "saved" and answer == offered:
                say(f"  Принято: {offered}")
            if outcome != "again":
                return

    def _list(self, field: Field) -> None:
        count = 0
        while True:
            answer = typer.prompt(f"  пункт {count + 1}", default="", show_default=False, err=True)
            if not answer.strip() or answer.strip() == SKIP:
                self.skipped += count == 0
                return
            outcome = self._save(field, answer)
            if outcome == "skipped":
                return
            count += outcome == "saved"

    def _save(self, field: Field, answer: str) -> str:
        """Check and save one answer: "saved", "again" (refused, the reasons said) or
        "skipped" (the same answer again after it was refused for another field's sake)."""
        from ropcli.editing.answers import BadAnswer, parse_answer, save_answer
        from ropcli.editing.transaction import RefusedWrite, commit

        try:
            value = parse_answer(field, answer)
        except BadAnswer as exc:
            say(f"Ошибка: {exc.message} — попробуйте ещё раз.")
            return "again"
        if self.refused == (field.pointer, answer.strip()):
            say("  Вопрос пропущен: сначала исправьте поле, названное выше.")
            self.skipped += 1
            return "skipped"
        with write_options.writing(self.registry, dry_run=False), guarded():
            try:
                change, warnings = save_answer(self.registry, self.site_id, field, value)
            except RefusedWrite as exc:
                say(f"ropcli: {exc.message}")
                return "saved"  # nothing to save here any more: on to the next field
            if change.problems:  # a duplicate ИНН is said on both files: this one's first
                mine = [p for p in change.problems if p.file == change.file]
                self._refused(field, answer, mine or change.problems)
                return "again"
            commit(change)
        for warning in warnings:
            say(f"Внимание: {warning.message}")
        self.saved += 1
        return "saved"

    def _refused(self, field: Field, answer: str, problems: list[Problem]) -> None:
        """Why an answer is refused and what to do: type another one or, when the error is
        on another field, put that field right first (this question can wait)."""
        from ropcli.editing.answers import elsewhere

        others = elsewhere(field, problems)
        if not others:
            for problem in problems:
                say(f"Ошибка: {problem.message} — попробуйте ещё раз.")
            return
        self.refused = (field.pointer, answer.strip())
        for problem, title in others:
            say(
                f"Ошибка: ответ не сходится с другим полем — «{title}» "
                f"({problem.file}, строка {problem.line}): {problem.message}."
            )
        lines = ", ".join(str(p.line) for p, _ in others)
        say(
            f"  Исправьте сначала то поле: в файле (строка {lines}) — или сотрите там значение,"
            f" и ropcli fill {self.site_id} спросит его; или импортируйте заявку заново"
            " (ropcli import --force)."
        )
        say(f"  Сейчас: другой ответ — или «{SKIP}» (или тот же ответ ещё раз), чтобы пропустить"
            " этот вопрос.")  # fmt: skip


@app.command()
def fill(
    ctx: typer.Context,
    site_id: SiteArgument,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="РАЗДЕЛЫ",
            parser=_sections,
            help=f"Только эти разделы, через запятую: {shown_words(SECTION_WORDS)}.",
        ),
    ] = None,
    listing: Annotated[
        bool,
        typer.Option(
            "--list", help="Только перечислить пустые поля, ничего не спрашивая (и не в терминале)."
        ),
    ] = False,
) -> None:
    """Заполнить пустые поля площадки, отвечая на вопросы в терминале: каждый ответ
    проверяется и сразу сохраняется. Пустой ответ (Enter) пропускает поле; Ctrl-C
    прерывает, сохранённое остаётся, и следующий запуск спросит только то, что ещё пусто."""
    from ropcli.editing.answers import read_data
    from ropcli.editing.questionnaire import empty_fields, wrong_sections
    from ropcli.editing.transaction import site_path

    with guarded():
        registry = open_from(ctx)
        file = registry.relative(site_path(registry, site_id))
        sections = tuple(only.split(",")) if only else ()
        data = read_data(registry, site_id)
        fields = empty_fields(data, registry.settings, sections)
    wrong = wrong_sections(data, sections)
    if wrong:
        note = (
            f"в {file} неверный тип: {', '.join(wrong)} — в разделе должны быть поля с отступом "
            f"(«ключ: значение»), спросить в нём нечего; исправьте в редакторе, строку покажет "
            f"ropcli validate {file}"
        )
        if not fields:
            raise fail(note, ExitCode.PROBLEMS)
        say(f"Внимание: {note}.")
    if listing:
        for field in fields:
            typer.echo(f"{field.pointer}\t{' › '.join((*field.heading, field.title))}")
        raise typer.Exit(int(ExitCode.OK))
    if not fields:
        say(f"В {file} пустых полей нет — спрашивать нечего.")
        raise typer.Exit(int(ExitCode.OK))
    if not write_options.interactive():
        raise fail(
            f"ropcli fill задаёт вопросы и работает только в терминале. Перечислить пустые "
            f"поля без вопросов: ropcli fill {site_id} --list",
            ExitCode.USAGE,
        )
    _run(Questions(registry, site_id, dt.date.today()), fields, file, sections)


def _run(questions: Questions, fields: list[Field], file: str, sections: tuple[str, ...]) -> None:
    from ropcli.editing.answers import read_data
    from ropcli.editing.questionnaire import empty_fields

    say(f"Пустых полей в {file}: {len(fields)}. Каждый принятый ответ сразу сохраняется в файл.")
    say("Enter без ответа — пропустить поле (заполнить позже); Ctrl-C — прервать.")
    site_id = questions.site_id
    try:
        for number, field in enumerate(fields, 1):
            questions.ask(field, number, len(fields))
    except (typer.Abort, KeyboardInterrupt, EOFError):
        say()
        say(f"Прервано. Сохранено ответов: {questions.saved}; продолжить: ropcli fill {site_id}")
        raise typer.Exit(int(ExitCode.PROBLEMS)) from None
    with guarded():
        data = read_data(questions.registry, site_id)
        left = empty_fields(data, questions.registry.settings, sections)
    say()
    say(f"Сохранено ответов: {questions.saved}, пропущено полей: {questions.skipped}.")
    if left:
        say(f"Осталось пустых полей: {len(left)} — продолжить: ropcli fill {site_id}")
    else:
        say(f"Все поля заполнены. Проверка файла: ropcli validate {file}")
