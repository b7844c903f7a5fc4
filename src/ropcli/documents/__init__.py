"""Documents from templates (`ropcli render`, SPEC §4): Ministry order drafts, the
application, the passport, a reminder letter, the register.

`render(registry, check_result, request)` returns the files' names and bytes; the catalog
of documents is `DOCUMENTS`. Templates live in the top-level `templates/` folder (inside
the package in a wheel); `<registry>/templates/` overrides them by name.
"""

from __future__ import annotations

from .catalog import DOCUMENTS, DocumentKind
from .context import OrderRef
from .render import Output, Refused, render
from .request import Request, RevocationDraft

__all__ = [
    "DOCUMENTS",
    "DocumentKind",
    "OrderRef",
    "Output",
    "Refused",
    "Request",
    "RevocationDraft",
    "render",
]
