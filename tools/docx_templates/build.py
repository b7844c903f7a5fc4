"""Build the built-in Word templates (`templates/*.docx`) from their reviewable source.

    python -m tools.docx_templates.build [FOLDER]     # default: the checkout's templates/

A `.docx` is a zip of XML that a review cannot read, so the built-in ones are made here
with python-docx and committed; a test rebuilds them and fails if the committed files
differ (run the command above after changing `primitives`, `layouts` or `forms`). A
coordinator who wants a different layout copies a built file into
`<registry>/templates/` and edits it in Word: the Jinja tags are plain text there.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from . import blank_forms, forms, layouts, lists, papers
from .primitives import end_after_table

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def build_all(folder: Path) -> list[Path]:
    """Write every built-in `.docx` template into `folder`."""
    builders = {
        "order-assign": layouts.order_assign,
        "order-extend": layouts.order_extend,
        "order-revoke": layouts.order_revoke,
        "application": forms.application,
        "passport": forms.passport,
        "order-extract": papers.order_extract,
        "status-notice": papers.status_notice,
        "approval-sheet": papers.approval_sheet,
        "report-reminder": lists.report_reminder,
        "registry-list": lists.registry_list,
        "application-form": blank_forms.application_form,
        "passport-form": blank_forms.passport_form,
    }
    paths = []
    for name, build in builders.items():
        path = folder / f"{name}.docx"
        document = build()
        end_after_table(document)  # every builder's document ends with a paragraph
        document.save(str(path))
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else TEMPLATES
    for path in build_all(folder):
        print(f"built {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
