"""Put a round-trip edit into the original text, changing no other line (ARCHITECTURE.md).

ruamel.yaml keeps comments and key order, but it writes the whole file in its own layout:
a flow map split over two lines by hand, CRLF line ends or a byte-order mark would all come
back changed. So an edit is applied as a three-way merge of lines:

* *base* — the original data dumped by ruamel.yaml, unchanged;
* *changed* — the same after the edit; base → changed is the edit, as ruamel.yaml lays it
  out (for `ropcli record`, lines inserted and nothing else);
* *original* — the file's own lines. base → original is the user's layout.

Only the lines of base → changed are carried over; every other line of the original stays
byte for byte, CRLF and all. A new entry goes right after the last entry's own lines, before
the comments and blank lines that follow it (ruamel.yaml parks them on the last entry, and
they usually introduce what comes next). A candidate is accepted only if it reads back as
exactly the changed data; when none does, the caller falls back to ruamel.yaml's own text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from difflib import SequenceMatcher

Lines = list[str]


def split_lines(content: str) -> Lines:
    """Lines with their own endings. Only «\\n» ends a line (str.splitlines would also split
    at U+2028 and other characters a YAML text may contain)."""
    parts = content.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def bare(line: str) -> str:
    """A line without its ending («\\n» or «\\r\\n»)."""
    return line.removesuffix("\n").removesuffix("\r")


def newline_of(lines: Lines) -> str:
    """The file's line ending: CRLF when most lines end so (Windows editors), else LF."""
    crlf = sum(1 for line in lines if line.endswith("\r\n"))
    lf = sum(1 for line in lines if line.endswith("\n")) - crlf
    return "\r\n" if crlf > lf else "\n"


def normalized(lines: Lines) -> str:
    """The text with every line ending «\\n», as the YAML libraries are given it."""
    return "".join(bare(line) + "\n" for line in lines)


def _filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _is_new_section(lines: Lines) -> bool:
    """A new top-level key («history:»): sections stand apart by a blank line."""
    first = next((line for line in lines if line.strip()), "")
    return bool(first) and first[0] not in " \t#-"


def _mapping(base: Lines, original: Lines) -> dict[int, int]:
    """Base line index → original line index, for lines that stayed the same."""
    if base == original:
        return {i: i for i in range(len(base))}
    matcher = SequenceMatcher(None, base, original, autojunk=False)
    return {a + t: b + t for a, b, size in matcher.get_matching_blocks() for t in range(size)}


def _position(index: int, mapping: dict[int, int]) -> int | None:
    """Where an insertion before base line `index` goes in the original."""
    if index == 0:
        return 0
    if index - 1 in mapping:
        return mapping[index - 1] + 1
    return mapping.get(index)


Edit = tuple[int, int, Lines]  # replace original[start:end] with lines


def _edits(
    base: Lines, changed: Lines, mapping: dict[int, int], move_up: bool
) -> list[Edit] | None:
    edits: list[Edit] = []
    matcher = SequenceMatcher(None, base, changed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        new = changed[j1:j2]
        if tag == "insert":
            at = i1
            while move_up and at > 0 and _filler(base[at - 1]):
                at -= 1
            start = _position(at, mapping)
            if start is None:
                return None
            edits.append((start, start, new))
            continue
        targets = [mapping.get(i) for i in range(i1, i2)]
        first, last = targets[0], targets[-1]
        if first is None or last is None or last - first != i2 - i1 - 1:
            return None
        edits.append((first, last + 1, new))
    return edits


def _apply(original: Lines, edits: list[Edit], newline: str) -> Lines:
    result = list(original)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        block = [line + newline for line in new]
        if _is_new_section(new) and start == end:
            if start > 0 and result[start - 1].strip():
                block.insert(0, newline)
            if start < len(result) and result[start].strip():
                block.append(newline)
        if start > 0 and not result[start - 1].endswith("\n"):
            result[start - 1] += newline  # the last line had no line end
        result[start:end] = block
    return result


def candidates(original: Lines, base: str, changed: str, newline: str) -> Iterator[str]:
    """Merged texts to try, best first: entries placed before trailing comments, then as
    ruamel.yaml placed them."""
    base_lines = [bare(line) for line in split_lines(base)]
    changed_lines = [bare(line) for line in split_lines(changed)]
    mapping = _mapping(base_lines, [bare(line) for line in original])
    for move_up in (True, False):
        edits = _edits(base_lines, changed_lines, mapping, move_up)
        if edits is not None:
            yield "".join(_apply(original, edits, newline))


def merge(
    original: Lines, base: str, changed: str, same: Callable[[str], bool]
) -> tuple[str, bool]:
    """The original with the edit base → changed; `same(text)` tells whether a candidate
    reads back as the changed data. Returns (text, True) when no candidate does: ruamel.yaml's
    own text with the file's line ends — comments and key order kept, layout not."""
    newline = newline_of(original)
    for candidate in candidates(original, base, changed, newline):
        if same(candidate):
            return candidate, False
    return "".join(bare(line) + newline for line in split_lines(changed)), True
