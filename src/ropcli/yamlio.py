"""Every read of a YAML file goes through here (STYLE §4, SPEC §7).

Reading is PyYAML's `compose` (libyaml when present): it is ~30× faster than a ruamel.yaml
round-trip load and still gives every node a line and column. We build the plain data
ourselves from the node tree, which is where the register's policy lives:

* dates become ISO strings, so the JSON Schema (`format: date`) is the one place that
  judges them — `20.06.2024` and `2024-02-30` are reported there, with a hint;
* duplicate keys are problems naming both lines (PyYAML would silently keep the last);
* anchors, aliases, merge keys and explicit tags are refused: no alias bombs, no surprises;
* positions are not stored: `Document.position(pointer)` walks the nodes on demand, so only
  files with problems pay for them.

Writes (`atomic_write`) go through here too: temporary file in the same folder + rename.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ropcli.problems import ERROR, Problem

MAX_FILE_BYTES = 1024 * 1024

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Constructor = yaml.constructor.SafeConstructor()
_resolve: Any = yaml.resolver.Resolver().resolve  # untyped in the stubs
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TAG_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    TAG_STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

# PyYAML's English phrases -> what a coordinator should do about them.
_SYNTAX_HINTS = (
    ("tab character", "символ табуляции в отступе: YAML допускает только пробелы"),
    (
        "cannot start any token",
        "символ, с которого не может начинаться значение (табуляция, @ или `): "
        "замените табуляцию пробелами, текст с такими символами возьмите в кавычки",
    ),
    (
        "mapping values are not allowed",
        "лишнее двоеточие: если в тексте значения есть «: », возьмите всё значение в кавычки",
    ),
    ("could not find expected ':'", "нет двоеточия после ключа (ожидается «ключ: значение»)"),
    (
        "did not find expected key",
        "нарушен отступ: ключи одного уровня должны начинаться с одной и той же позиции",
    ),
    (
        "did not find expected '-' indicator",
        "нарушен отступ в списке: элементы списка должны начинаться с «- » на одной позиции",
    ),
    ("did not find expected ',' or ']'", "не закрыт список в квадратных скобках: нет «]»"),
    ("did not find expected ',' or '}'", "не закрыт словарь в фигурных скобках: нет «}»"),
    (
        "found unexpected end of stream",
        "файл закончился раньше времени: не закрыта кавычка или скобка",
    ),
    ("expected <block end>", "нарушен отступ: строка сдвинута не на тот уровень"),
    ("but found another document", "в файле больше одного документа (строка «---»): оставьте один"),
    ("found undefined tag handle", "неизвестный тег «!»: уберите его"),
)


@dataclass(frozen=True)
class Document:
    """A parsed file: its plain data and the nodes that know where everything is."""

    data: Any
    root: yaml.Node
    text: str

    def node_at(self, pointer: str) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(key node, value node) of the deepest existing node on `pointer`."""
        key: yaml.Node | None = None
        node: yaml.Node = self.root
        for token in split_pointer(pointer):
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if str(k.value) == token), None)
                if found is None:
                    break
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                if int(token) >= len(node.value):
                    break
                key, node = None, node.value[int(token)]
            else:
                break
        return key, node

    def position(self, pointer: str, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column in characters) of the value at `pointer`.

        Scalars point at their value (where the wrong date is); containers and `at_key`
        point at their key, which is the line a person looks for.
        """
        key, node = self.node_at(pointer)
        if key is not None and (at_key or not isinstance(node, yaml.ScalarNode)):
            node = key
        if node is None:  # pragma: no cover - the root always exists
            return 1, 1
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def problem(
        self,
        file: str,
        pointer: str,
        rule: str,
        severity: str,
        message: str,
        clause: str | None = None,
        at_key: bool = False,
    ) -> Problem:
        """A problem at the value (or key) `pointer` names, with its line and column."""
        line, column = self.position(pointer, at_key=at_key)
        return Problem(file, line, column, rule, severity, message, clause, pointer)

    def raw(self, pointer: str) -> str | None:
        """The scalar exactly as written, for messages like «quote "0123456789"»."""
        _, node = self.node_at(pointer)
        return node.value if isinstance(node, yaml.ScalarNode) else None


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]


def join_pointer(*tokens: object) -> str:
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


@dataclass(frozen=True)
class Loaded:
    """What reading one file gives: a document, or the problems that prevented one."""

    file: str
    document: Document | None
    problems: tuple[Problem, ...]
    text: str = ""  # what was decoded, so a report can show the offending line
    digest: str = ""  # of the bytes read: a cache keys results by exactly what was checked


def _problem(file: str, line: int, column: int, rule: str, message: str) -> Problem:
    return Problem(file=file, line=line, column=column, rule=rule, severity=ERROR, message=message)


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (a BOM is fine); Windows-1251 and UTF-16 are named so the user can re-save."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _problem(
            file, 1, 1, "encoding", "файл в кодировке UTF-16; сохраните его в кодировке UTF-8"
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = raw.decode("cp1251", errors="replace")
        cyrillic = sum(1 for ch in guess if "\u0400" <= ch <= "\u04ff")
        if cyrillic >= 3:
            message = (
                "файл сохранён в кодировке Windows-1251, а нужна UTF-8: откройте его в "
                "редакторе и сохраните в UTF-8 (в Блокноте: «Сохранить как» → "
                "«Кодировка: UTF-8»)"
            )
        else:
            message = (
                f"файл не в кодировке UTF-8 (байт 0x{raw[exc.start]:02X}); сохраните его в UTF-8"
            )
        return None, _problem(file, line, column, "encoding", message)


def read_file(path: Path, file: str) -> Loaded:
    """Read and parse one file; every failure is a problem, never an exception."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Loaded(
                file,
                None,
                (
                    _problem(
                        file,
                        1,
                        1,
                        "file-size",
                        f"файл больше 1 МиБ ({size} байт): так велик он быть не может; проверьте, "
                        "что это файл площадки",
                    ),
                ),
            )
        raw = path.read_bytes()
    except OSError as exc:
        return Loaded(
            file, None, (_problem(file, 1, 1, "unreadable", f"файл не читается: {exc.strerror}"),)
        )
    return replace(parse_bytes(raw, file), digest=content_digest(raw))


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def parse_bytes(raw: bytes, file: str) -> Loaded:
    text, problem = decode(raw, file)
    if text is None:
        return Loaded(file, None, (problem,) if problem else ())
    return parse_text(text, file)


