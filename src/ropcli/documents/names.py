"""The names of the documents `ropcli render` makes and of their formats.

Kept apart from `catalog` (which knows what each document needs) so that the command line
can offer them as choices without importing the renderer at start-up.
"""

from __future__ import annotations

DOCUMENT_NAMES = (
    "order-assign",
    "order-extend",
    "order-revoke",
    "application",
    "passport",
    "report-reminder",
    "registry-list",
    "order-extract",
    "status-notice",
    "approval-sheet",
    "application-form",
    "passport-form",
)
EXTENSIONS = {"docx": ".docx", "md": ".md", "html": ".html", "pdf": ".pdf", "xlsx": ".xlsx"}
FORMATS = tuple(EXTENSIONS)
