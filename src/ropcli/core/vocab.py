"""Built-in vocabularies of the register.

They are data, not logic: `ropcli.yaml` may replace the municipalities and extend the
mentoring forms, so code asks `Settings` for them and only the defaults live here.
"""

from __future__ import annotations

EN_DASH = "\u2013"

MENTORING_FORMS: tuple[str, ...] = (
    # The federal target model (распоряжение Минпросвещения России от 25.12.2019 № Р-145).
    "ученик – ученик",
    "учитель – учитель",
    "студент – ученик",
    "студент – студент",
    "работодатель – ученик",
    "работодатель – студент",
    # Pedagogical mentoring (методические рекомендации Минпросвещения и Профсоюза, 2021).
    "педагог – педагог",
    "руководитель образовательной организации – педагог",
    "работодатель – студент педагогического вуза/колледжа",
    "педагог вуза/колледжа – молодой педагог образовательной организации",
)

URBAN_OKRUG = "urban_okrug"
MUNICIPAL_DISTRICT = "municipal_district"
MUNICIPAL_OKRUG = "municipal_okrug"

MUNICIPALITY_KINDS: dict[str, str] = {
    URBAN_OKRUG: "городской округ",
    MUNICIPAL_DISTRICT: "муниципальный район",
    MUNICIPAL_OKRUG: "муниципальный округ",
}

# Закон Курской области от 21.10.2004 № 48-ЗКО: 5 городских округов, 28 районов.
_CITIES = {
    "kursk": "город Курск",
    "zheleznogorsk": "город Железногорск",
    "kurchatov": "город Курчатов",
    "lgov": "город Льгов",
    "shchigry": "город Щигры",
}
_DISTRICTS = {
    "belovsky": "Беловский",
    "bolshesoldatsky": "Большесолдатский",
    "glushkovsky": "Глушковский",
    "gorshechensky": "Горшеченский",
    "dmitrievsky": "Дмитриевский",
    "zheleznogorsky": "Железногорский",
    "zolotukhinsky": "Золотухинский",
    "kastorensky": "Касторенский",
    "konyshevsky": "Конышевский",
    "korenevsky": "Кореневский",
    "kursky": "Курский",
    "kurchatovsky": "Курчатовский",
    "lgovsky": "Льговский",
    "manturovsky": "Мантуровский",
    "medvensky": "Медвенский",
    "oboyansky": "Обоянский",
    "oktyabrsky": "Октябрьский",
    "ponyrovsky": "Поныровский",
    "pristensky": "Пристенский",
    "rylsky": "Рыльский",
    "sovetsky": "Советский",
    "solntsevsky": "Солнцевский",
    "sudzhansky": "Суджанский",
    "timsky": "Тимский",
    "fatezhsky": "Фатежский",
    "khomutovsky": "Хомутовский",
    "cheremisinovsky": "Черемисиновский",
    "shchigrovsky": "Щигровский",
}

# id -> (name, kind)
MUNICIPALITIES: dict[str, tuple[str, str]] = {
    **{mid: (name, URBAN_OKRUG) for mid, name in _CITIES.items()},
    **{mid: (f"{name} район", MUNICIPAL_DISTRICT) for mid, name in _DISTRICTS.items()},
}

SITE_TYPES = {
    "school": "общеобразовательная организация",
    "additional_education": "организация дополнительного образования",
    "vocational": "профессиональная образовательная организация",
}

REVOCATION_REASONS = {
    # п. 6.9 (досрочное снятие), three grounds in the order the regulation lists them.
    "no_conditions": (
        "отсутствие необходимых нормативно-правовых, научно-методических, кадровых "
        "и материально-технических условий осуществления деятельности"
    ),
    "negative_effects": (
        "получение негативных эффектов, отражающихся на состоянии здоровья учащихся, "
        "качестве образования, профессиональной компетенции педагогических работников"
    ),
    "law_violation": (
        "нарушение при внедрении новшества образовательной организацией "
        "действующего законодательства"
    ),
}

REPORT_KINDS = {"annual": "ежегодный", "final": "итоговый", "interim": "промежуточный"}

ACTIVITY_KINDS = {
    "seminar": "семинар",
    "internship": "стажировка",
    "lecture": "лекция",
    "consultation": "консультация",
    "open_event": "открытое мероприятие",
    "other": "другое",
}

EXPERT_DECISIONS = {"approved": "положительное", "rejected": "отрицательное"}


def canonical_form(text: str) -> str:
    """The mentoring form as it would be written with spaced EN DASHes.

    «учитель-учитель», «учитель — учитель» and «учитель – учитель» all give the last one,
    so a message can name the canonical spelling of what the user meant.
    """
    for dash in ("\u2014", "\u2012", "\u2212", "-", EN_DASH):
        text = text.replace(dash, f" {EN_DASH} ")
    return " ".join(text.split())
