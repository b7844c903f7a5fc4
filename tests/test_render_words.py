"""The Russian words of documents (`ropcli.documents.words`) and the Markdown escape."""

from __future__ import annotations

from datetime import date

import pytest

from ropcli.documents import words
from ropcli.documents.environment import md_escape


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Воронцова Елена Николаевна", "Е. Н. Воронцова"),
        ("Гуляев Андрей", "А. Гуляев"),
        ("А. В. Светлова", "А. В. Светлова"),
        ("Светлова", "Светлова"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert words.initials(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Воронцова Елена Николаевна", "Уважаемая Елена Николаевна!"),
        ("Гуляев Андрей Викторович", "Уважаемый Андрей Викторович!"),
        ("Мамедов Эльдар Рашид оглы", "Уважаемый руководитель!"),
        ("Smith John", "Уважаемый руководитель!"),
    ],
)
def test_salutation(name: str, expected: str) -> None:
    assert words.salutation(name) == expected


def test_counts_and_terms() -> None:
    assert [words.years_word(n) for n in (1, 2, 3, 5, 11, 21)] == [
        "1 год", "2 года", "3 года", "5 лет", "11 лет", "21 год",
    ]  # fmt: skip
    assert words.days_within(30) == "30 календарных дней"
    assert words.days_within(21) == "21 календарного дня"
    assert (
        words.term_text(date(2024, 2, 29), "2027-02-28")
        == "с 29 февраля 2024 г. по 28 февраля 2027 г."
    )
    assert words.term_text(None, None, 3) == "3 года со дня издания приказа"
    assert words.order_ref(None, None) == "от ____ № ____"
    assert words.order_ref("1-5", date(2025, 6, 2)) == "от 2 июня 2025 г. № 1-5"
    assert words.doc_ref({"date": "2021-08-30"}) == "от 30 августа 2021 г."


def test_genitive_of_head_word() -> None:
    assert words.genitive("Министерство образования и науки Курской области") == (
        "Министерства образования и науки Курской области"
    )
    assert words.genitive("комитет образования и науки Курской области") == (
        "комитета образования и науки Курской области"
    )
    assert words.genitive("Положение о региональной опорной площадке наставничества") == (
        "Положения о региональной опорной площадке наставничества"
    )
    assert words.genitive("Агентство по делам молодёжи") is None


def test_md_escape() -> None:
    assert (
        md_escape("a|b *c* _d_ [e] <f> `g` \\h")
        == "a\\|b \\*c\\* \\_d\\_ \\[e\\] \\<f\\> \\`g\\` \\\\h"
    )
    assert md_escape("две\n  строки") == "две строки"
    assert md_escape("«ООО „Ромашка“» & Ко") == "«ООО „Ромашка“» & Ко"
