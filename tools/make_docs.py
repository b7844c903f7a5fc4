#!/usr/bin/env python3
"""Generate docs/format.md and docs/rules.md from the schemas and the rule modules.

    python tools/make_docs.py           # rewrite the documents that changed
    python tools/make_docs.py --check   # exit 1 when a committed document differs (tests, CI)

* docs/format.md — the site file and `ropcli.yaml`, field by field, from the JSON Schemas in
  schemas/ (title, description, required, type and values, `x-clause`), with `$ref`s resolved
  across the schema files.
* docs/rules.md — every rule `ropcli rules` prints, and for each rule of the regulation its
  id, severity, clause, summary and module docstring (with its passing and failing example).

Clauses link to their anchors in docs/regulation.md (`<a id="p6-8">`) when there is one.
The output depends on the checkout only (no dates, no absolute paths), so the committed
documents are reproducible and `--check` catches a schema or a rule changed without them.
A development script: it is not shipped in the package.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's ropcli, whether installed or not

# Everything taken from the ropcli package is imported here, and only here: when the
# package is reorganised, these lines are the ones to change.
from ropcli.core.vocab import MUNICIPALITIES  # noqa: E402  # names of the built-in municipality ids
from ropcli.validation.rulebook import rule_table  # noqa: E402  # the rows `ropcli rules` prints
from ropcli.validation.rules import RULES  # noqa: E402  # rule modules: ID, SEVERITY, CLAUSE, SUMMARY, doc

SCHEMAS = ROOT / "schemas"
DOCS = ROOT / "docs"
REGULATION = DOCS / "regulation.md"
SAMPLE = ROOT / "registry" / "sites" / "kursk-sosh-5.yaml"
FORMAT_MD = DOCS / "format.md"
RULES_MD = DOCS / "rules.md"

SITE_SCHEMA = "site.schema.json"
SETTINGS_SCHEMA = "settings.schema.json"
COMMON_SCHEMA = "common.schema.json"

SEVERITY_RU = {"error": "ошибка", "warning": "предупреждение"}
SOURCE_RU = {"format": "формат", "pull-request": "pull request", "regulation": "содержание"}
REVOCATION_OR_EXTENSION = {"продление": "extension", "досрочное снятие": "revocation"}
INLINE_ENUM = 6  # longer enums are vocabularies, listed in a section of their own


def generated_note(what: str) -> str:
    return (
        f"<!-- Создано программой tools/make_docs.py из {what}. Не правьте вручную: "
        "измените источник и запустите python tools/make_docs.py. -->"
    )


# --- clauses ------------------------------------------------------------------------------


def clause_anchor(clause: str) -> str | None:
    """The anchor of a clause in docs/regulation.md: `6.8` → `p6-8`, `прил. 1 п. 1.3` →
    `app1-1-3`, `6.9 (продление)` → `p6-9-extension` (the regulation has two 6.9s)."""
    found = re.fullmatch(r"(\d+(?:\.\d+)*)(?: \((продление|досрочное снятие)\))?", clause)
    if found:
        anchor = "p" + found[1].replace(".", "-")
        return f"{anchor}-{REVOCATION_OR_EXTENSION[found[2]]}" if found[2] else anchor
    found = re.fullmatch(r"прил\. (\d+)(?: пп?\. (\d+(?:\.\d+)*)(?:[–-][\d.]+)?)?", clause)
    if found:
        return f"app{found[1]}" + ("-" + found[2].replace(".", "-") if found[2] else "")
    return None


class Clauses:
    """Clause references as the messages print them («п. 6.8»), linked where possible."""

    def __init__(self, regulation: Path) -> None:
        text = regulation.read_text(encoding="utf-8") if regulation.exists() else ""
        self.anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))

    def link(self, clause: str | None) -> str:
        if not clause:
            return "—"
        label = f"п. {clause}" if clause[0].isdigit() else clause
        anchor = clause_anchor(clause)
        if anchor in self.anchors:
            return f"[{label}](regulation.md#{anchor})"
        return label


# --- Markdown helpers ---------------------------------------------------------------------


def text(value: Any) -> str:
    """Prose from a schema or a rule as Markdown: outside `code`, the characters Markdown
    would take for emphasis, a link or HTML are escaped («ссылки (&, *)», «<<»)."""
    parts = str(value or "").split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside code spans
        parts[i] = re.sub(r"([*<\[\]])", r"\\\1", parts[i])
    return "`".join(parts)


def cell(value: str) -> str:
    """Markdown for a table cell: one line, pipes escaped."""
    return " ".join(value.split()).replace("|", "\\|")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def scalar(value: Any) -> str:
    """A value as it is written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def code(text: str) -> str:
    return f"`{text}`"


