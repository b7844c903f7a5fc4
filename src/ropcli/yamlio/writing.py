"""Writing: files replaced safely, and ruamel.yaml's round trip for `new` and `record`.

How `atomic_write` replaces a file, and why:

* the new bytes go to a temporary file in the same folder (`.NAME.XXXXXXXX.tmp`, a dotfile
  no `*.yaml` listing sees), reach the disk (fsync) and are renamed over the old file: a
  reader sees the old file or the new one, never half. The old file's mode, and its owner
  and group where the system lets us (as root; or a group we belong to), go to the new one;
* a read-only file — no write permission for us, or no write bit at all — is not replaced
  (`ReadOnlyFile`): the rename would succeed, since it needs only the folder's permission,
  and silently undo a protection the user set; an editor asks first, so do we;
* a file with more than one hard link is written in place, as editors do: a rename would
  leave the other names with the old text, and whoever linked them means one file. The
  bytes are complete before this (`ropcli record` builds and checks the whole text first),
  so it is a single write, a truncate and an fsync, and if the system refuses half-way
  (disk full) the old bytes are put back before the error is raised; what in place cannot
  survive is a power cut during those microseconds — the price of keeping the link;
* temporary files of exactly our naming that a killed writer left behind (kill -9, power
  cut) are removed by the next write to the same file once older than `STALE_AFTER`
  seconds — a live writer's file is seconds old, and no other name is ever touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from ropcli.yamlio.reading import _Loader

TMP_SUFFIX = ".tmp"
STALE_AFTER = 60.0  # seconds: a temporary file this old belongs to no running writer


class ReadOnlyFile(PermissionError):
    """The file exists and is protected from writing; it was left as it is."""


def atomic_write(path: Path, content: bytes) -> None:
    """Write `content` to `path` so that a reader sees the old file or the new one, never half
    (see the module's notes for read-only and hard-linked files)."""
    path = Path(os.path.realpath(path))  # a linked file is replaced where it lives, link kept
    _remove_stale(path)
    try:
        old: os.stat_result | None = path.stat()
    except FileNotFoundError:
        old = None
    if old is not None:
        if is_read_only(path, old):
            raise ReadOnlyFile(errno.EACCES, "файл только для чтения", str(path))
        if old.st_nlink > 1:
            _write_in_place(path, content)
            return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode the replaced file had, or
        # what the user's umask gives a new file, so a shared folder stays shared.
        if old is not None:
            _keep_owner(tmp, old)
            mode = old.st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def is_read_only(path: Path, info: os.stat_result | None = None) -> bool:
    """Whether an existing file is protected from writing: no permission for us, or no write
    bit at all (root may write anything, and is still asked, as an editor asks)."""
    mode = (info or os.stat(path)).st_mode
    return not mode & 0o222 or not os.access(path, os.W_OK)


def _remove_stale(path: Path) -> None:
    """Delete temporary files of `path` that a killed writer left (our exact naming only)."""
    ours = re.compile(re.escape(f".{path.name}.") + "[a-z0-9_]{8}" + re.escape(TMP_SUFFIX))
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if not ours.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if entry.is_file(follow_symlinks=False) and now - info.st_mtime > STALE_AFTER:
                    os.unlink(entry.path)


def _keep_owner(tmp: str, old: os.stat_result) -> None:
    """The replaced file's owner and group for the new one, as far as we may set them."""
    if sys.platform == "win32":  # no owner ids to copy; the folder's ACL applies
        return
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    for uid in (old.st_uid, -1):  # only root may give a file away; a group we are in is ours
        with contextlib.suppress(OSError):
            os.chown(tmp, uid, old.st_gid)
            return


def _write_in_place(path: Path, content: bytes) -> None:
    """Overwrite a hard-linked file through its inode; the old bytes return on failure."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        old = b""
        while chunk := os.read(fd, 1 << 20):
            old += chunk
        try:
            _put(fd, content)
        except OSError:
            with contextlib.suppress(OSError):
                _put(fd, old)
            raise
    finally:
        os.close(fd)


def _put(fd: int, content: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]
    os.ftruncate(fd, len(content))
    os.fsync(fd)


# --- Round trip: how `ropcli new` and `ropcli record` write (ARCHITECTURE.md) -----------
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


def text(value: str, *, fold: bool = True, flow: bool = False) -> Any:
    """Free text as a person would write it: folded over several lines when long (`fold`;
    a block scalar takes any words as they are), else plain where that reads back as the
    same text, and in double quotes where PyYAML (the checks' reader, YAML 1.1) would take
    it for something else (`yes`, `on`, `12:30`, `a: b`).

    `flow`: the value stands inside a flow map (`{title: …}`), where `,`, `[`, `]`, `{`,
    `}`, `?` and a leading `:` end or break a plain scalar although they are harmless at
    block level; such a value is never folded."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

    if fold and not flow and len(value) > FOLD_WIDTH and re.fullmatch(r"\S+( \S+)+", value):
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value)
        return folded
    return value if _plain_reads_back(value, flow) else DoubleQuotedScalarString(value)


# Both PyYAML readers (libyaml's and the pure Python one, which differ on `a?b` in a flow
# map): a file ropcli writes must read the same whichever one a machine has.
_READERS = tuple(dict.fromkeys((_Loader, yaml.SafeLoader)))


def _plain_reads_back(value: str, flow: bool) -> bool:
    """Whether `value` written unquoted reads back as itself where it will stand."""
    documents = [(value, value), (f"v: {value}", {"v": value})]
    if flow:
        documents += [
            (f"{{v: {value}, w: 0}}", {"v": value, "w": 0}),
            (f"{{w: 0, v: {value}}}", {"w": 0, "v": value}),
        ]
    try:
        return all(
            yaml.load(document, Loader=reader) == expected
            for reader in _READERS
            for document, expected in documents
        )
    except (yaml.YAMLError, ValueError, OverflowError):  # «2026-13-45»: no such date
        return False


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
