"""The commented examples of the built-in scaffold (`templates/site-scaffold.yaml.j2`):
an optional key the scaffold shows commented out, after the line that says to remove «#»
(«# address: 305000, г. Курск, …» below «…; указывая, уберите «#» в начале строки»).

A writer drops an example once it writes the key (`ropcli.yamlio.comments.drop_examples`),
so that uncommenting it cannot make a duplicate key. Only these exact lines are the
scaffold's; a user's own comment «# address: …» is never taken for one.
"""

from __future__ import annotations

import functools
import re

from ropcli.core.resources import data_dir

TEMPLATE = "site-scaffold.yaml.j2"
UNCOMMENT = "уберите «#»"  # the line before an example says so
_KEY = re.compile(r"#\s?(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")
_CONTINUED = re.compile(r"#\s{3,}\S")  # «#   - item» under a commented key


def parse(template: str) -> dict[str, tuple[str, ...]]:
    """Each example of `template`: key → its lines, stripped, from the «уберите «#»» line."""
    lines = [line.strip() for line in template.splitlines()]
    found: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(lines[:-1]):
        example = _KEY.match(lines[number + 1])
        if UNCOMMENT not in line or not line.startswith("#") or example is None:
            continue
        end = number + 2
        while end < len(lines) and _CONTINUED.match(lines[end]):
            end += 1
        found[example["key"]] = tuple(lines[number:end])
    return found


@functools.cache
def scaffold_examples() -> dict[str, tuple[str, ...]]:
    """The built-in scaffold's examples (a registry's own scaffold may differ: its examples
    are the user's comments then, and stay)."""
    return parse((data_dir("templates") / TEMPLATE).read_text(encoding="utf-8"))
