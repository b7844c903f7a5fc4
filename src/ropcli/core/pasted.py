"""Text pasted from Word or a web page, tidied of what the eye cannot see: every Unicode
space (no-break, narrow no-break, thin, em…) becomes an ordinary space, and soft hyphens
and zero-width spaces are dropped. What remains invisible and is refused: the control
characters (tab, line breaks, escape…) and the marks that reorder text on screen.

`ropcli fill` tidies each answer so; `ropcli import` reads a Word cell's spaces alike
(its lines are split on any Unicode space).
"""

from __future__ import annotations

import re
import unicodedata

DROPPED = "\u00ad\u180e\u200b\u2060\ufeff"  # soft hyphen, zero-width spaces, word joiner
_DROPPED = re.compile(f"[{DROPPED}]")
# Bidirectional marks, overrides and isolates: invisible, and they reorder what is shown
# (and U+FFFE, U+FFFF: not characters, and no YAML file may hold them).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NAMES = {"\t": "табуляция", "\n": "перевод строки", "\r": "возврат каретки"}


def _space(char: str) -> str:
    """An ordinary space for a Unicode space that is not a control character."""
    return " " if char.isspace() and unicodedata.category(char) != "Cc" else char


def tidy(text: str) -> str:
    """`text` with Unicode spaces as ordinary spaces and soft hyphens, zero-width spaces
    dropped; nothing else changes (two spaces stay two, control characters stay)."""
    return "".join(_space(char) for char in _DROPPED.sub("", text))


def controls(text: str) -> list[str]:
    """The control characters of `text` that `tidy` leaves, each named in Russian or as
    U+XXXX, once each, in order."""
    found: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or re.fullmatch(f"[{_BIDI}\ufffe\uffff]", char):
            name = _NAMES.get(char, f"U+{ord(char):04X}")
            if name not in found:
                found.append(name)
    return found
