"""PyYAML nodes → plain data, where the register's policy on values lives.

* dates stay text, so the JSON Schema (`format: date`) is the one place that judges them;
* duplicate keys are problems naming both lines (PyYAML would silently keep the last);
* merge keys and explicit tags are refused;
* numbers longer than `MAX_NUMBER_CHARS` are refused before Python converts them: 5,000
  digits exceed its int conversion limit (ValueError), and a sexagesimal `1:2:3:…` of
  200,000 parts takes PyYAML seconds of big-number arithmetic before it overflows;
* nesting deeper than `MAX_DEPTH` is refused: a site file is about six levels deep, and
  building, validating and copying the data all recurse.
"""

from __future__ import annotations

from typing import Any

import yaml

from ropcli.core.problems import Problem
from ropcli.core.safetext import printable
from ropcli.yamlio.diagnosis import _problem

MAX_NUMBER_CHARS = 100  # an ОГРН typed as a number is 15 digits, a year 4
MAX_DEPTH = 64

_Constructor = yaml.constructor.SafeConstructor()
_resolve: Any = yaml.resolver.Resolver().resolve  # untyped in the stubs

TAG_STR = "tag:yaml.org,2002:str"
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_SCALAR_TAGS = {
    TAG_STR,
    *_NUMBER_TAGS,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_KINDS = {
    "tag:yaml.org,2002:int": "целое число",
    "tag:yaml.org,2002:float": "число",
    "tag:yaml.org,2002:bool": "«да» или «нет» (true/false)",
}
_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def build(node: yaml.Node, file: str, problems: list[Problem], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        problems.append(
            _at(
                node,
                file,
                "yaml",
                f"вложенность глубже {MAX_DEPTH} уровней: в файле площадки так глубоко "
                "ничего не вкладывается; проверьте отступы и скобки",
            )
        )
        return None
    plain_tag = _COLLECTION_TAGS.get(type(node))
    if plain_tag is not None and node.tag != plain_tag:
        problems.append(
            _at(node, file, "yaml-tag", f"тег «{node.tag}» не допускается: уберите его")
        )
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, file, problems, depth)
    if isinstance(node, yaml.SequenceNode):
        return [build(item, file, problems, depth + 1) for item in node.value]
    return scalar(node, file, problems)


def _mapping(node: yaml.MappingNode, file: str, problems: list[Problem], depth: int) -> Any:
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
        result[key] = build(value_node, file, problems, depth + 1)
    return result


def scalar(node: yaml.Node, file: str, problems: list[Problem]) -> Any:
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
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
        problems.append(
            _at(
                node,
                file,
                "yaml",
                f"число из {len(node.value)} знаков: таких длинных чисел в файле площадки не "
                "бывает; если это текст, возьмите его в кавычки",
            )
        )
        return node.value
    try:
        return _Constructor.construct_object(node)
    except (ValueError, ArithmeticError, LookupError, TypeError):
        # `!!int x`, `!!bool maybe`, or a value only PyYAML's pattern takes for a number
        # (`0b_`, `._`): what was written is kept as text and reported.
        shown = printable(node.value[:40]) + ("…" if len(node.value) > 40 else "")
        kind = _KINDS.get(node.tag, "значение")
        problems.append(
            _at(
                node,
                file,
                "yaml",
                f"«{shown}» не прочитать как {kind}: уберите тег (!!int, !!float, !!bool), "
                "а если это текст, возьмите его в кавычки",
            )
        )
        return node.value


def _at(node: yaml.Node, file: str, rule: str, message: str) -> Problem:
    return _problem(file, node.start_mark.line + 1, node.start_mark.column + 1, rule, message)
