"""Writing: atomic replacement, and ruamel.yaml's round trip for `new` and `record`."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ropcli.yamlio.reading import _Loader


def atomic_write(path: Path, content: bytes) -> None:
    """Write `content` to `path` so that a reader sees the old file or the new one, never half.

    The temporary file lives in the same folder (rename is atomic only within a file
    system) and is removed if anything fails before the rename.
    """
    path = Path(os.path.realpath(path))  # a linked file is replaced where it lives, link kept
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