# --- schemas ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A schema node with its `$ref`s followed: the merged keywords, the file it lives in
    (for the `#/…` references inside it) and the references it went through."""

    schema: dict[str, Any]
    base: str
    refs: tuple[str, ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return self.schema.get(key, default)


@dataclass(frozen=True)
class Row:
    path: str
    title: str
    description: str
    required: str
    values: str
    clause: str | None


class Schemas:
    def __init__(self, folder: Path) -> None:
        self.files: dict[str, dict[str, Any]] = {
            path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.schema.json"))
        }
        common = self.files[COMMON_SCHEMA].get("$defs", {})
        self.vocabularies = {
            f"{COMMON_SCHEMA}#/$defs/{name}": name
            for name, definition in common.items()
            if len(definition.get("enum", ())) > INLINE_ENUM
        }

    def node(self, schema: dict[str, Any], base: str) -> Node:
        """Follow `$ref`s; keywords written next to a `$ref` (title, description,
        x-clause) win over those of the definition it points to."""
        refs: list[str] = []
        while "$ref" in schema:
            file, _, fragment = schema["$ref"].partition("#")
            base = file or base
            target: Any = self.files[base]
            for part in filter(None, fragment.split("/")):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            refs.append(f"{base}#{fragment}")
            local = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **local}
        return Node(schema, base, tuple(refs))

    def root(self, name: str) -> Node:
        return self.node(self.files[name], name)

    def child(self, parent: Node, schema: dict[str, Any]) -> Node:
        return self.node(schema, parent.base)

    # which of the children are required, and under which condition

    def conditions(self, node: Node) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for entry in node.get("allOf", []):
            if "if" not in entry or "then" not in entry or self.variant(node, entry):
                continue
            when = " и ".join(self.describe_if(entry["if"])) or "условие выполнено"
            then = entry["then"]
            for name in then.get("required", []):
                found.setdefault(name, []).append(f"да, если {when}")
            for name in then.get("not", {}).get("required", []):
                found.setdefault(name, []).append(f"не указывается, если {when}")
        alternatives = node.get("oneOf", [])
        if alternatives and all(set(a) == {"required"} for a in alternatives):
            names = [n for a in alternatives for n in a["required"]]
            for name in names:
                others = ", ".join(code(n) for n in names)
                found.setdefault(name, []).append(f"ровно одно из {others}")
        return found

    def describe_if(self, schema: dict[str, Any], prefix: str = "") -> list[str]:
        parts = []
        for name, sub in schema.get("properties", {}).items():
            if "const" in sub:
                parts.append(code(f"{prefix}{name}: {scalar(sub['const'])}"))
            else:
                parts.extend(self.describe_if(sub, f"{prefix}{name}."))
        return parts

    def variant(self, parent: Node, entry: dict[str, Any]) -> Node | None:
        """`if: {event: assigned} then: {$ref: …}` — a kind of item with fields of its own."""
        if "if" not in entry or "then" not in entry:
            return None
        then = self.child(parent, entry["then"])
        return then if "properties" in then.schema else None

    def variants(self, node: Node) -> list[tuple[str, Node]]:
        result = []
        for entry in node.get("allOf", []):
            then = self.variant(node, entry)
            if then is not None:
                result.append((" и ".join(self.describe_if(entry["if"])), then))
        return result

    # rows

    def rows(self, node: Node, prefix: str) -> list[Row]:
        """One row per property of an object node, nested objects and lists of objects
        flattened after their parent (`organization.head.name`, `reports[].kind`)."""
        conditions = self.conditions(node)
        required = set(node.get("required", []))
        result = []
        for name, raw in node.get("properties", {}).items():
            child = self.child(node, raw)
            path = f"{prefix}.{name}" if prefix else name
            result.append(
                Row(
                    path,
                    text(child.get("title")),
                    text(child.get("description")),
                    required_text(name in required, conditions.get(name, [])),
                    self.values(child, path),
                    child.get("x-clause"),
                )
            )
            result.extend(self.nested(child, path))
        return result

    def nested(self, node: Node, path: str) -> list[Row]:
        if "properties" in node.schema and not self.variants(node):
            return self.rows(node, path)
        if node.get("type") == "array" and "items" in node.schema:
            item = self.child(node, node.get("items"))
            if "properties" in item.schema and not self.variants(item):
                return self.rows(item, f"{path}[]")
        return []

    def values(self, node: Node, path: str) -> str:
        for ref in node.refs:
            if ref in self.vocabularies:
                title = self.files[COMMON_SCHEMA]["$defs"][self.vocabularies[ref]]["title"]
                return f"значение из справочника [«{title}»](#vocab-{self.vocabularies[ref]})"
        if "const" in node.schema:
            return f"только {code(scalar(node.get('const')))}"
        if "enum" in node.schema:
            return "одно из: " + ", ".join(code(scalar(v)) for v in node.get("enum"))
        kind = node.get("type")
        if kind == "string":
            return string_values(node.schema)
        if kind == "integer":
            low, high = node.get("minimum"), node.get("maximum")
            if low is not None and high is not None:
                return f"целое число от {low} до {high}"
            if low is not None:
                return f"целое число не меньше {low}"
            return "целое число"
        if kind == "boolean":
            return "`true` или `false`"
        if kind == "object":
            text = "словарь"
            if node.get("minProperties"):
                text += ", хотя бы одно поле"
            return text + (": поля ниже" if node.get("properties") else "")
        if kind == "array":
            text = "список" + (", не пустой" if node.get("minItems", 0) >= 1 else "")
            if "items" not in node.schema:
                return text
            item = self.child(node, node.get("items"))
            if "properties" in item.schema:
                return f"{text}; каждый элемент — словарь (поля `{path}[].…`)"
            return f"{text}; каждый элемент — {self.values(item, path + '[]')}"
        return "любое значение"


def string_values(schema: dict[str, Any]) -> str:
    formats = {
        "date": "дата `ГГГГ-ММ-ДД`",
        "uri": "ссылка `https://…`",
        "email": "адрес электронной почты",
    }
    if schema.get("format") in formats:
        return formats[schema["format"]]
    if "pattern" in schema:
        return f"строка по образцу {code(schema['pattern'])}"
    if schema.get("minLength", 0) >= 1:
        return "непустая строка"
    return "строка"


def required_text(required: bool, conditions: list[str]) -> str:
    if not conditions:
        return "да" if required else "нет"
    if required:
        return "да; " + "; ".join(conditions)
    if all(c.startswith("не указывается") for c in conditions):
        return "нет; " + "; ".join(conditions)
    return "; ".join(conditions)


# --- docs/format.md -----------------------------------------------------------------------

FORMAT_INTRO = """\
# Формат файла площадки и настроек реестра

