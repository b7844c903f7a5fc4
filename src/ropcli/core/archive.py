"""A Word archive (.docx) read with limits: its members unpacked in small pieces against a
running total, only stored or deflated ones, before python-docx or docxtpl sees any of it —
a school's filled form (`ropcli import`) and a registry's own Word template alike.

The sizes a zip declares are not trusted (a crafted file says 5 000 bytes and unpacks
to gigabytes): every member is read in pieces of `PIECE` bytes and the reading stops as
soon as the total passes `MAX_UNPACKED`. python-docx then gets an archive in memory
re-packed from the verified bytes only, so it never unpacks anything itself.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED = 64 * 1024 * 1024
MAX_MEMBERS = 2000  # a Word document has a few dozen parts
PIECE = 1024 * 1024
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class TooBig(Exception):
    """The archive unpacks to more than `MAX_UNPACKED` bytes."""


class Strange(Exception):
    """A compression method Word does not use, or too many members."""


def verified(path: str | io.BytesIO) -> io.BytesIO:
    """The archive re-packed in memory from its members' bytes, each read in bounded
    pieces. Raises `TooBig`, `Strange`, `zipfile.BadZipFile` (also on a wrong CRC, which
    is what a false declared size ends in) or `KeyError` (no word/document.xml)."""
    out = io.BytesIO()
    total = 0
    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(out, "w") as packed:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise Strange(f"{len(members)} частей")
        if "word/document.xml" not in {m.filename for m in members}:
            raise KeyError("word/document.xml")
        for member in members:
            if member.compress_type not in METHODS:
                raise Strange(f"сжатие {member.compress_type}")
            if member.file_size > MAX_UNPACKED or total + member.file_size > MAX_UNPACKED:
                raise TooBig(member.filename)
            pieces: list[bytes] = []
            with archive.open(member) as stream:
                while piece := stream.read(PIECE):
                    total += len(piece)
                    if total > MAX_UNPACKED:
                        raise TooBig(member.filename)
                    pieces.append(piece)
            packed.writestr(member.filename, b"".join(pieces))
    out.seek(0)
    return out
