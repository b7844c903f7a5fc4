"""Reading: bytes → text → PyYAML nodes → plain data, with positions on demand.

Reading is PyYAML's `compose` (libyaml when present): it is ~30× faster than a ruamel.yaml
round-trip load and still gives every node a line and column. We build the plain data
ourselves from the node tree, which is where the register's policy lives:

* dates become ISO strings, so the JSON Schema (`format: date`) is the one place that
  judges them — `20.06.2024` and `2024-02-30` are reported there, with a hint;
* duplicate keys are problems naming both lines (PyYAML would silently keep the last);
* anchors, aliases, merge keys and explicit tags are refused: no alias bombs, no surprises;
* positions are not stored: `Document.position(pointer)` walks the nodes on demand, so only
  files with problems pay for them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ropcli.problems import Problem
from ropcli.yamlio.diagnosis import _problem, _syntax_problem, decode

MAX_FILE_BYTES = 1024 * 1024

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Constructor = yaml.constructor.SafeConstructor()
_resolve: Any = yaml.resolver.Resolver().resolve  # untyped in the stubs

TAG_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    TAG_STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


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
    # SHA-256: with the CPU's SHA instructions the fastest strong hash in the standard library
    # (about twice BLAKE2b here), and a warm check of a large register is mostly hashing.
    return hashlib.sha256(raw).hexdigest()


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


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    found = (p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    yield from sorted(found, key=lambda p: p.name)  # names, not Paths: cheaper to compare