_CONTENT = re.compile(r"^[ \t]*[^#\s]", re.MULTILINE)


def _is_blank(text: str) -> bool:
    """Nothing but white space and comments."""
    return _CONTENT.search(text) is None


def parse_text(text: str, file: str) -> Loaded:
    if _is_blank(text):
        return Loaded(
            file,
            None,
            (_problem(file, 1, 1, "empty-file", "файл пуст: в нём нет ни одного ключа"),),
        )
    if "&" in text or "*" in text:
        alias = _first_anchor(text, file)
        if alias is not None:
            return Loaded(file, None, (alias,), text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Loaded(file, None, (_syntax_problem(exc, file, text),), text)
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reader errors carry no mark
        return Loaded(file, None, (_problem(file, 1, 1, "yaml", f"ошибка YAML: {exc}"),))
    if root is None:
        return Loaded(
            file,
            None,
            (_problem(file, 1, 1, "empty-file", "файл пуст: в нём нет ни одного ключа"),),
        )
    if not isinstance(root, yaml.MappingNode):
        kind = "список" if isinstance(root, yaml.SequenceNode) else "одно значение"
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        return Loaded(
            file,
            None,
            (
                _problem(
                    file,
                    line,
                    column,
                    "not-a-mapping",
                    f"в файле {kind}, а нужен словарь «ключ: значение» (например, "
                    "«schema_version: 1» в первой строке)",
                ),
            ),
            text,
        )
    problems: list[Problem] = []
    data = _build(root, file, problems)
    return Loaded(file, Document(data, root, text), tuple(problems), text)


def _first_anchor(text: str, file: str) -> Problem | None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                return _problem(
                    file,
                    line,
                    column,
                    "yaml-anchor",
                    "якоря и ссылки YAML (&имя, *имя) в реестре не допускаются: "
                    "напишите значение полностью",
                )
    except yaml.YAMLError:
        return None  # compose reports the syntax error with its own message
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    english = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    hint = next((ru for en, ru in _SYNTAX_HINTS if en in english), None)
    message = f"ошибка синтаксиса YAML: {hint or english}"
    quote_line = _unclosed_quote_line(text, line)
    if quote_line:
        message += f"; похоже, не закрыта кавычка в строке {quote_line}"
    elif exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        message += f" (началось в строке {exc.context_mark.line + 1})"
    return _problem(file, line, column, "yaml", message)


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """The last line up to `before` with an odd number of straight double quotes.

    An unclosed quote swallows the following lines, so the parser complains later, about
    indentation; the line with the odd quote is where the user must look.
    """
    lines = text.splitlines()
    for number in range(min(before, len(lines)), 0, -1):
        code = lines[number - 1].split(" #", 1)[0]
        if code.lstrip().startswith("#"):
            continue
        if (code.count('"') - code.count('\\"')) % 2 == 1:
            return number
    return None


_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def _build(node: yaml.Node, file: str, problems: list[Problem]) -> Any:
    plain_tag = _COLLECTION_TAGS.get(type(node))
    if plain_tag is not None and node.tag != plain_tag:
        problems.append(
            _at(node, file, "yaml-tag", f"тег «{node.tag}» не допускается: уберите его")
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    _at(
                        key_node,
                        file,
                        "yaml",
                        "ключ должен быть словом, а здесь список или "
                        "словарь (возможно, лишний «?» или скобки перед двоеточием)",
                    )
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    _at(
                        key_node,
                        file,
                        "yaml-anchor",
                        "ключ слияния «<<» не допускается: напишите ключи полностью",
                    )
                )
                continue
            key = str(key_node.value)
            if key in result:
                problems.append(
                    _at(
                        key_node,
                        file,
                        "duplicate-key",
                        f"ключ «{key}» повторяется: он уже есть в строке "
                        f"{first_line[key]}; оставьте один",
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = _build(value_node, file, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, file, problems) for item in node.value]
    return _scalar(node, file, problems)


def _scalar(node: yaml.Node, file: str, problems: list[Problem]) -> Any:
    if node.tag not in _SCALAR_TAGS:
        problems.append(
            _at(node, file, "yaml-tag", f"тег «{node.tag}» не допускается: уберите его")
        )
        return node.value
    if node.tag == "tag:yaml.org,2002:timestamp":
        # Dates stay text here; the schema's `format: date` judges them (and hints).
        return node.value
    if node.tag == TAG_STR:
        return node.value
    return _Constructor.construct_object(node)


def _at(node: yaml.Node, file: str, rule: str, message: str) -> Problem:
    return _problem(file, node.start_mark.line + 1, node.start_mark.column + 1, rule, message)


def scan_values(text: str, pointers: tuple[str, ...]) -> dict[str, Any] | None:
    """The values at `pointers`, read from parser events without building the document.

    For files that are not checked but whose identifiers the registry-wide rules compare
    (`validate FILE` compares FILE with the whole register). The values are those
    `parse_text` would give — the first of duplicate keys wins, tags resolve the same way.
    Reading stops as soon as every pointer is found (in a site file: within its first
    twenty lines), which is what makes it ~20× cheaper than parsing; so a file that breaks
    *after* its identifiers still lends them, while one that breaks before (or is empty,
    or not a mapping, or has anchors there) gives None, as `parse_text` gives no document.
    """
    if _is_blank(text):
        return None
    wanted = {tuple(split_pointer(p)): p for p in pointers}
    prefixes = {key[:i] for key in wanted for i in range(len(key))}
    found: dict[str, Any] = {}
    # A frame per open collection: [path, is_mapping, next_is_key, key, keys_seen]; `None`
    # as the path marks a subtree nobody asked about (it is only walked to its end).
    stack: list[list[Any]] = []
    documents = 0
    rooted = False
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return None
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            if not stack:
                if rooted or not isinstance(event, yaml.MappingStartEvent):
                    return None
                rooted = True
                stack.append([(), True, True, None, set()])
                continue
            frame = stack[-1]
            if frame[1] and frame[2]:  # a mapping key
                frame[2] = False
                key = str(event.value) if isinstance(event, yaml.ScalarEvent) else None
                duplicate = key in frame[4]
                frame[4].add(key)
                frame[3] = None if duplicate or key is None or frame[0] is None else key
                if not isinstance(event, yaml.ScalarEvent):
                    stack.append(
                        [None, isinstance(event, yaml.MappingStartEvent), True, None, set()]
                    )
                continue
            if frame[1]:
                frame[2] = True
                path = None if frame[3] is None else (*frame[0], frame[3])
            else:
                path = None  # no pointer asked for goes through a list
            if isinstance(event, yaml.ScalarEvent):
                if path in wanted:
                    found[wanted[path]] = _event_scalar(event)
                    if len(found) == len(wanted):
                        return found
            else:
                keep = path if path in prefixes else None
                stack.append([keep, isinstance(event, yaml.MappingStartEvent), True, None, set()])
    except yaml.YAMLError:
        return None
    return found if rooted else None


def _event_scalar(event: yaml.ScalarEvent) -> Any:
    if event.tag not in (None, "!"):
        tag = event.tag
    elif event.implicit[0]:
        tag = _resolve(yaml.ScalarNode, event.value, (True, False))
    else:
        tag = TAG_STR
    marks: Any = (event.start_mark, event.end_mark)  # libyaml's marks serve as PyYAML's
    node = yaml.ScalarNode(tag, event.value, *marks)
    return _scalar(node, "", [])


def is_iso_date(value: object) -> bool:
    return isinstance(value, str) and bool(_DATE.match(value))


def atomic_write(path: Path, content: bytes) -> None:
    """Write `content` to `path` so that a reader sees the old file or the new one, never half.

    The temporary file lives in the same folder (rename is atomic only within a file
    system) and is removed if anything fails before the rename.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode the replaced file had, or
        # what the user's umask gives a new file, so a shared folder stays shared.
        if path.exists():
            mode = path.stat().st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


# --- Round trip: how `ropcli new` and `ropcli record` write (SPEC §7) ----------------------
# Checks read with PyYAML (above); a write must keep comments, quoting and key order, which
# only ruamel.yaml's round-trip mode does. The sample registry is laid out exactly as
# ruamel.yaml writes with `LAYOUT`, so its files load and dump byte for byte (a test holds
# that). ruamel.yaml is imported inside these functions: commands that only read never pay
# for it. New values are built with the helpers below, so the written style is the
# sample's: flow maps for entries, ISO dates unquoted, identifiers in double quotes.

Layout = tuple[int, int, int]  # mapping indent, sequence indent, offset of the «-»
LAYOUT: Layout = (2, 4, 2)
# Files written by hand in another common style: the dash at the key's column, 4 spaces.
LAYOUTS: tuple[Layout, ...] = (LAYOUT, (2, 2, 0), (4, 4, 2), (4, 6, 4))
FOLD_WIDTH = 86  # long free text is written folded («>-»), lines about this long


def _round_trip(layout: Layout) -> Any:
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap a line the user wrote
    mapping, sequence, offset = layout
    handler.indent(mapping=mapping, sequence=sequence, offset=offset)
    # The same date object used twice (a revocation dated as its order) must not come out
    # as an anchor and an alias: the register refuses those. (Ignoring aliases for every
    # object would also turn empty values into «null»: ruamel.yaml decides that by them.)
    import datetime

    default = handler.representer.ignore_aliases

    def ignore_aliases(data: Any) -> bool:
        return isinstance(data, datetime.date) or bool(default(data))

    handler.representer.ignore_aliases = ignore_aliases
    return handler


def round_trip_load(text: str) -> Any:
    """The file as ruamel.yaml's commented containers (dates as `datetime.date`)."""
    return _round_trip(LAYOUT).load(text)


def round_trip_dump(data: Any, layout: Layout = LAYOUT) -> str:
    import io

    stream = io.StringIO()
    _round_trip(layout).dump(data, stream)
    return stream.getvalue()


def flow_map(**items: Any) -> Any:
    """`{a: 1, b: 2}` on one line, as the sample writes orders, terms and report entries;
    keys whose value is None are left out."""
    from ruamel.yaml.comments import CommentedMap

    result = CommentedMap((k, v) for k, v in items.items() if v is not None)
    result.fa.set_flow_style()
    return result


def block_map(**items: Any) -> Any:
    """A block mapping (one key per line), as the sample writes history events."""
    from ruamel.yaml.comments import CommentedMap

    result = CommentedMap((k, v) for k, v in items.items() if v is not None)
    result.fa.set_block_style()
    return result


def block_seq(*items: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    result = CommentedSeq(items)
    result.fa.set_block_style()
    return result


def identifier(value: str) -> Any:
    """Order and protocol numbers, ИНН, ОГРН: always text in double quotes («"1-456"»)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(value)


def text(value: str, *, fold: bool = True) -> Any:
    """Free text as a person would write it: folded over several lines when long (`fold`;
    a block scalar takes any words as they are), else plain where that reads back as the
    same text, and in double quotes where PyYAML (the checks' reader, YAML 1.1) would take
    it for something else (`yes`, `on`, `12:30`, `a: b`)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

    if fold and len(value) > FOLD_WIDTH and re.fullmatch(r"\S+( \S+)+", value):
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value)
        return folded
    try:
        same = yaml.load(value, Loader=_Loader) == value
    except yaml.YAMLError:
        same = False
    return value if same else DoubleQuotedScalarString(value)


def _fold_positions(value: str) -> list[int]:
    """Spaces to break at so that no folded line is much longer than `FOLD_WIDTH`."""
    positions: list[int] = []
    line_start = 0
    last_space = -1
    for index, char in enumerate(value):
        if char != " ":
            continue
        if index - line_start > FOLD_WIDTH and last_space > line_start:
            positions.append(last_space)
            line_start = last_space + 1
        last_space = index
    if len(value) - line_start > FOLD_WIDTH and last_space > line_start:
        positions.append(last_space)
    return positions


def scalar(value: Any) -> str:
    """One value as it would stand after «key: » in a flow context (scaffold templates)."""
    if value is None:
        return ""
    dumped = round_trip_dump(flow_map(v=value)).strip()
    return dumped[len("{v: ") : -1]
