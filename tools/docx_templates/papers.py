"""The built-in Word templates of the paperwork around an order: the extract, the status
notice and the approval sheet. Their words are the same as in the Markdown and HTML
templates (the extract's come from the order's `<name>.wording.j2`)."""

from __future__ import annotations

from typing import Any

from .layouts import BLOCK_MM
from .primitives import (
    CENTER,
    LEFT,
    TEXT_WIDTH_MM,
    loop_table,
    new_document,
    para,
    signature,
)

OWNER = "{{ authority.name_genitive or authority.name }}"
WHAT = (
    '{% if event == "assigned" %}О присвоении статуса{% elif event == "extended" %}О продлении '
    "статуса{% else %}О досрочном снятии статуса{% endif %} региональной опорной площадки "
    "наставничества"
)


def order_extract() -> Any:
    document = new_document("Выписка из приказа")
    para(document, "{%p import wording as w with context %}")
    para(document, '{%p import "order-extract.wording.j2" as x with context %}')
    para(document, "ВЫПИСКА", align=CENTER, indent=False, bold=True)
    para(document, f"из приказа {OWNER}", align=CENTER, indent=False)
    para(document, "{{ order|order_ref }}", align=CENTER, indent=False)
    para(document, indent=False)
    para(document, "{{ w.heading }}", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    para(document, "{{ w.preamble }}")
    para(document, "ПРИКАЗЫВАЮ:", indent=False, align=LEFT, spaced=True, keep_next=True)
    para(document, "{%p for point in w.points[:-1] %}")
    para(document, "{{ loop.index }}. {{ point }}")
    para(document, "{%p endfor %}")
    para(document, indent=False)
    signature(document, "{{ authority.signatory_position }}", "{{ authority.signatory_name }}")
    para(document, indent=False)
    for line in (
        "Приложение",
        "к приказу{% if authority.name_genitive %} {{ authority.name_genitive }}{% endif %}",
        "{{ order|order_ref }}",
    ):
        para(document, line, indent=False, align=LEFT, left_mm=BLOCK_MM)
    para(document, indent=False)
    para(
        document,
        "{{ w.appendix_title }} (извлечение)",
        align=CENTER,
        indent=False,
        bold=True,
        keep_next=True,
    )
    loop_table(
        document,
        ["Графа приложения", "Содержание"],
        ["{{ h }}", "{{ x.cells[loop.index0] }}"],
        [55, TEXT_WIDTH_MM - 55],
        "x.headers",
        item="h",
    )
    para(document, indent=False)
    for line in ("Верно:", "{{ certifier.position }}", "{{ certifier.name }}", "{{ on|ru_date }}"):
        para(document, line, indent=False, align=LEFT)
    return document


def status_notice() -> Any:
    document = new_document("Письмо о статусе площадки")
    para(document, "{{ authority.name }}", indent=False, align=LEFT)
    para(document, "{{ on|ru_date }} № ____", indent=False, align=LEFT)
    para(document, indent=False)
    para(document, "{%p for line in site.head|addressee(site.short_name) %}")
    para(document, "{{ line }}", indent=False, align=LEFT, left_mm=BLOCK_MM)
    para(document, "{%p endfor %}")
    para(document, indent=False)
    para(document, WHAT, align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    para(document, "{{ site.head.name|salutation }}", align=CENTER, indent=False)
    para(document, '{%p if event == "assigned" %}')
    para(
        document,
        "Сообщаем, что образовательной организации {{ site.short_name }} присвоен статус "
        "региональной опорной площадки наставничества на срок {{ term|term }} приказом "
        f"{OWNER} {{{{ order|order_ref }}}}.",
    )
    para(document, '{%p elif event == "extended" %}')
    para(
        document,
        "Сообщаем, что статус региональной опорной площадки наставничества образовательной "
        "организации {{ site.short_name }} продлён на срок {{ term|term }} приказом "
        f"{OWNER} {{{{ order|order_ref }}}}.",
    )
    para(document, "{%p else %}")
    para(
        document,
        "Сообщаем, что с образовательной организации {{ site.short_name }} досрочно снят статус "
        "региональной опорной площадки наставничества с {{ revoked_from|ru_date }} приказом "
        f"{OWNER} {{{{ order|order_ref }}}}. Основание (пункт 6.9 Положения о региональной "
        "опорной площадке наставничества): {{ reason }}.",
    )
    para(document, "{%p endif %}")
    para(document, "{%p if reports %}")
    para(
        document,
        '{% if event == "revoked" %}Отчёты за периоды, окончившиеся до снятия статуса, остаются '
        "обязательными{% else %}По данным реестра на {{ on|ru_date }} образовательная "
        "организация должна представить в региональный наставнический центр "
        "({{ regional_center.name }}) отчёты (пункты 4.2.5 и 5.3 Положения){% endif %}:",
        keep_next=True,
    )
    loop_table(
        document,
        ["№", "Отчёт", "Отчётный период", "Срок представления", "Состояние"],
        [
            "{{ loop.index }}",
            "{{ r.subject }}",
            "с {{ r.period_start|short_date }} по {{ r.period_end|short_date }}",
            "{{ r.due|short_date }}",
            "{{ r.state_label }}",
        ],
        [10, 55, 45, 30, TEXT_WIDTH_MM - 140],
        "reports",
        item="r",
    )
    para(document, "{%p else %}")
    para(
        document,
        "Отчётов, которые образовательная организация должна представить, по данным реестра нет.",
    )
    para(document, "{%p endif %}")
    para(document, indent=False)
    signature(document, "{{ authority.signatory_position }}", "{{ authority.signatory_name }}")
    return document


def approval_sheet() -> Any:
    document = new_document("Лист согласования проекта приказа")
    para(document, "{%p import wording as w with context %}")
    para(document, "ЛИСТ СОГЛАСОВАНИЯ", align=CENTER, indent=False, bold=True)
    para(document, f"проекта приказа {OWNER}", align=CENTER, indent=False)
    para(document, "«{{ w.heading }}»", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    para(
        document,
        "Образовательные организации, указанные в приложении к проекту: {% for site in rows %}"
        "{{ site.short_name }}{% if not loop.last %}; {% endif %}{% endfor %}.",
    )
    para(document, indent=False)
    loop_table(
        document,
        ["№", "Должность", "Фамилия, инициалы", "Дата", "Подпись", "Замечания"],
        ["{{ loop.index }}", "{{ a.position }}", "{{ a.name }}", "", "", ""],
        [10, 55, 32, 22, 25, TEXT_WIDTH_MM - 144],
        "approvals",
        item="a",
    )
    para(document, indent=False)
    para(document, "Проект подготовлен {{ on|ru_date }}", indent=False, align=LEFT)
    para(
        document,
        "{{ regional_center.name }} (региональный наставнический центр)",
        indent=False,
        align=LEFT,
    )
    return document
