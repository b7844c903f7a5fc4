"""`feed.xml`: the changes of the register as an Atom feed (RFC 4287) — applications,
orders that assign, extend or revoke a status, and submitted reports, newest first.

Every entry's date is the date of the fact in the site file (the order's date, the day a
report was submitted), so the feed is the same whenever it is built. Ids are tag URIs that
do not depend on where the site is published.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from .model import Event, PublicRegister

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200
FEED_ID = "tag:ropcli,2026"  # a feed's id never changes (RFC 4287, 4.2.6)
KIND_LABELS = {
    "application": "Заявка",
    "assigned": "Приказ",
    "extended": "Приказ",
    "extension_requested": "Заявка",
    "revoked": "Приказ",
    "report": "Отчёт",
}


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _entry_id(event: Event, index: int) -> str:
    return (
        f"tag:ropcli,{event.day.year}:{event.site_id}/{event.kind}/{event.day.isoformat()}/{index}"
    )


def feed_bytes(register: PublicRegister, title: str, base_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    events = register.events()
    updated = events[0].day if events else register.on
    _sub(root, "id", f"{FEED_ID}:{register.settings.publish.identifier}")
    _sub(root, "title", title)
    _sub(root, "updated", _stamp(updated))
    _sub(root, "link", rel="self", href=f"{base_url}feed.xml")
    _sub(root, "link", rel="alternate", type="text/html", href=f"{base_url}index.html")
    author = _sub(root, "author")
    _sub(
        author,
        "name",
        register.settings.publish.owner or register.settings.authority.get("name", ""),
    )
    _sub(root, "generator", "ropcli publish")
    seen: dict[tuple[str, str, date], int] = {}
    for event in events[:MAX_ENTRIES]:
        key = (event.site_id, event.kind, event.day)
        seen[key] = seen.get(key, 0) + 1
        entry = _sub(root, "entry")
        _sub(entry, "id", _entry_id(event, seen[key]))
        _sub(entry, "title", f"{KIND_LABELS.get(event.kind, 'Событие')}: {event.title}")
        _sub(entry, "updated", _stamp(event.day))
        _sub(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=f"{base_url}sites/{event.site_id}.html",
        )
        _sub(entry, "category", term=event.kind)
        summary = event.detail or event.title
        _sub(entry, "summary", f"{event.day.strftime('%d.%m.%Y')}: {summary}")
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
