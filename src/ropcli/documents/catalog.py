"""The documents `ropcli render` knows (docs/render.md): one entry each, in the order
`render --list` shows them.

An entry says which formats it has, which sites it may name (and which it takes when
the user names none), which settings it prints, how its context is built and how its
output files are named — from ids and dates only, never from free text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli.core.settings import Settings

from . import blank_forms, letters, orders, paperwork
from .context import OrderRef, SiteView
from .names import DOCUMENT_NAMES
from .request import Request

Refusal = Callable[[Mapping[str, Any], Settings, date], str | None]
Builder = Callable[[Sequence[SiteView], Request, Settings], dict[str, Any]]

LETTER_FORMATS = ("md", "html", "docx", "pdf")  # Markdown by default, Word as well
ALL_FORMATS = ("docx", "md", "html", "pdf")  # pdf: the docx (else the html) through LibreOffice

HTML_PARTS = ("_layout.html.j2", "document.css")
ORDER_PARTS = ("_order.wording.j2", "_order.md.j2", "_order.html.j2", *HTML_PARTS)

# How a document picks its sites when the user names none.
CANDIDATES = "candidates"  # every site the document may name
EVERY_SITE = "every"  # the whole register
IDS_REQUIRED = "ids"  # none: the user must say which
NO_SITES = "none"  # a blank form: no site at all (`ropcli import` reads it back filled)


@dataclass(frozen=True)
class DocumentKind:
    name: str
    title: str
    formats: tuple[str, ...]
    per_site: bool  # one file per site, or one file for all the sites named
    selection: str
    refusal: Refusal
    build: Builder
    settings: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # shared templates the document's templates import
    peers: bool = False  # per-site: the builder also gets every other valid site, after it

    def source_format(self, format: str) -> str:
        """What a format is rendered from: a PDF is the Word document (else the HTML)
        converted by LibreOffice."""
        if format != "pdf":
            return format
        return "docx" if "docx" in self.formats else "html"

    def template_name(self, format: str) -> str:
        format = self.source_format(format)
        return f"{self.name}.docx" if format == "docx" else f"{self.name}.{format}.j2"

    def stem(self, request: Request, site: SiteView | None, order: OrderRef | None = None) -> str:
        """From ids and dates only; an order is named after its date (a recorded one's too),
        else after `--on`."""
        if site is not None and self.name in ("report-reminder", "approval-sheet"):
            return f"{self.name}-{site.id}-{request.on.isoformat()}"
        if site is not None and self.name in ("order-extract", "status-notice"):
            recorded = paperwork.chosen_order(site.data, request)
            when = recorded.order.date if recorded and recorded.order.date else request.on
            return f"{self.name}-{site.id}-{when.isoformat()}"
        if site is not None:
            return f"{self.name}-{site.id}"
        if self.selection == NO_SITES:
            return self.name
        day = (order or request.order).date if self.name.startswith("order-") else None
        return f"{self.name}-{(day or request.on).isoformat()}"


DOCUMENTS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(
            "order-assign",
            "проект приказа о присвоении статуса (площадки одобрены, приказа ещё нет)",
            ALL_FORMATS,
            False,
            CANDIDATES,
            orders.assign_refusal,
            orders.assign_context,
            orders.ORDER_SETTINGS,
            ("order-assign.wording.j2", *ORDER_PARTS),
        ),
        DocumentKind(
            "order-extend",
            "проект приказа о продлении статуса (есть заявка на продление, п. 6.9)",
            ALL_FORMATS,
            False,
            CANDIDATES,
            orders.extend_refusal,
            orders.extend_context,
            orders.ORDER_SETTINGS,
            ("order-extend.wording.j2", *ORDER_PARTS),
        ),
        DocumentKind(
            "order-revoke",
            "проект приказа о досрочном снятии статуса (п. 6.9, 6.10)",
            ALL_FORMATS,
            False,
            IDS_REQUIRED,
            orders.revoke_refusal,
            orders.revoke_context,
            orders.ORDER_SETTINGS,
            ("order-revoke.wording.j2", *ORDER_PARTS),
        ),
        DocumentKind(
            "application",
            "заявка на присвоение статуса (Приложение 1)",
            ALL_FORMATS,
            True,
            IDS_REQUIRED,
            letters.no_refusal,
            letters.site_context,
            ("regional_center.short_name",),
            ("application.wording.j2", *HTML_PARTS),
        ),
        DocumentKind(
            "passport",
            "паспорт практики наставничества (12 строк)",
            ALL_FORMATS,
            True,
            IDS_REQUIRED,
            letters.no_refusal,
            letters.site_context,
            (),
            HTML_PARTS,
        ),
        DocumentKind(
            "report-reminder",
            "письмо площадке о несданных и просроченных отчётах на --on",
            LETTER_FORMATS,
            True,
            CANDIDATES,
            letters.reminder_refusal,
            letters.reminder_context,
            (
                "regional_center.name",
                "regional_center.address",
                "regional_center.signatory_position",
                "regional_center.signatory_name",
            ),
            HTML_PARTS,
        ),
        DocumentKind(
            "registry-list",
            "реестр: все площадки, состояние, срок, муниципалитет на --on",
            (*LETTER_FORMATS, "xlsx"),  # xlsx: a table, documents.tables (no template)
            False,
            EVERY_SITE,
            letters.no_refusal,
            letters.register_context,
            ("region",),
            HTML_PARTS,
        ),
        DocumentKind(
            "order-extract",
            "выписка из записанного приказа для одной площадки (--order-number — какого)",
            ALL_FORMATS,
            True,
            IDS_REQUIRED,
            paperwork.order_refusal,
            paperwork.extract_context,
            (*orders.ORDER_SETTINGS, "authority.certifier_position", "authority.certifier_name"),
            (
                "order-assign.wording.j2",
                "order-extend.wording.j2",
                "order-revoke.wording.j2",
                *ORDER_PARTS,
            ),
            peers=True,
        ),
        DocumentKind(
            "status-notice",
            "письмо площадке о присвоении, продлении или снятии статуса по записанному приказу",
            ALL_FORMATS,
            True,
            IDS_REQUIRED,
            paperwork.order_refusal,
            paperwork.notice_context,
            (
                "authority.name",
                "authority.signatory_position",
                "authority.signatory_name",
                "regional_center.name",
            ),
            HTML_PARTS,
        ),
        DocumentKind(
            "approval-sheet",
            "лист согласования проекта приказа (согласующие — approvals в ropcli.yaml)",
            ALL_FORMATS,
            False,
            IDS_REQUIRED,
            paperwork.approval_refusal,
            paperwork.approval_context,
            orders.ORDER_SETTINGS,
            (
                "order-assign.wording.j2",
                "order-extend.wording.j2",
                "order-revoke.wording.j2",
                *ORDER_PARTS,
            ),
        ),
        DocumentKind(
            "application-form",
            "бланк заявки для школы (Приложение 1) с подсказками; заполненный — ropcli import",
            ALL_FORMATS,
            False,
            NO_SITES,
            blank_forms.no_site_refusal,
            blank_forms.blank_context,
            ("regional_center.short_name",),
            HTML_PARTS,
        ),
        DocumentKind(
            "passport-form",
            "бланк паспорта практики (12 строк) с подсказками; заполненный — ropcli import",
            ALL_FORMATS,
            False,
            NO_SITES,
            blank_forms.no_site_refusal,
            blank_forms.blank_context,
            (),
            HTML_PARTS,
        ),
    )
}
# The command line offers `names.DOCUMENT_NAMES` without importing this module.
assert tuple(DOCUMENTS) == DOCUMENT_NAMES, "documents.names lists the catalog's documents"
