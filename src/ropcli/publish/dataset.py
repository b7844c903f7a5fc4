"""The open dataset of `data/`: one CSV row per site, its structure, the dataset passport
(`meta.csv`, the property/value form of Russian open data) and a Frictionless
`datapackage.json` describing all three.

UTF-8 without a byte-order mark and `,` between fields, as open-data portals expect (the
Excel form with `;` is `ropcli status --format csv`). Dates are ISO, empty when unknown.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli.core.dates import parse_typed

from .model import PublicRegister, PublicSite

STANDARD = "http://opendata.gosmonitor.ru/standard/3.0"
# The day the columns below were last changed: a new column is a new structure version.
STRUCTURE_VERSION = date(2026, 11, 29)


@dataclass(frozen=True)
class Column:
    name: str
    english: str
    russian: str
    type: str  # string | integer | date


COLUMNS = (
    Column("id", "Site identifier", "Идентификатор площадки в реестре", "string"),
    Column(
        "organization", "Full name of the organisation", "Полное наименование организации", "string"
    ),
    Column("short_name", "Short name of the organisation", "Сокращённое наименование", "string"),
    Column("inn", "Taxpayer number", "ИНН", "string"),
    Column("ogrn", "State registration number", "ОГРН", "string"),
    Column("municipality", "Municipality", "Муниципальное образование", "string"),
    Column("address", "Address", "Адрес", "string"),
    Column("website", "Website", "Сайт организации", "string"),
    Column("practice_name", "Mentoring practice", "Наименование практики", "string"),
    Column(
        "forms",
        "Forms of mentoring, separated by «; »",
        "Формы наставничества (через «; »)",
        "string",
    ),
    Column("state", "State code", "Код состояния", "string"),
    Column("state_label", "State", "Состояние", "string"),
    Column("term", "Term number", "Номер срока статуса", "integer"),
    Column("term_start", "Term start", "Начало срока статуса", "date"),
    Column("term_end", "Term end", "Окончание срока статуса", "date"),
    Column("order_number", "Order number", "Номер приказа", "string"),
    Column("order_date", "Order date", "Дата приказа", "date"),
    Column("mentoring_page", "Mentoring page", "Страница «Наставничество»", "string"),
    Column("contact_name", "Contact person", "Контактное лицо", "string"),
    Column("contact_phone", "Contact phone (if published)", "Телефон (если публикуется)", "string"),
    Column("contact_email", "Contact e-mail (if published)", "E-mail (если публикуется)", "string"),
)


def stamp(day: date) -> str:
    return day.strftime("%Y%m%d")


def file_names(on: date) -> dict[str, str]:
    structure = f"structure-{stamp(STRUCTURE_VERSION)}.csv"
    return {
        "data": f"data-{stamp(on)}-{structure}",
        "structure": structure,
        "meta": "meta.csv",
    }


def _contact(site: PublicSite, contacts: bool) -> tuple[str, str, str]:
    contact = (site.record.data.get("passport") or {}).get("contact") or {}
    name = ", ".join(str(contact[k]) for k in ("name", "position") if contact.get(k))
    if not contacts:
        return name, "", ""
    return name, str(contact.get("phone", "")), str(contact.get("email", ""))


def site_row(site: PublicSite, contacts: bool) -> list[Any]:
    organization = site.record.data.get("organization") or {}
    term = site.term
    return [
        site.id,
        site.record.full_name,
        site.record.short_name,
        organization.get("inn", ""),
        organization.get("ogrn", ""),
        site.record.municipality,
        organization.get("address", ""),
        organization.get("website", ""),
        site.practice,
        "; ".join(site.forms),
        site.status.state,
        site.state_label,
        term.number if term else "",
        term.start.isoformat() if term else "",
        term.end.isoformat() if term else "",
        term.order_number if term and term.order_number else "",
        term.order_date.isoformat() if term and term.order_date else "",
        (site.record.data.get("application") or {}).get("mentoring_page", ""),
        *_contact(site, contacts),
    ]


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def last_change(register: PublicRegister) -> date:
    events = register.events()
    return events[0].day if events else register.on


def meta_rows(register: PublicRegister, base_url: str) -> list[tuple[str, str]]:
    settings, publish = register.settings, register.settings.publish
    names = file_names(register.on)
    first = parse_typed(str(publish.first_published)) if publish.first_published else register.on
    responsible = publish.responsible
    url = f"{base_url}data/" if base_url else ""
    return [
        ("standardversion", STANDARD),
        ("identifier", publish.identifier),
        ("title", title_of(register)),
        ("description", description_of(register)),
        ("creator", publish.owner or settings.authority.get("name", "")),
        ("format", "csv"),
        ("subject", publish.keywords),
        ("publishername", responsible.get("name", "")),
        ("publisherphone", responsible.get("phone", "")),
        ("publishermbox", responsible.get("email", "")),
        ("periodicity", publish.update_frequency),
        ("created", stamp(first)),
        ("modified", stamp(max(first, last_change(register)))),
        (
            "provenance",
            f"Построено ropcli publish по реестру на {register.on.strftime('%d.%m.%Y')}",
        ),
        (names["data"].removesuffix(".csv"), url + names["data"]),
        (names["structure"].removesuffix(".csv"), url + names["structure"]),
    ]


def title_of(register: PublicRegister) -> str:
    return register.settings.publish.title or (
        f"Реестр региональных опорных площадок наставничества ({register.settings.region})"
    )


def description_of(register: PublicRegister) -> str:
    return register.settings.publish.description or (
        "Организации со статусом региональной опорной площадки наставничества и заявки на "
        "него: организация, муниципалитет, практика, формы наставничества, состояние, срок "
        "статуса и приказ."
    )


def _package_name(identifier: str) -> str:
    name = re.sub(r"[^a-z0-9._-]+", "-", identifier.lower()).strip("-")
    return name or "rop-register"


def _resource(name: str, path: str, fields: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
    }


def _text_fields(*names: str) -> list[dict[str, str]]:
    return [{"name": n, "type": "string"} for n in names]


def datapackage(register: PublicRegister) -> dict[str, Any]:
    names = file_names(register.on)
    data_fields = [
        {
            "name": c.name,
            "title": c.russian,
            "type": c.type,
            **({"format": "default"} if c.type == "date" else {}),
        }
        for c in COLUMNS
    ]
    structure = ("field name", "english description", "russian description", "format")
    return {
        "profile": "tabular-data-package",
        "name": _package_name(register.settings.publish.identifier),
        "title": title_of(register),
        "description": description_of(register),
        "version": stamp(register.on),
        "resources": [
            _resource("data", names["data"], data_fields),
            _resource("structure", names["structure"], _text_fields(*structure)),
            _resource("meta", names["meta"], _text_fields("property", "value")),
        ],
    }


def dataset_files(register: PublicRegister, base_url: str) -> dict[str, bytes]:
    """`data/…` files by their names inside `data/`."""
    names = file_names(register.on)
    contacts = register.settings.publish.contacts
    structure = [(c.name, c.english, c.russian, c.type) for c in COLUMNS]
    package = json.dumps(datapackage(register), ensure_ascii=False, indent=2) + "\n"
    return {
        names["data"]: _csv(
            [c.name for c in COLUMNS], [site_row(s, contacts) for s in register.sites]
        ),
        names["structure"]: _csv(
            ("field name", "english description", "russian description", "format"), structure
        ),
        names["meta"]: _csv(("property", "value"), meta_rows(register, base_url)),
        "datapackage.json": package.encode("utf-8"),
    }