Реестр — папка с настройками `ropcli.yaml` и папкой `sites/`, в которой на каждую площадку
один файл `sites/<id>.yaml` (формат v1). Правила формата задают JSON Schema (Draft 2020-12)
в папке [`schemas/`](../schemas/): `site.schema.json` — файл площадки целиком,
`application.schema.json` — заявка, `passport.schema.json` — паспорт практики,
`settings.schema.json` — `ropcli.yaml`, `common.schema.json` — общие типы значений и
справочники. Этот документ перечисляет каждое поле этих схем: путь, название и описание,
обязательно ли оно, какие значения допустимы и на какой пункт
[Положения](regulation.md) оно опирается.

Что сверх формата проверяют правила Положения (порядок дат, срок не больше трёх лет,
контрольные цифры ИНН…) — в [rules.md](rules.md); как по файлу вычисляются состояние
площадки, сроки и отчёты — в [lifecycle.md](lifecycle.md).

## Как читать таблицы

* **Поле** — путь к ключу: `organization.inn` — ключ `inn` внутри `organization`;
  `[]` — каждый элемент списка: `reports[].kind` — ключ `kind` каждой записи `reports`.
* **Обяз.** — обязательно ли поле, когда есть его раздел: «да», «нет» или условие
  («да, если `kind: annual`»). Необязательный раздел можно не писать целиком — тогда и его
  обязательные поля не нужны.
