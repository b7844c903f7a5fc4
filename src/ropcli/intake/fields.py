"""The Russian names of the fields `ropcli import` fills, for what it prints: «ИНН»,
«1.1 приказ о внедрении — дата» (the titles of docs/format.md, shortened)."""

from __future__ import annotations

DOCS = {
    "implementation_order": "1.1 приказ о внедрении наставничества",
    "mentoring_regulation": "1.2 положение о системе наставничества",
    "teachers_regulation": "1.2 положение о педагогическом наставничестве",
    "teacher_pairs_order": "1.3 приказ о закреплении пар",
    "participant_bases_order": "1.4 приказ о базах наставников и наставляемых",
    "mentoring_program": "1.5 программа наставничества",
}
PARTS = {
    "number": "номер",
    "date": "дата",
    "url": "ссылка",
    "school_year": "учебный год",
    "title": "название",
    "teachers_included": "включает педагогическое наставничество",
}
NAMES = {
    "organization.full_name": "полное наименование организации",
    "organization.short_name": "сокращённое наименование",
    "organization.type": "тип организации",
    "organization.inn": "ИНН",
    "organization.ogrn": "ОГРН",
    "organization.municipality": "муниципальное образование",
    "organization.address": "почтовый адрес",
    "organization.website": "официальный сайт",
    "organization.head.name": "руководитель — ФИО",
    "organization.head.position": "руководитель — должность",
    "application.outgoing_number": "исходящий номер заявки",
    "application.date": "дата заявки",
    "application.mentoring_page": "ссылка на вкладку «Наставничество»",
    "application.signed_by.name": "заявку подписал — ФИО",
    "application.signed_by.position": "заявку подписал — должность",
    "passport.practice_name": "паспорт, строка 1: наименование практики",
    "passport.forms": "паспорт, строка 3: формы наставничества",
    "passport.target_audience": "паспорт, строка 3: целевая аудитория",
    "passport.model_tasks": "паспорт, строка 4: задачи целевой модели",
    "passport.goal": "паспорт, строка 5: цель практики",
    "passport.tasks": "паспорт, строка 5: задачи практики",
    "passport.conditions": "паспорт, строка 6: условия внедрения",
    "passport.social_partners": "паспорт, строка 6: социальные партнёры",
    "passport.uniqueness": "паспорт, строка 7: уникальность",
    "passport.resources": "паспорт, строка 8: ресурсы",
    "passport.resources.financial": "паспорт, строка 8: финансовые ресурсы",
    "passport.resources.staffing": "паспорт, строка 8: кадровые ресурсы",
    "passport.resources.material": "паспорт, строка 8: материально-технические ресурсы",
    "passport.resources.methodological": "паспорт, строка 8: методические ресурсы",
    "passport.technology": "паспорт, строка 9: технология (этапы)",
    "passport.results": "паспорт, строка 10: результаты и эффекты",
    "passport.risks": "паспорт, строка 11: риски",
    "passport.contact": "паспорт, строка 12: контакты",
    "passport.contact.name": "паспорт, строка 12: контактное лицо — ФИО",
    "passport.contact.position": "паспорт, строка 12: контактное лицо — должность",
    "passport.contact.phone": "паспорт, строка 12: телефон",
    "passport.contact.email": "паспорт, строка 12: электронная почта",
}


def name_of(path: tuple[str | int, ...]) -> str:
    """The Russian name of a field path; list positions and unknown paths by their keys."""
    keys = [str(k) for k in path if not isinstance(k, int) and not str(k).isdigit()]
    if len(keys) >= 3 and keys[:2] == ["application", "documents"] and keys[2] in DOCS:
        part = PARTS.get(keys[3], keys[3]) if len(keys) > 3 else ""
        return f"{DOCS[keys[2]]}{' — ' + part if part else ''}"
    while keys:
        dotted = ".".join(keys)
        if dotted in NAMES:
            return NAMES[dotted]
        keys.pop()
    return ".".join(str(k) for k in path)
