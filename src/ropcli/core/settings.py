"""Registry settings (`ropcli.yaml`, docs/format.md): every key optional, Kursk defaults.

`Settings.from_data` takes the plain data the YAML loader produced *after* the
`settings` schema accepted it, so it only fills defaults and never re-checks shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ropcli.core import vocab


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    kind: str


def _default_municipalities() -> dict[str, Municipality]:
    return {
        mid: Municipality(mid, name, kind) for mid, (name, kind) in vocab.MUNICIPALITIES.items()
    }


DEFAULT_AUTHORITY = {
    "name": "Министерство образования и науки Курской области",
    "signatory_position": "Министр образования и науки Курской области",
    "signatory_name": "",
}
DEFAULT_REGIONAL_CENTER = {
    "name": "ОГБУ ДПО «Курский институт развития образования»",
    "short_name": "ОГБУ ДПО КИРО",
    "address": "305004, г. Курск, ул. Садовая, д. 31",
}
DEFAULT_REGULATION = {
    "title": "Положение о региональной опорной площадке наставничества",
}


@dataclass(frozen=True)
class PublishSettings:
    """`publish:` — the open register of `ropcli publish` (docs/publish.md); empty text means
    «take the default», which the publisher fills from the other settings."""

    contacts: bool = False
    base_url: str = ""
    identifier: str = "rop-nastavnichestva"
    title: str = ""
    description: str = ""
    owner: str = ""
    responsible: Mapping[str, str] = field(default_factory=dict)
    update_frequency: str = "по мере изменения"
    keywords: str = "наставничество, образование, региональные опорные площадки"
    first_published: str = ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PublishSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**{**known, "responsible": dict(data.get("responsible", {}))})


@dataclass(frozen=True)
class Settings:
    region: str = "Курская область"
    authority: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_AUTHORITY))
    regional_center: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_REGIONAL_CENTER)
    )
    regulation: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_REGULATION))
    max_years: int = 3
    expiring_within_days: int = 90
    annual_due_days: int = 30
    final_due_days: int = 30
    municipalities: Mapping[str, Municipality] = field(default_factory=_default_municipalities)
    mentoring_forms: tuple[str, ...] = vocab.MENTORING_FORMS
    reminders: Mapping[str, Any] = field(default_factory=dict)  # ropcli.reminders reads it
    mail: Mapping[str, Any] = field(default_factory=dict)  # SMTP of `ropcli remind --send`
    approvals: tuple[Mapping[str, str], ...] = ()  # the approval sheet of an order draft
    publish: PublishSettings = field(default_factory=PublishSettings)

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Settings:
        data = data or {}
        term = data.get("term", {})
        reports = data.get("reports", {})
        defaults = cls()
        municipalities = defaults.municipalities
        if "municipalities" in data:
            municipalities = {
                m["id"]: Municipality(m["id"], m["name"], m.get("kind", vocab.MUNICIPAL_DISTRICT))
                for m in data["municipalities"]
            }
        extra_forms = tuple(
            f for f in data.get("mentoring_forms", []) if f not in vocab.MENTORING_FORMS
        )
        return cls(
            region=data.get("region", defaults.region),
            authority={**DEFAULT_AUTHORITY, **data.get("authority", {})},
            regional_center={**DEFAULT_REGIONAL_CENTER, **data.get("regional_center", {})},
            regulation={**DEFAULT_REGULATION, **data.get("regulation", {})},
            max_years=term.get("max_years", defaults.max_years),
            expiring_within_days=term.get("expiring_within_days", defaults.expiring_within_days),
            annual_due_days=reports.get("annual_due_days", defaults.annual_due_days),
            final_due_days=reports.get("final_due_days", defaults.final_due_days),
            municipalities=municipalities,
            mentoring_forms=vocab.MENTORING_FORMS + extra_forms,
            reminders=dict(data.get("reminders", {})),
            mail=dict(data.get("mail", {})),
            approvals=tuple(dict(a) for a in data.get("approvals", [])),
            publish=PublishSettings.from_data(data.get("publish", {})),
        )
