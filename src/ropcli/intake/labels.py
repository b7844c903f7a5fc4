"""Which field of the site file a label names, by meaning: the words that matter, in any
case, with ё as е, punctuation and numbering («1.», «2)», «1.1») ignored, extra words
allowed. The rules are tried in order, the more specific first.

A target is a dotted path of the site file (`organization.inn`), or one of the rows that
carry several fields (`row3`: forms and audience; `row5`: goal and tasks; `row6`:
conditions and partners; `row8`: resources; `row12`: the contact), or a document of the
application (`doc:implementation_order`, the whole reference «приказ от … № …, ссылка»,
or `doc:implementation_order.date` and the like for one of its parts).
"""

from __future__ import annotations

import re

DOCUMENTS = (
    # (key, words that name it) — the teachers' own regulation before the general one.
    (
        "teachers_regulation",
        r"(?<!систем[аеуы] )(?<!системе )\bположени\w* о педагогическ|отдельн\w* положени"
        r"|педагогическ\w* наставничеств\w* оформлен",
    ),
    ("implementation_order", r"внедрени\w* (систем|целев|наставнич)|о внедрении"),
    ("mentoring_regulation", r"положени\w* о систем|\bположени"),
    ("teacher_pairs_order", r"закреплени\w* пар|\bпар[ыа]?\b|наставник наставляем"),
    ("participant_bases_order", r"\bбаз(ах|ы|е|а)?\b"),
    ("mentoring_program", r"\bпрограмм"),
)
PARTS = (
    ("teachers_included", r"\bвключает|\bвключено|\bохватывает"),
    ("school_year", r"учебн\w* год"),
    ("url", r"ссылк|\bадрес|\burl\b|\bсайт"),
    ("number", r"\bномер|№|\bn\b"),
    ("date", r"\bдат[аыу]\b|\bутвержден|\bподписан"),
    ("title", r"\bназвани|\bнаименовани"),
)
PERSON = (("name", r"\bфио\b|фамили|\bимя\b"), ("position", r"должност"))
CONTACT = (*PERSON, ("phone", r"телефон"), ("email", r"почт|e ?mail|email"))

RULES: tuple[tuple[str, str], ...] = (
    ("application.outgoing_number", r"^исх|исходящ"),
    ("application.date", r"^дата( заявки| письма)?$|^дата\b.*\b(заявк|письм)"),
    ("application.mentoring_page", r"вкладк|страниц\w* наставничеств|раздел\w* наставничеств"),
    ("practice", r"паспорт\w* (лучшей )?практик"),
    ("row3", r"форм\w* наставничеств.*целев\w* аудитор|целев\w* аудитор.*форм\w* наставнич"),
    ("passport.target_audience", r"целев\w* аудитор"),
    ("passport.forms", r"^форм[аы]\b|форм\w* наставничеств"),
    ("passport.model_tasks", r"задач\w* целев|целев\w* модел\w* наставничеств\w*.*задач"),
    ("row5", r"\bцель\b.*\bзадач|\bзадач.*\bцель\b"),
    ("passport.goal", r"\bцель\b"),
    ("passport.tasks", r"\bзадач"),
    ("row6", r"услови.*партнер"),
    ("passport.social_partners", r"партнер"),
    ("passport.conditions", r"\bуслови"),
    ("passport.uniqueness", r"уникальн"),
    ("passport.technology", r"технологи|\bэтап"),
    ("row8", r"ресурс.*(финансов.*кадров|кадров.*финансов)"),
    ("passport.resources.financial", r"финансов"),
    ("passport.resources.staffing", r"кадров"),
    ("passport.resources.material", r"материальн"),
    ("passport.resources.methodological", r"методическ"),
    ("passport.results", r"результат|эффект"),
    ("passport.risks", r"\bриск"),
    ("contact", r"контакт|ответственн\w* за взаимодейств"),
    ("passport.practice_name", r"(наименовани|названи)\w* практик|^практика$"),
    (
        "organization.full_name",
        r"организаци\w* где реализ|полн\w* наименовани"
        r"|^наименовани\w* (образовательн\w* )?(организаци|учреждени)",
    ),
    ("organization.short_name", r"сокращ\w* наименовани|кратк\w* наименовани"),
    ("organization.type", r"\bтип\b|\bвид\w* организаци"),
    ("organization.inn", r"\bинн\b"),
    ("organization.ogrn", r"\bогрн\b"),
    ("organization.municipality", r"муниципал|\bрайон\b|городск\w* округ"),
    ("signed", r"подписа|руководител\w* оо\b"),
    ("organization.head", r"руководител|директор"),
    ("passport.contact.email", r"электронн\w* почт|\be ?mail\b"),
    ("passport.contact.phone", r"\bтелефон"),
    ("organization.website", r"\bсайт"),
    ("organization.address", r"\bадрес"),
)
_COMPILED = tuple((target, re.compile(words)) for target, words in RULES)
_DOCUMENTS = tuple((key, re.compile(words)) for key, words in DOCUMENTS)
_PARTS = tuple((key, re.compile(words)) for key, words in PARTS)
_GENERAL = re.compile(r"положени\w* о систем")
_YEAR_PHRASE = re.compile(r"\bна (текущ\w* |[0-9]{4} [0-9]{2,4} )?учебн\w* год\w*")
_NUMBERING = re.compile(r"^(?:[0-9]+|[ivx]+)(?:[.,)][0-9]+)*[.,)]?\s+")


def normalized(label: str) -> str:
    """Lower case, ё as е, words only (punctuation as spaces), numbering dropped."""
    text = label.casefold().replace("ё", "е").replace("\u00a0", " ")
    text = _NUMBERING.sub("", text.strip())
    text = re.sub(r"[^\w№]+", " ", text)
    return " ".join(text.split())


def _part(text: str, parts: tuple[tuple[str, str], ...]) -> str | None:
    for key, words in parts:
        if re.search(words, text):
            return key
    return None


def classify(label: str) -> str | None:
    """The target `label` names, or None when it names nothing the site file holds."""
    text = normalized(label)
    if not text:
        return None
    if not re.search(r"паспорт|\bцель\b|задач|услови|ресурс|технолог|контакт|практик", text):
        for key, words in _DOCUMENTS:
            if words.search(text):
                if key == "teachers_regulation" and _GENERAL.search(text):
                    continue  # 1.2 of the form: «о системе … (может быть в отдельном)»
                part = _part(_YEAR_PHRASE.sub(" ", text), PARTS)
                return f"doc:{key}.{part}" if part else f"doc:{key}"
    for target, words in _COMPILED:
        if words.search(text):
            if target == "contact":
                part = _part(text, CONTACT)
                return f"passport.contact.{part}" if part else "row12"
            if target in ("signed", "organization.head"):
                part = _part(text, PERSON)
                base = "application.signed_by" if target == "signed" else target
                return f"{base}.{part}" if part else target
            return target
    return None