* **Значения** — тип и допустимые значения. Даты — `ГГГГ-ММ-ДД` (`2024-06-20`; запись
  `20.06.2024` — ошибка). ИНН, ОГРН и номера приказов, протоколов, договоров — строки в
  кавычках: `"0463202417"` без кавычек потерял бы ведущий ноль.
* **Пункт** — пункт Положения, которого касается поле (ссылка ведёт в
  [текст Положения](regulation.md)); «—» — поле служебное или справочное.

Общие правила для всех файлов: кодировка UTF-8; ключ, которого нет в схеме, — ошибка
(опечатка не должна пройти незамеченной); якоря, ссылки YAML (`&`, `*`, `<<`) и теги
(`!!…`) запрещены. Первая строка файла площадки

```yaml
# yaml-language-server: $schema=../../schemas/site.schema.json
```

подключает схему в редакторе (VS Code с расширением YAML и другие): он проверяет файл при
наборе и показывает описания полей как подсказки. `ropcli schema site` печатает схему.
"""


def yaml_section(lines: list[str], key: str) -> list[str]:
    """The lines of one top-level key of a YAML file, comments inside it included."""
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return []
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #"):
        end += 1
    section = lines[start:end]
    while section and not section[-1].strip():
        section.pop()
    return section


def sample_excerpt() -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    head = [line for line in lines[: lines.index("organization:")] if line.strip()]
    name = SAMPLE.relative_to(ROOT).as_posix()
    out = [
        "## Пример",
        "",
        f"Полный файл площадки — образец [`{name}`](../{name}): статус присвоен в 2023 году и",
        "продлён без перерыва, есть отчёты, мероприятия и договор. Его начало, история статуса",
        "и отчёты:",
        "",
        "```yaml",
        *head,
        "# … organization, application, passport, review, project — см. файл целиком",
        *yaml_section(lines, "history"),
        "",
        *yaml_section(lines, "reports"),
        "```",
        "",
        "Новый файл с комментариями к каждому полю создаёт `ropcli new ID`, события и отчёты",
        "дописывает `ropcli record …` (см. [changing-the-register.md](changing-the-register.md)).",
    ]
    return out


def section_head(anchor: str, key: str, node: Node, required: bool, clauses: Clauses) -> list[str]:
    out = [f'<a id="{anchor}"></a>', "", f"## `{key}` — {text(node.get('title'))}", ""]
    out.append(text(node.get("description")))
    out.append("")
    facts = ["Раздел обязателен." if required else "Раздел необязателен."]
    if node.get("x-clause"):
        facts.append(f"Пункт Положения: {clauses.link(node.get('x-clause'))}.")
    for ref in node.refs:
        file, _, fragment = ref.partition("#")
        if not fragment and file != SITE_SCHEMA:
            facts.append(f"Схема: [`schemas/{file}`](../schemas/{file}).")
    out.append(" ".join(facts))
    out.append("")
    return out


ROW_HEADER = ("Поле", "Что это", "Обяз.", "Значения", "Пункт")


def row_table(rows: list[Row], clauses: Clauses) -> list[str]:
    return table(
        ROW_HEADER,
        [
            (
                code(r.path),
                f"**{r.title}.** {r.description}" if r.title else r.description,
                r.required,
                r.values,
                clauses.link(r.clause),
            )
            for r in rows
        ],
    )


def site_sections(schemas: Schemas, clauses: Clauses) -> Iterator[list[str]]:
    """An overview of the top-level keys, then a section per part of the site file."""
    site = schemas.root(SITE_SCHEMA)
    required = set(site.get("required", []))
    properties: dict[str, Any] = site.get("properties", {})
    children = {name: schemas.child(site, raw) for name, raw in properties.items()}
    plain = [n for n, c in children.items() if c.get("type") not in ("object", "array")]

    overview = [
        (
            f"[`{name}`](#{'file-start' if name in plain else 'site-' + name})",
            text(child.get("title")),
            "да" if name in required else "нет",
        )
        for name, child in children.items()
    ]
    yield [
        "## Части файла площадки",
        "",
        "Ключи верхнего уровня в том порядке, в каком они идут в файле:",
        "",
        *table(("Ключ", "Часть файла", "Обязательна"), overview),
        "",
    ]

    start = Node({**site.schema, "properties": {n: properties[n] for n in plain}}, site.base)
    yield [
        '<a id="file-start"></a>',
        "",
        "## Начало файла",
        "",
        "Версия формата и идентификатор площадки.",
        "",
        *row_table(schemas.rows(start, ""), clauses),
        "",
    ]

    for name, node in children.items():
        if name not in plain:
            yield site_part(schemas, clauses, name, node, name in required)


def site_part(
    schemas: Schemas, clauses: Clauses, name: str, node: Node, required: bool
) -> list[str]:
    out = section_head(f"site-{name}", name, node, required, clauses)
    if node.get("type") != "array":
        return [*out, *row_table(schemas.rows(node, name), clauses), ""]
    item = schemas.child(node, node.get("items"))
    out += [
        f"Каждый элемент списка — {text(item.get('title')).lower()}: "
        f"{text(item.get('description'))}",
        "",
        *row_table(schemas.rows(item, f"{name}[]"), clauses),
        "",
    ]
    for when, variant in schemas.variants(item):  # history: one table per kind of event
        anchor = re.sub(r"[^a-z0-9]+", "-", when.lower()).strip("-")
        out += [
            f'<a id="{name}-{anchor}"></a>',
            "",
            f"### {when} — {text(variant.get('title'))}",
            "",
            text(variant.get("description")),
            "",
            *row_table(schemas.rows(variant, f"{name}[]"), clauses),
            "",
        ]
    return out


def settings_section(schemas: Schemas, clauses: Clauses) -> list[str]:
    settings = schemas.root(SETTINGS_SCHEMA)
    return [
        '<a id="settings"></a>',
        "",
        "## Настройки реестра: `ropcli.yaml`",
        "",
        text(settings.get("description")),
        "Пустой файл или файл из одних комментариев — все значения по умолчанию. Файл с",
        "ошибками останавливает любую команду (код выхода 3): ни одному числу из него",
        f"нельзя доверять. Схема — [`schemas/{SETTINGS_SCHEMA}`](../schemas/{SETTINGS_SCHEMA});",
        "образец — [`registry/ropcli.yaml`](../registry/ropcli.yaml).",
        "",
        *row_table(schemas.rows(settings, ""), clauses),
        "",
    ]


def common_section(schemas: Schemas) -> list[str]:
    common = schemas.root(COMMON_SCHEMA)
    rows = []
    for name, raw in common.get("$defs", {}).items():
        node = schemas.child(common, raw)
        if f"{COMMON_SCHEMA}#/$defs/{name}" in schemas.vocabularies:
            values = "см. [справочники](#vocabularies)"
        elif "properties" in node.schema:
            values = "словарь с полями " + ", ".join(code(k) for k in node.get("properties"))
        else:
            values = schemas.values(node, name)
        about = f"**{text(node.get('title'))}.** {text(node.get('description'))}"
        rows.append((code(name), about, values))
    return [
        '<a id="common"></a>',
        "",
        "## Общие типы значений",
        "",
        f"Определения из [`schemas/{COMMON_SCHEMA}`](../schemas/{COMMON_SCHEMA}), на которые",
        "ссылаются поля выше; описание поля уточняет общее описание типа.",
        "",
        *table(("Тип", "Что это", "Значения"), rows),
        "",
    ]


def vocabulary_section(schemas: Schemas) -> list[str]:
    out = ['<a id="vocabularies"></a>', "", "## Справочники", ""]
    defs = schemas.files[COMMON_SCHEMA]["$defs"]
    for name in schemas.vocabularies.values():
        definition = defs[name]
        out += [f'<a id="vocab-{name}"></a>', "", f"### {definition['title']}", ""]
        out += [text(definition["description"]), ""]
        if name == "municipality":
            rows = [
                (code(v), MUNICIPALITIES[v][0] if v in MUNICIPALITIES else "—")
                for v in definition["enum"]
            ]
            out += table(("Идентификатор", "Наименование"), rows)
        else:
            out += [f"* {v}" for v in definition["enum"]]
        out.append("")
    return out


def format_md(schemas: Schemas, clauses: Clauses) -> str:
    parts: list[list[str]] = [
        [generated_note("JSON Schema в schemas/"), "", FORMAT_INTRO, ""],
        [*sample_excerpt(), ""],
        *site_sections(schemas, clauses),
        settings_section(schemas, clauses),
        common_section(schemas),
        vocabulary_section(schemas),
    ]
    return finish(parts)


# --- docs/rules.md ------------------------------------------------------------------------

RULES_INTRO = """\
# Правила проверки

