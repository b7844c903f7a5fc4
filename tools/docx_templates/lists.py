"""The built-in Word templates of the report reminder and the register list (their words
are those of `report-reminder.md.j2` and `registry-list.md.j2`)."""

from __future__ import annotations

from typing import Any

from .layouts import BLOCK_MM
from .primitives import CENTER, LEFT, TEXT_WIDTH_MM, loop_table, new_document, para, signature

MISSING = '{%p if owed|selectattr("state", "equalto", "missing")|list %}'
LATE = '{%p if owed|selectattr("state", "equalto", "late")|list %}'


def report_reminder() -> Any:
    document = new_document("Письмо об отчётах региональной опорной площадки наставничества")
    for line in ("{{ regional_center.name }}", "Региональный наставнический центр"):
        para(document, line, indent=False, align=LEFT)
    para(document, "{{ regional_center.address }}", indent=False, align=LEFT)
    para(document, indent=False)
    para(document, "{{ on|ru_date }} № ____", indent=False, align=LEFT)
    para(document, indent=False)
    para(document, "{%p for line in site.head|addressee(site.short_name) %}")
    para(document, "{{ line }}", indent=False, align=LEFT, left_mm=BLOCK_MM)
    para(document, "{%p endfor %}")
    para(document, indent=False)
    para(
        document,
        "О представлении отчётов региональной опорной площадки наставничества",
        align=CENTER,
        indent=False,
        bold=True,
    )
    para(document, indent=False)
    para(document, "{{ site.head.name|salutation }}", align=CENTER, indent=False)
    para(
        document,
        "В соответствии с пунктами 4.2.5 и 5.3 Положения о региональной опорной площадке "
        "наставничества руководитель образовательной организации, являющейся региональной "
        "опорной площадкой наставничества, представляет в региональный наставнический центр "
        "ежегодный отчёт о деятельности, согласованный с муниципальным координатором "
        "наставничества, — в течение {{ settings.annual_due_days|days_within }} после окончания "
        "каждого года срока статуса, и итоговый отчёт — в течение "
        "{{ settings.final_due_days|days_within }} после окончания срока статуса.",
    )
    para(
        document, "По данным реестра на {{ on|ru_date }}, по {{ site.short_name }}:", keep_next=True
    )
    loop_table(
        document,
        ["№", "Отчёт", "Отчётный период", "Срок представления", "Представлен", "Состояние"],
        [
            "{{ loop.index }}",
            "{{ row.subject }}",
            "с {{ row.period_start|short_date }} по {{ row.period_end|short_date }}",
            "{{ row.due|short_date }}",
            '{{ row.submitted|short_date if row.submitted else "нет" }}',
            "{{ row.state_label }}",
        ],
        [10, 45, 37, 25, 25, TEXT_WIDTH_MM - 142],
        "rows",
    )
    para(document, MISSING)
    para(
        document,
        "Просим представить несданные отчёты в региональный наставнический центр в кратчайший "
        "срок.",
    )
    para(document, "{%p endif %}")
    para(document, LATE)
    para(
        document,
        "Обращаем внимание на соблюдение сроков представления отчётов: отчёты, представленные "
        "с опозданием, отмечены в таблице.",
    )
    para(document, "{%p endif %}")
    para(document, "{%p if unagreed %}")
    para(
        document,
        "Отчёты, не согласованные с муниципальным координатором наставничества (пункт 5.3 "
        "Положения), просим согласовать и сообщить в региональный наставнический центр дату "
        "согласования.",
    )
    para(document, "{%p endif %}")
    para(document, indent=False)
    signature(
        document,
        "{{ regional_center.signatory_position }}",
        "{{ regional_center.signatory_name }}",
    )
    return document


def registry_list() -> Any:
    document = new_document("Реестр региональных опорных площадок наставничества")
    para(
        document,
        "Реестр региональных опорных площадок наставничества",
        align=CENTER,
        indent=False,
        bold=True,
    )
    para(
        document,
        "{{ settings.region }}. По состоянию на {{ on|ru_date }}",
        align=CENTER,
        indent=False,
    )
    para(document, indent=False)
    loop_table(
        document,
        [
            "№",
            "Образовательная организация",
            "Муниципальное образование",
            "Состояние",
            "Срок статуса",
            "Приказ",
        ],
        [
            "{{ loop.index }}",
            "{{ row.site.short_name }}",
            "{{ row.site.municipality }}",
            "{{ row.state_label }}",
            "{% if row.term %}{{ row.term.number }}-й: {{ row.term.start|short_date }} – "
            "{{ row.term.end|short_date }}{% if row.revoked_from %}, снят с "
            "{{ row.revoked_from|short_date }}{% endif %}{% else %}—{% endif %}",
            "{% if row.term %}от {{ row.term.order_date|short_date }} "
            "№ {{ row.term.order_number }}{% else %}—{% endif %}",
        ],
        [10, 44, 36, 25, 25, TEXT_WIDTH_MM - 140],
        "rows",
    )
    para(document, indent=False)
    para(
        document,
        "Всего площадок — {{ rows|length }}: {% for label, count in counts %}{{ label }} — "
        "{{ count }}{% if not loop.last %}, {% endif %}{% endfor %}.",
        indent=False,
        align=LEFT,
    )
    return document
