"""Comments of a round-trip document that ruamel.yaml keeps on values: the comment lines
after a value (attached to its last item) kept when the value is replaced, and the
scaffold's commented examples of an optional key («# address: …») dropped once the key is
written, so that uncommenting them cannot make a duplicate key.

ruamel.yaml attaches the comment lines that follow a value to the value's last leaf: the
mapping's `ca.items[key][2]` for a scalar, the sequence's `ca.items[index][0]` for the last
item of a list. Replacing the value drops the token with the old node; `replace` moves it.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

_EXAMPLE = re.compile(r"^\s*#\s?(?P<indent>\s*)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")
_CONTINUED = re.compile(r"^\s*#\s{3,}\S")  # «#   - item» under a commented key
_UNCOMMENT = "уберите «#»"  # the scaffold's «…; указывая, уберите «#» в начале строки»


def _slot(parent: Any, key: Any) -> tuple[Any, Any, int]:
    """Where the comment after `parent[key]` is kept: (owner, index, position)."""
    value = parent[key]
    if isinstance(value, CommentedMap) and len(value):
        return _slot(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value):
        return _slot(value, len(value) - 1)
    return parent, key, 0 if isinstance(parent, CommentedSeq) else 2


def _get(parent: Any, key: Any) -> Any:
    owner, index, position = _slot(parent, key)
    entry = owner.ca.items.get(index)
    return entry[position] if entry and len(entry) > position else None


def _put(parent: Any, key: Any, token: Any) -> None:
    owner, index, position = _slot(parent, key)
    entry = owner.ca.items.setdefault(index, [None, None, None, None])
    if entry[position] is None:
        entry[position] = token


def replace(mapping: CommentedMap, key: str, value: Any) -> None:
    """`mapping[key] = value`, keeping the comment lines that followed the old value."""
    token = _get(mapping, key) if key in mapping else None
    if token is not None:
        owner, index, position = _slot(mapping, key)
        owner.ca.items[index][position] = None
    old = mapping.get(key)
    ends = old.ca.end if isinstance(old, CommentedMap | CommentedSeq) else None
    end = list(ends or [])  # the comment after a list whose last item is empty
    mapping[key] = value
    if token is not None:
        _put(mapping, key, token)
    if end and _get(mapping, key) is None:  # ruamel writes no `end` of a nested list
        first = end[0]
        first.value = "\n" + "".join(" " * t.column + t.value.lstrip(" ") for t in end)
        _put(mapping, key, first)


def _dropped(lines: list[str], keys: set[str]) -> set[int]:
    """Indexes of the lines of a commented example of one of `keys` (with its «уберите
    «#»» line before it and its «#   - item» lines after it)."""
    dropped: set[int] = set()
    dropping = False
    for number, line in enumerate(lines):
        example = _EXAMPLE.match(line)
        if not line.strip():
            continue  # the end of one token's line
        if example and example["key"] in keys and not example["indent"]:
            dropping = True
            dropped.add(number)
            before = number - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            if before >= 0 and _UNCOMMENT in lines[before]:
                dropped.add(before)  # it says what no longer applies
        elif dropping and _CONTINUED.match(line):
            dropped.add(number)
        else:
            dropping = False
    return dropped


def _clean(tokens: list[Any], keys: set[str]) -> list[Any]:
    """The tokens (one comment or one a line) without the examples of `keys`."""
    lines = [(t, line) for t in tokens for line in t.value.split("\n")]
    dropped = _dropped([line for _, line in lines], keys)
    if not dropped:
        return tokens
    kept = []
    for token in tokens:
        own = [n for n, (t, _) in enumerate(lines) if t is token]
        if any(n in dropped for n in own) and all(n in dropped or not lines[n][1] for n in own):
            continue
        token.value = "\n".join(lines[n][1] for n in own if n not in dropped)
        kept.append(token)
    return kept


def _clean_entry(entry: list[Any], keys: set[str]) -> None:
    for position, slot in enumerate(entry):
        if isinstance(slot, list):
            entry[position] = _clean([t for t in slot if t is not None], keys) or None
        elif slot is not None and hasattr(slot, "value"):
            cleaned = _clean([slot], keys)
            entry[position] = cleaned[0] if cleaned else None


def drop_examples(node: Any, keys: frozenset[str] = frozenset()) -> None:
    """Remove, under every mapping, the commented example of a key the mapping now has."""
    if isinstance(node, CommentedMap):
        keys = frozenset(node)
        children = list(node.values())
    elif isinstance(node, CommentedSeq):
        children = list(node)
    else:
        return
    for entry in node.ca.items.values():
        if entry:
            _clean_entry(entry, set(keys))
    for child in children:
        drop_examples(child, keys)
