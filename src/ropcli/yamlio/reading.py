"""Reading: bytes → text → PyYAML nodes → plain data, with positions on demand.

Reading is PyYAML's `compose` (libyaml when present): it is ~30× faster than a ruamel.yaml
round-trip load and still gives every node a line and column. We build the plain data
ourselves from the node tree (`building`), which is where the register's policy lives.
Anchors and aliases are refused before anything expands: no alias bombs, no surprises.

Positions are not stored: `Document.position(pointer)` walks the nodes on demand, so only
files with problems pay for them — and a mapping's keys are indexed the first time a
position inside it is asked for, so a file with 100,000 unknown keys costs one pass, not
100,000 scans of its keys.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ropcli.core.problems import Problem, os_reason
from ropcli.yamlio.building import build
from ropcli.yamlio.diagnosis import (
    _problem,
    _syntax_problem,
    decode,
    forbidden_character,
    visible,
)
from ropcli.yamlio.files import Refused, read_regular

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Pair = tuple[yaml.Node, yaml.Node]


@dataclass(frozen=True)
class Document:
    """A parsed file: its plain data and the nodes that know where everything is."""

    data: Any
    root: yaml.Node
    text: str
    # id(mapping node) -> {key as text: (key node, value node)}, the first of equal keys
    _keys: dict[int, dict[str, _Pair]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _pairs(self, node: yaml.MappingNode) -> dict[str, _Pair]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key, value in node.value:
                index.setdefault(str(key.value), (key, value))
            self._keys[id(node)] = index
        return index

    def node_at(self, pointer: str) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(key node, value node) of the deepest existing node on `pointer`."""
        key: yaml.Node | None = None
        node: yaml.Node = self.root
        for token in split_pointer(pointer):
            if isinstance(node, yaml.MappingNode):
                found = self._pairs(node).get(token)
                if found is None:
                    break
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                if len(token) > 9 or int(token) >= len(node.value):
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
    """Read and parse one file; every failure is a problem, never an exception.

    Only a regular file is read, and never more than `MAX_FILE_BYTES` (`files`).
    """
    try:
        raw = read_regular(path)
    except Refused as refused:
        return Loaded(file, None, (_problem(file, 1, 1, refused.rule, refused.message),))
    except OSError as exc:
        return Loaded(
            file, None, (_problem(file, 1, 1, "unreadable", f"файл не читается: {os_reason(exc)}"),)
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


# A line that starts with something other than a comment — lines as YAML breaks them: a
# file saved with old Mac line ends (a lone CR) has no "\n" at all.
_TOO_DEEP = "вложенность слишком глубока: проверьте отступы и скобки"
_CONTENT = re.compile("(?:^|[\r\n\x85\u2028\u2029])[ \t]*[^#\\s]")


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
    forbidden = forbidden_character(text, file)
    if forbidden is not None:
        return Loaded(file, None, (forbidden,), visible(text))
    if "&" in text or "*" in text:
        alias = _first_anchor(text, file)
        if alias is not None:
            return Loaded(file, None, (alias,), text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Loaded(file, None, (_syntax_problem(exc, file, text),), text)
    except yaml.YAMLError as exc:  # pragma: no cover - the characters were checked above
        return Loaded(file, None, (_problem(file, 1, 1, "yaml", f"ошибка YAML: {exc}"),), text)
    except RecursionError:  # pragma: no cover - only the pure-Python parser recurses
        return Loaded(file, None, (_problem(file, 1, 1, "yaml", _TOO_DEEP),), text)
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
    data = build(root, file, problems)
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
