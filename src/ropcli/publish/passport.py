"""The passport of a practice as the twelve numbered lines of the regulation's form, for the
site page: each line a title and a list of parts (a paragraph, a list, a stage).

Contact phone and e-mail (line 12) are personal data: they appear only when the registry
publishes contacts (`publish: {contacts: true}`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RESOURCE_LABELS = (
    ("financial", "Финансовые"),
    ("staffing", "Кадровые"),
    ("material", "Материально-технические"),
    ("methodological", "Методические"),
)


@dataclass(frozen=True)
class Part:
    """A paragraph (`text`), a list (`items`), or both under a `label`."""

    label: str = ""
    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    number: int
    title: str
    parts: list[Part]


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _items(value: Any) -> list[str]:
    return [_text(v) for v in value or []]


def _contact(contact: Mapping[str, Any], contacts: bool) -> list[Part]:
    parts = [
        Part(text=", ".join(_text(contact[k]) for k in ("name", "position") if contact.get(k)))
    ]
    if contacts:
        if contact.get("phone"):
            parts.append(Part("Телефон", _text(contact["phone"])))
        if contact.get("email"):
            parts.append(Part("E-mail", _text(contact["email"])))
    return parts


def rows(data: Mapping[str, Any], *, contacts: bool) -> list[Line]:
    passport = data.get("passport") or {}
    organization = data.get("organization") or {}
    resources = passport.get("resources") or {}
    technology = [
        Part(
            _text(stage.get("stage")),
            "Методики: " + "; ".join(_items(stage.get("methods"))),
            _items(stage.get("activities")),
        )
        for stage in passport.get("technology") or []
    ]
    lines = [
        (1, "Наименование практики", [Part(text=_text(passport.get("practice_name")))]),
        (2, "Организация", [Part(text=_text(organization.get("full_name")))]),
        (
            3,
            "Формы наставничества и целевая аудитория",
            [
                Part("Формы", items=_items(passport.get("forms"))),
                Part("Целевая аудитория", _text(passport.get("target_audience"))),
            ],
        ),
        (
            4,
            "Задачи целевой модели наставничества",
            [Part(items=_items(passport.get("model_tasks")))],
        ),
        (
            5,
            "Цель и задачи практики",
            [
                Part("Цель", _text(passport.get("goal"))),
                Part("Задачи", items=_items(passport.get("tasks"))),
            ],
        ),
        (
            6,
            "Условия внедрения и социальное партнёрство",
            [
                Part(text=_text(passport.get("conditions"))),
                Part("Социальные партнёры", items=_items(passport.get("social_partners"))),
            ],
        ),
        (7, "Уникальность практики", [Part(text=_text(passport.get("uniqueness")))]),
        (
            8,
            "Необходимые ресурсы",
            [
                Part(label, _text(resources[key]))
                for key, label in RESOURCE_LABELS
                if key in resources
            ],
        ),
        (9, "Технология реализации", technology),
        (10, "Результаты и эффекты", [Part(text=_text(passport.get("results")))]),
        (11, "Риски и меры по их снижению", [Part(items=_items(passport.get("risks")))]),
        (12, "Контактное лицо", _contact(passport.get("contact") or {}, contacts)),
    ]
    return [Line(n, title, [p for p in parts if p.text or p.items]) for n, title, parts in lines]
