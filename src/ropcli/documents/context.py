"""What every document template receives: the settings as the documents need them, the
sites with the names people know them by, and the order's requisites.

Templates see only what is built here (and the filters of `environment`): plain
dataclasses and the site file's own mappings. A required setting that is empty refuses
the document before any template runs, naming the `ropcli.yaml` key to fill (exit 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli.core import vocab
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.settings import Settings
from ropcli.lifecycle import parse_date

from . import words

SETTINGS_FILE = "ropcli.yaml"


@dataclass(frozen=True)
class OrderRef:
    """The Ministry order's number and date: given with --order-number/--order-date, or
    taken from a recorded event; None keeps the blank «____» of a draft."""

    number: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Authority:
    name: str
    name_upper: str
    name_genitive: str | None  # None: the head word is not one we can decline
    signatory_position: str
    signatory_name: str


@dataclass(frozen=True)
class Regulation:
    title: str
    title_genitive: str  # «Положения о …», or «документа «…»» for a title we cannot decline
    order_number: str
    order_date: date


@dataclass(frozen=True)
class DocumentSettings:
    """The settings of docs/format.md in the shape the templates use them."""

    region: str
    authority: Authority
    regional_center: Mapping[str, str]
    regulation: Regulation | None
    max_years: int
    annual_due_days: int
    final_due_days: int


@dataclass(frozen=True)
class SiteView:
    """One site as documents name it; `data` is the site file itself, for the application
    and the passport (dates there are ISO text: the `ru_date` filter takes both)."""

    id: str
    file: str
    data: Mapping[str, Any]
    full_name: str
    short_name: str
    municipality: str
    type_label: str
    head: Mapping[str, str]


def _setting_hint(key: str) -> str:
    """The settings schema's title and description of `key`, so the message says what to
    write (the schema is the one place that documents settings)."""
    from ropcli.validation.schema import load_schema

    node: Mapping[str, Any] = load_schema("settings")
    for part in key.split("."):
        node = (node.get("properties") or {}).get(part) or {}
    title, description = node.get("title"), node.get("description")
    return " — ".join(str(t) for t in (f"«{title}»" if title else None, description) if t)


def require_settings(settings: Settings, keys: Iterable[str], document: str) -> None:
    """Refuse (exit 3) when a setting the document prints is empty or absent."""
    missing = [key for key in keys if not _setting_value(settings, key)]
    if not missing:
        return
    lines = [f"  {key}: {_setting_hint(key)}" for key in missing]
    raise RopcliError(
        f"документ {document} не составить: в {SETTINGS_FILE} реестра не задано "
        "(пустое значение не годится: в документе не должно оставаться пропусков):\n"
        + "\n".join(lines),
        ExitCode.CANNOT_RUN,
    )


def _setting_value(settings: Settings, key: str) -> object:
    section, _, name = key.partition(".")
    value: object = getattr(settings, section)
    if name:
        value = value.get(name) if isinstance(value, Mapping) else None
    return str(value).strip() if value is not None else ""


def document_settings(settings: Settings) -> DocumentSettings:
    authority = settings.authority
    regulation = settings.regulation
    order_date = regulation.get("order_date")
    return DocumentSettings(
        region=settings.region,
        authority=Authority(
            name=authority["name"],
            name_upper=authority["name"].upper(),
            name_genitive=words.genitive(authority["name"]),
            signatory_position=authority["signatory_position"],
            signatory_name=authority["signatory_name"],
        ),
        regional_center=dict(settings.regional_center),
        regulation=(
            Regulation(
                regulation["title"],
                words.genitive(regulation["title"]) or f"документа «{regulation['title']}»",
                str(regulation["order_number"]),
                parse_date(order_date),
            )
            if order_date and regulation.get("order_number")
            else None
        ),
        max_years=settings.max_years,
        annual_due_days=settings.annual_due_days,
        final_due_days=settings.final_due_days,
    )


def site_view(file: str, data: Mapping[str, Any], settings: Settings) -> SiteView:
    organization = data["organization"]
    municipality = settings.municipalities.get(organization["municipality"])
    return SiteView(
        id=str(data["id"]),
        file=file,
        data=data,
        full_name=organization["full_name"],
        short_name=organization["short_name"],
        municipality=municipality.name if municipality else organization["municipality"],
        type_label=vocab.SITE_TYPES.get(organization["type"], organization["type"]),
        head=organization["head"],
    )
