"""The built-in Word templates of the regulation's forms: the application (Приложение 1)
and the passport of the practice (its 12-row table). The application's list of materials
is `templates/application.wording.j2`, shared with the Markdown and HTML templates."""

from __future__ import annotations

from typing import Any

from .layouts import BLOCK_MM
from .primitives import CENTER, LEFT, grid_table, new_document, para, signature


def addressee(document: Any) -> None:
    """The application's addressee block: the regional mentoring centre, then a blank line."""
    para(
        document,
        "В региональный наставнический центр {{ regional_center.short_name }}",
        indent=False,
        align=LEFT,
        left_mm=BLOCK_MM,
    )
    para(document, indent=False)


def application() -> Any:
    document = new_document("Заявка на присвоение статуса")
    para(document, '{%p import "application.wording.j2" as w with context %}')
    para(document, "{%p set app = site.data.application %}")
    addressee(document)
    para(document, "Исх. № {{ app.outgoing_number }}", indent=False, align=LEFT)
    para(document, "Дата {{ app.date|ru_date }}", indent=False, align=LEFT)
    para(document, indent=False)
    para(document, "ЗАЯВКА", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    para(document, "Просим рассмотреть заявочные материалы", indent=False, align=LEFT)
    para(document, "{{ site.full_name }}", align=CENTER, indent=False)
    para(
        document,
        "(полное наименование образовательной организации — соискателя статуса)",
        align=CENTER,
        indent=False,
        italic=True,
        size=10,
    )
    para(
        document,
        "для присвоения статуса региональной опорной площадки наставничества.",
        indent=False,
        align=LEFT,
    )
    para(document, indent=False)
    para(document, "Перечень представляемых материалов:", indent=False, align=LEFT)
    para(document, "{%p for number, text in w.items %}")
    para(document, "{{ number }} {{ text }}")
    para(document, "{%p endfor %}")
    para(document, indent=False)
    para(document, indent=False)
    signature(
        document,
        "Руководитель ОО ({{ app.signed_by.position }})",
        "____________ /{{ app.signed_by.name|initials }}/",
        left_mm=80,
    )
    para(document, "М. П.", indent=False, align=LEFT)
    return document


def _items(expression: str, line: str = "– {{ item }}") -> list[str]:
    """Paragraphs of a list inside a table cell (docxtpl repeats the middle one)."""
    return [f"{{%p for item in {expression} %}}", line, "{%p endfor %}"]


def passport() -> Any:
    document = new_document("Паспорт практики наставничества")
    para(document, "{%p set p = site.data.passport %}")
    para(document, "Паспорт практики наставничества", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    rows: list[tuple[str, str, list[str]]] = [
        ("1", "Наименование практики наставничества (далее — практика)", ["{{ p.practice_name }}"]),
        ("2", "Образовательная организация, где реализовалась практика", ["{{ site.full_name }}"]),
        (
            "3",
            "Форма наставничества, в рамках которой реализована практика, целевая аудитория",
            [
                "{{ 'Форма' if p.forms|length == 1 else 'Формы' }} наставничества: "
                "{{ p.forms|join('; ') }}.",
                "Целевая аудитория: {{ p.target_audience }}",
            ],
        ),
        (
            "4",
            "Задачи целевой модели наставничества, на реализацию которых направлена практика",
            _items("p.model_tasks"),
        ),
        ("5", "Цель и задачи практики", ["Цель: {{ p.goal }}", "Задачи:", *_items("p.tasks")]),
        (
            "6",
            "Условия для внедрения практики (в т. ч. социальное партнёрство в системе "
            "наставничества ОО)",
            [
                "{{ p.conditions }}",
                "{%p if p.social_partners is defined %}",
                "Социальные партнёры:",
                *_items("p.social_partners"),
                "{%p endif %}",
            ],
        ),
        ("7", "Уникальность практики", ["{{ p.uniqueness }}"]),
        (
            "8",
            "Необходимые ресурсы (финансовые, кадровые, материально-технические, методические "
            "и др.) для реализации практики",
            _items("resources", "{{ item[0]|capitalize }}: {{ item[1] }}"),
        ),
        (
            "9",
            "Технология реализации практики: этапы, основные мероприятия, методики, "
            "педагогический и методический инструментарий в рамках каждого из этапов",
            _items(
                "p.technology",
                "{{ loop.index }}. {{ item.stage }}. Основные мероприятия: "
                "{{ item.activities|join('; ') }}. Методики и инструментарий: "
                "{{ item.methods|join('; ') }}.",
            ),
        ),
        (
            "10",
            "Результаты и эффекты практики — изменения, которые влечёт за собой реализация "
            "практики",
            ["{{ p.results }}"],
        ),
        ("11", "Риски", _items("p.risks")),
        (
            "12",
            "Контакты лица, ответственного за взаимодействие по вопросам реализации практики",
            [
                "{{ p.contact.name }}, {{ p.contact.position }}",
                "телефон: {{ p.contact.phone }}, электронная почта: {{ p.contact.email }}",
            ],
        ),
    ]
    grid_table(document, rows)
    return document
