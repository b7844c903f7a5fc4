"""Reading only a few values of a file, from parser events (registry-wide rules)."""

from __future__ import annotations

from typing import Any

import yaml

from ropcli.yamlio.building import TAG_STR, _resolve, scalar
from ropcli.yamlio.reading import _is_blank, _Loader, split_pointer


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
    return scalar(node, "", [])
