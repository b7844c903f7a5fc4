"""The table of commands: each command's name, the modules that define it, its line of help.

Light on purpose (no Typer, no YAML, nothing of the library): the entry point reads it to
answer `ropcli --help` without importing a single command, and the root group reads it to
import only the module of the command being run (`ropcli.cli.framework.LazyGroup`).

**A new command is one line in `COMMANDS`**: its name, its module in `ropcli/cli/`, and the
first sentence of its help as `ropcli --help` shows it. `tests/test_lazy_commands.py` fails
while a module of `ropcli/cli/` registers a command this table does not name, or a line of
help here differs from the command's own.
"""

# ruff: noqa: E501  (one line a command, however long its help)
from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    modules: tuple[str, ...]  # modules of ropcli.cli that define it (a group: every part)
    help: str  # the first sentence of its help, as the command list shows it


# In the order `ropcli --help` lists them.
COMMANDS: dict[str, Command] = {
    "validate": Command(("checking",), "Проверить файлы площадок: схема и правила Положения, с файлом, строкой и столбцом."),
    "schema": Command(("checking",), "Напечатать JSON Schema (для редактора или другой программы)."),
    "rules": Command(("checking",), "Перечислить правила проверки: id, серьёзность, пункт Положения, суть."),
    "diff": Command(("diff",), "Проверить изменения реестра относительно ревизии git: реестр только дополняется."),
    "init": Command(("init",), "Создать реестр: ropcli.yaml с комментариями, sites/, схемы для редактора, README, .gitignore, проверки для GitHub Actions, GitLab CI и pre-commit."),
    "status": Command(("lifecycle",), "Состояние площадок на дату: действует, истекает, истёк, снят досрочно…"),
    "reports": Command(("lifecycle",), "Требуемые отчёты площадок и их состояние на дату: не сдан, с опозданием, не согласован…"),
    "show": Command(("lifecycle",), "Одна площадка: организация, состояние, сроки с приказами, отчёты, хронология."),
    "new": Command(("new",), "Создать файл новой площадки из шаблона с комментариями; незаполненные поля перечислит ropcli validate."),
    "fill": Command(("fill",), "Заполнить пустые поля площадки, отвечая на вопросы в терминале: каждый ответ проверяется и сразу сохраняется."),
    "publish": Command(("publish",), "Открытый реестр: статический сайт, лента изменений и открытые данные в папке --out."),
    "remind": Command(("remind",), "Напоминания площадкам на дату: об отчётах и о заявке на продление (п."),
    "render": Command(("render",), "Составить документ по шаблону: проект приказа, заявку, паспорт, письмо, реестр."),
    "import": Command(("importing",), "Перенести в реестр заявку и паспорт из файлов Word: заполнить пустые поля площадки, перечислить неверные значения и то, что осталось заполнить."),
    "record": Command(("write", "record_orders"), "Дописать в файл площадки событие, отчёт или мероприятие: с проверкой, атомарно, без потери комментариев."),
}  # fmt: skip

# The root group's options that may also stand after the command; True: takes a value.
GLOBAL_OPTIONS = {
    "--registry": True,
    "-q": False,
    "--quiet": False,
    "--no-color": False,
    "--cache-dir": True,
    "--no-cache": False,
}
HELP_OPTIONS = ("-h", "--help")

ROOT_HELP = (
    "Реестр региональных опорных площадок наставничества Курской области: проверка "
    "файлов, сроки статуса, отчёты, проекты приказов."
)
REGISTRY_HELP = (
    "Папка реестра (где лежит ropcli.yaml). По умолчанию: $ROPCLI_REGISTRY, ближайшая "
    "папка с ropcli.yaml, ./registry."
)
QUIET_HELP = "Не печатать итоговую строку и сообщения об успехе."
NO_COLOR_HELP = "Без цвета (так же действует переменная NO_COLOR)."
CACHE_DIR_HELP = (
    "Папка кэша результатов проверки (по умолчанию $ROPCLI_CACHE_DIR или папка кэша пользователя)."
)
NO_CACHE_HELP = (
    "Не читать и не писать кэш: проверить все файлы заново (так же действует ROPCLI_NO_CACHE=1)."
)
VERSION_HELP = "Показать версию и выйти."
HELP_HELP = "Показать эту справку и выйти."

# The options section of `ropcli --help`, as the root group lists them.
ROOT_OPTIONS = (
    ("--registry ПАПКА", REGISTRY_HELP),
    ("-q, --quiet", QUIET_HELP),
    ("--no-color", NO_COLOR_HELP),
    ("--cache-dir ПАПКА", CACHE_DIR_HELP),
    ("--no-cache", NO_CACHE_HELP),
    ("--version", VERSION_HELP),
    ("-h, --help", HELP_HELP),
)


def modules_of(name: str) -> tuple[str, ...]:
    """The modules to import for command `name`; every module for a name not in the table
    (a typo: its «Может быть, …?» needs every command's name)."""
    known = COMMANDS.get(name)
    return known.modules if known else every_module()


def every_module() -> tuple[str, ...]:
    return tuple(dict.fromkeys(m for command in COMMANDS.values() for m in command.modules))


def asks_root_help(args: list[str]) -> bool:
    """`ropcli --help`, `ropcli --registry reg -h`: help of the root group, and nothing else."""
    index, wants = 0, False
    while index < len(args):
        item = args[index]
        name = item.split("=", 1)[0] if item.startswith("--") else item
        if name in GLOBAL_OPTIONS:
            index += 2 if GLOBAL_OPTIONS[name] and "=" not in item else 1
            continue
        if item not in HELP_OPTIONS:
            return False
        wants, index = True, index + 1
    return wants and index == len(args)
