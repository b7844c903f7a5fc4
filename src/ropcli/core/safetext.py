"""Text from the register made safe to print: on a terminal, in a CI log, in a file.

Any value of a site file — and any file name — can hold control characters. Printed raw,
`\\x1b[2J` clears a coordinator's screen, a newline followed by `::error file=…::` forges
a GitHub Actions annotation, a right-to-left override reorders what a reviewer reads,
and a file name that is not UTF-8 stops Python's output with `UnicodeEncodeError`.

* `printable(text)` shows such characters as escapes (`\\n`, `\\x1b`, `\\u202e`, and
  `\\xNN` for a byte that was not UTF-8), for values put into one line of output.
* `SafeStream` wraps standard output and standard error for the whole run: every control
  character but the line break and the tab is escaped (on a colour terminal, the colour
  codes of ropcli's own tables are kept — a colour can't move the cursor or clear the
  screen), and a line never starts with `::` unless the writer is the `github` format,
  whose annotations must (`workflow_commands()`).
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from typing import IO, Any

# C0 and C1 controls, DEL, bidirectional overrides and isolates, line and paragraph
# separators, and lone surrogates (bytes of a file name that were not UTF-8).
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
_VALUE = re.compile(f"[\x00-\x1f{_OTHERS}]")
# In a stream, line breaks and tabs are layout; ropcli's own colours are SGR sequences.
_STREAM = re.compile(f"(\x1b\\[[0-9;]*m)|([\x00-\x08\x0b-\x1f{_OTHERS}])")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}
_LEADING = re.compile(r"^([ \t]*)::", re.MULTILINE)
_HALF = re.compile(r"[ \t]*:")


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` on one line, with every control character shown as an escape."""
    return _VALUE.sub(lambda m: _escape(m[0]), text)


def guard_lines(text: str) -> str:
    """A line that starts with `::` would be a workflow command in GitHub Actions."""
    return _LEADING.sub(r"\1\\::", text)


class SafeStream(io.TextIOBase):
    """A text stream that escapes what `printable` escapes, except line breaks and tabs,
    and guards line starts (see the module docstring)."""

    def __init__(self, stream: IO[str], *, keep_colour: bool = False) -> None:
        self.raw = stream
        self.keep_colour = keep_colour
        self.allow_annotations = False
        self._blank_line = True  # the current line holds only blanks so far
        self._held = ""  # a ":" that may begin "::" with the next write

    def _clean(self, match: re.Match[str]) -> str:
        if match[1] is not None:
            return match[1] if self.keep_colour else printable(match[1])
        return _escape(match[2])

    def write(self, text: str) -> int:
        cleaned = self._held + _STREAM.sub(self._clean, text)
        self._held = ""
        if not self.allow_annotations and cleaned:
            if self._blank_line:
                cleaned = guard_lines(cleaned)
            else:  # the first piece goes on a line already started
                head, newline, tail = cleaned.partition("\n")
                cleaned = head + newline + guard_lines(tail) if newline else cleaned
            last = cleaned.rpartition("\n")[2]
            if (self._blank_line or "\n" in cleaned) and _HALF.fullmatch(last):
                cleaned, self._held = cleaned[:-1], ":"
        if cleaned:
            parts = cleaned.rpartition("\n")
            self._blank_line = (bool(parts[1]) or self._blank_line) and not parts[2].strip(" \t")
        self.raw.write(cleaned)
        return len(text)

    def flush(self) -> None:
        if self._held:
            self.raw.write(self._held)
            self._held = ""
            self._blank_line = False
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    @property
    def buffer(self) -> Any:
        return self.raw.buffer  # type: ignore[attr-defined]

    def reconfigure(self, **options: Any) -> None:
        reconfigure = getattr(self.raw, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(**options)


@contextlib.contextmanager
def workflow_commands(stream: IO[str]) -> Iterator[IO[str]]:
    """Let the `github` format start lines with `::` on a guarded stream."""
    if not isinstance(stream, SafeStream):
        yield stream
        return
    stream.allow_annotations = True
    try:
        yield stream
    finally:
        stream.allow_annotations = False
