"""Comments of a round-trip document that ruamel.yaml keeps on values: the comment lines
after a value (attached to its last item) kept when the value is replaced, and the
scaffold's commented examples of an optional key («# address: …») dropped once the key is
written, so that uncommenting them cannot make a duplicate key.

ruamel.yaml attaches the comment lines that follow a value to the value's last leaf: the
mapping's `ca.items[key][2]` for a scalar, the sequence's `ca.items[index][0]` for the last
item of a list. Replacing the value drops the token with the old node; `replace` moves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

Examples = list[tuple[str, ...]]  # each: its comment lines, stripped


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


def _dropped(lines: list[str], examples: Examples) -> set[int]:
    """Indexes of the lines of one of `examples`: its lines exactly as the scaffold wrote
    them (indentation aside), one after another, blank lines between tokens skipped."""
    shown = [n for n, line in enumerate(lines) if line.strip()]
    texts = [lines[n].strip() for n in shown]
    dropped: set[int] = set()
    for example in examples:
        size = len(example)
        for start in range(len(texts) - size + 1):
            if tuple(texts[start : start + size]) == example:
                dropped.update(shown[start : start + size])
    return dropped


def _clean(tokens: list[Any], examples: Examples) -> list[Any]:
    """The tokens (one comment or one a line) without the lines of `examples`."""
    lines = [(t, line) for t in tokens for line in t.value.split("\n")]
    dropped = _dropped([line for _, line in lines], examples)
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


def _clean_entry(entry: list[Any], examples: Examples) -> None:
    for position, slot in enumerate(entry):
        if isinstance(slot, list):
            entry[position] = _clean([t for t in slot if t is not None], examples) or None
        elif slot is not None and hasattr(slot, "value"):
            cleaned = _clean([slot], examples)
            entry[position] = cleaned[0] if cleaned else None


def key_paths(node: Any, path: tuple[Any, ...] = ()) -> set[tuple[Any, ...]]:
    """The path of every key of every mapping under `node`, list items by index."""
    if isinstance(node, CommentedMap):
        items: Any = node.items()
    elif isinstance(node, CommentedSeq):
        items = enumerate(node)
    else:
        return set()
    found: set[tuple[Any, ...]] = set()
    for key, child in items:
        if isinstance(node, CommentedMap):
            found.add((*path, key))
        found |= key_paths(child, (*path, key))
    return found


def drop_examples(
    node: Any,
    examples: Mapping[str, tuple[str, ...]],
    written: set[tuple[Any, ...]],
    path: tuple[Any, ...] = (),
    keys: frozenset[str] = frozenset(),
) -> None:
    """Remove the commented example (`examples[key]`: its comment lines, stripped) of each
    key in `written` (paths of the keys an edit added) from the comments of the mapping
    that now has the key; every other comment stays as it is."""
    if isinstance(node, CommentedMap):
        keys = frozenset(key for key in node if (*path, key) in written)
        children: list[tuple[Any, Any]] = list(node.items())
    elif isinstance(node, CommentedSeq):
        children = list(enumerate(node))
    else:
        return
    wanted = [examples[key] for key in keys if key in examples]
    if wanted:
        for entry in node.ca.items.values():
            if entry:
                _clean_entry(entry, wanted)
    for key, child in children:
        drop_examples(child, examples, written, (*path, key), keys)