Каждое замечание `ropcli validate` и `ropcli diff` называет своё правило и, если правило
опирается на Положение, его пункт: `[term-cap, п. 6.8]`. Здесь все правила — тот же список,
что печатает `ropcli rules` (`ropcli rules --format json` — для программ):

* **формат** — файл читается как YAML и соответствует схеме
  (поля и их значения — в [format.md](format.md));
* **содержание** — то, что схема проверить не может: порядок присвоения, продления и
  снятия статуса, сроки и отчёты по [Положению](regulation.md), контрольные цифры и
  уникальность ИНН и ОГРН; каждое такое правило — модуль в
  [`src/ropcli/validation/rules/`](../src/ropcli/validation/rules/), его описание ниже
  взято из модуля;
* **pull request** — `ropcli diff --base REF`: реестр только дополняется.

**Серьёзность.** Ошибка (`error`) даёт код выхода 1. Предупреждение (`warning`) — повод
проверить данные: код выхода 1 только с `--strict`.
"""


def severity(value: str) -> str:
    return f"{SEVERITY_RU.get(value, value)} (`{value}`)"


def docstring_markdown(doc: str) -> list[str]:
    """A rule docstring as Markdown: `Passes::` and its indented block become a
    paragraph and a YAML code block; everything else is already Markdown."""
    lines = inspect.cleandoc(doc).splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.endswith("::"):
            out.append(line)
            continue
        out += [line[:-1], "", "```yaml"]
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
            block.append(lines[i])
            i += 1
        while block and not block[-1].strip():
            block.pop()
        while block and not block[0].strip():
            block.pop(0)
        indent = min(len(b) - len(b.lstrip()) for b in block if b.strip()) if block else 0
        out += [b[indent:] for b in block] + ["```", ""]
    while out and not out[-1].strip():
        out.pop()
    return out


def module_link(module: ModuleType) -> str:
    path = Path(module.__file__ or "").resolve()
    if path.is_relative_to(ROOT):
        relative = path.relative_to(ROOT).as_posix()
        return f"[`{relative}`](../{relative})"
    return code(module.__name__)


def rules_md(clauses: Clauses) -> str:
    rows = rule_table()
    by_source: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_source.setdefault(str(row["source"]), []).append(row)

    def rule_id(row: dict[str, Any]) -> str:
        if row["source"] == "regulation":
            return f"[`{row['id']}`](#rule-{row['id']})"
        return code(str(row["id"]))

    summary = table(
        ("Правило", "Серьёзность", "Пункт", "Вид", "Суть"),
        [
            (
                rule_id(r),
                severity(str(r["severity"])),
                clauses.link(r["clause"]),
                SOURCE_RU.get(str(r["source"]), str(r["source"])),
                text(r["summary"]),
            )
            for r in rows
        ],
    )
    parts: list[list[str]] = [
        [generated_note("правил ropcli rules и docstring модулей правил"), "", RULES_INTRO, ""],
        ["## Все правила", "", *summary, ""],
        regulation_rules(clauses),
        [
            '<a id="pull-request"></a>',
            "",
            "## Проверки pull request: `ropcli diff`",
            "",
            "`ropcli diff --base REF` сравнивает реестр с ревизией REF (с точкой, где ветка от",
            "неё отошла). Реестр только дополняется: статус живёт в приказах, а изданный приказ",
            "остаётся изданным, поэтому прежние записи не правят и не удаляют — исправление",
            "оформляется новой записью. Изменённые файлы затем проверяются всеми правилами выше,",
            "вместе со всем реестром; новое событие, вставленное между старыми или датированное",
            "раньше последнего, — замечание `history-order`. Подробности и настройка CI — в",
            "[ci.md](ci.md).",
            "",
            *table(
                ("Правило", "Серьёзность", "Пункт", "Суть"),
                [
                    (
                        code(str(r["id"])),
                        severity(str(r["severity"])),
                        clauses.link(r["clause"]),
                        text(r["summary"]),
                    )
                    for r in by_source.get("pull-request", [])
                ],
            ),
            "",
        ],
        [
            '<a id="format"></a>',
            "",
            "## Правила формата",
            "",
            "Файл не разбирается как YAML или не соответствует схеме. Сообщение указывает",
            "строку и столбец, а для схемы — поле с его русским названием; отсутствующий",
            "обязательный ключ отмечается на родительском ключе. Поля и допустимые значения —",
            "в [format.md](format.md).",
            "",
            *table(
                ("Правило", "Суть"),
                [(code(str(r["id"])), text(r["summary"])) for r in by_source.get("format", [])],
            ),
            "",
        ],
    ]
    return finish(parts)


def regulation_rules(clauses: Clauses) -> list[str]:
    out = [
        '<a id="regulation"></a>',
        "",
        "## Правила содержания",
        "",
        "Правила смотрят на файл, который уже прошёл проверку схемой. Описание каждого —",
        "docstring его модуля (на английском, с цитатами из Положения): что проверяется,",
        "пример, который проходит, и пример с замечанием.",
        "",
    ]
    for rule_id, module in RULES.items():
        doc = module.__doc__
        if not doc or not doc.strip():
            raise SystemExit(f"make_docs: the rule module {module.__name__} has no docstring")
        out += [
            f'<a id="rule-{rule_id}"></a>',
            "",
            f"### `{rule_id}`",
            "",
            f"**{text(module.SUMMARY)}**",
            "",
            f"Серьёзность: {severity(module.SEVERITY)}. Пункт: {clauses.link(module.CLAUSE)}. "
            f"Модуль: {module_link(module)}.",
            "",
            *docstring_markdown(doc),
            "",
        ]
    return out


# --- main ---------------------------------------------------------------------------------


def finish(parts: list[list[str]]) -> str:
    text = "\n".join(line.rstrip() for part in parts for line in part)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def documents() -> dict[Path, str]:
    clauses = Clauses(REGULATION)
    return {
        FORMAT_MD: format_md(Schemas(SCHEMAS), clauses),
        RULES_MD: rules_md(clauses),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when a committed document differs from the generated one",
    )
    args = parser.parse_args(argv)
    stale = []
    for path, text in documents().items():
        name = path.relative_to(ROOT).as_posix()
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            print(f"{name}: up to date")
            continue
        if args.check:
            stale.append(name)
            diff = difflib.unified_diff(
                (old or "").splitlines(), text.splitlines(), f"a/{name}", f"b/{name}", lineterm=""
            )
            shown = list(diff)
            print("\n".join(shown[:60]), file=sys.stderr)
            if len(shown) > 60:
                print(f"… {len(shown) - 60} more diff lines", file=sys.stderr)
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{name}: written")
    if stale:
        print(
            f"make_docs: stale: {', '.join(stale)}. Regenerate with `python tools/make_docs.py`"
            " and commit the result.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
