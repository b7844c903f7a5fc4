"""The built-in Word templates of the three order drafts (`docx_forms`: the others).

The words of an order are in `templates/<name>.wording.j2`, shared with its Markdown and
HTML templates; here is only the layout.
Jinja tags here are docxtpl's: `{%p … %}` stands for a whole paragraph, `{%tr … %}` for a whole
table row (see `docx_build.loop_table`).
"""

from __future__ import annotations

from typing import Any

from .primitives import (
    CENTER,
    LEFT,
    RIGHT,
    loop_table,
    new_document,
    para,
    signature,
    tabbed,
)

BLOCK_MM = 85  # where the right-hand blocks (addressee, appendix mark) begin


def order_document(name: str, title: str) -> Any:
    """Everything but the appendix table; the words come from `<name>.wording.j2`."""
    document = new_document(title)
    para(document, f'{{%p import "{name}.wording.j2" as w with context %}}')
    para(document, "Проект", align=RIGHT, indent=False, italic=True, size=12)
    para(document, "{{ authority.name_upper }}", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    para(document, "ПРИКАЗ", align=CENTER, indent=False, bold=True, size=16)
    para(document, indent=False)
    tabbed(document, "от {{ order|order_day }}", "№ {{ order|order_no }}")
    para(document, "г. Курск", align=CENTER, indent=False)
    para(document, indent=False)
    para(document, "{{ w.heading }}", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    para(document, "{{ w.preamble }}")
    para(document, "ПРИКАЗЫВАЮ:", indent=False, align=LEFT, spaced=True, keep_next=True)
    para(document, "{%p for point in w.points %}")
    para(document, "{{ loop.index }}. {{ point }}")
    para(document, "{%p endfor %}")
    para(document, indent=False)
    para(document, indent=False)
    signature(document, "{{ authority.signatory_position }}", "{{ authority.signatory_name }}")
    para(document, "Приложение", indent=False, align=LEFT, left_mm=BLOCK_MM, page_break=True)
    para(
        document,
        "к приказу{% if authority.name_genitive %} {{ authority.name_genitive }}{% endif %}",
        indent=False,
        align=LEFT,
        left_mm=BLOCK_MM,
    )
    para(document, "{{ order|order_ref }}", indent=False, align=LEFT, left_mm=BLOCK_MM)
    para(document, indent=False)
    para(document, "{{ w.appendix_title }}", align=CENTER, indent=False, bold=True, keep_next=True)
    para(document, indent=False)
    return document


ORGANIZATION = "{{ row.site.full_name }} ({{ row.site.short_name }})"


def order_assign() -> Any:
    document = order_document("order-assign", "Проект приказа о присвоении статуса")
    loop_table(
        document,
        [
            "№ п/п",
            "Образовательная организация",
            "Муниципальное образование",
            "Практика наставничества",
            "Срок статуса",
        ],
        [
            "{{ loop.index }}",
            ORGANIZATION,
            "{{ row.site.municipality }}",
            "{{ row.practice }}",
            "{{ row.term|term }}",
        ],
        [12, 46, 36, 38, 33],
        "rows",
    )
    return document


def order_extend() -> Any:
    document = order_document("order-extend", "Проект приказа о продлении статуса")
    loop_table(
        document,
        [
            "№ п/п",
            "Образовательная организация",
            "Муниципальное образование",
            "Актуальное новшество (заявка о продлении)",
            "Текущий срок",
            "Срок продления",
        ],
        [
            "{{ loop.index }}",
            ORGANIZATION,
            "{{ row.site.municipality }}",
            "{{ row.innovation }} (заявка от {{ row.request_date|ru_date }})",
            "{{ row.current|term }}, приказ от {{ row.current.order_date|ru_date }} "
            "№ {{ row.current.order_number }}",
            "{{ row.term|term }}",
        ],
        [12, 36, 36, 31, 25, 25],
        "rows",
    )
    return document


def order_revoke() -> Any:
    document = order_document("order-revoke", "Проект приказа о досрочном снятии статуса")
    loop_table(
        document,
        [
            "№ п/п",
            "Образовательная организация",
            "Муниципальное образование",
            "Статус присвоен",
            "Основание (пункт 6.9 Положения)",
            "Статус снимается",
        ],
        [
            "{{ loop.index }}",
            ORGANIZATION,
            "{{ row.site.municipality }}",
            "{% if row.term %}приказом от {{ row.term.order_date|ru_date }} "
            "№ {{ row.term.order_number }} на срок {{ row.term|term }}{% else %}—{% endif %}",
            "{{ row.reason }}{% if not agreement %}; согласовано Экспертной комиссией Курской "
            "области {{ row.agreed_commission|ru_date }}, региональным наставническим центром "
            "{{ row.agreed_center|ru_date }}{% endif %}",
            "{% if row.effective %}с {{ row.effective|ru_date }}{% else %}со дня издания приказа"
            "{% endif %}",
        ],
        [12, 34, 36, 30, 31, 22],
        "rows",
    )
    return document
