"""Word files for the `ropcli import` tests: the register's documents rendered from the
sample, the blank forms filled in with python-docx as a school would, and a Word file made
by hand with other wording, numbering and merged cells."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx import Document

from ropcli.intake.labels import classify
from tests.cli_support import _inn, _ogrn, invoke

# What a school writes into the blank forms, by the field each row names.
SCHOOL = {
    "application.outgoing_number": "№ 01-12/345",
    "application.date": "«14» апреля 2024 года",
    "organization.full_name": "Муниципальное бюджетное общеобразовательное учреждение "
    "«Средняя общеобразовательная школа № 7» города Курска",
    "organization.short_name": "МБОУ «СОШ № 7»",
    "organization.type": "Школа",
    "organization.inn": " ".join([_inn(77)[:4], _inn(77)[4:]]),
    "organization.ogrn": _ogrn(77)[:3] + " " + _ogrn(77)[3:],
    "organization.municipality": "Курский район",
    "organization.address": "305000, г. Курск, ул. Примерная, д. 1",
    "organization.website": "https://sosh7.example.ru.",
    "organization.head.name": "Иванова Мария Петровна",
    "organization.head.position": "директор",
    "application.mentoring_page": "https://sosh7.example.ru/nastavnichestvo/",
    "doc:implementation_order.number": "112-о",
    "doc:implementation_order.date": "01.09.2021",
    "doc:implementation_order.url": "https://sosh7.example.ru/docs/prikaz-112.pdf;",
    "doc:mentoring_regulation.number": "113-о",
    "doc:mentoring_regulation.date": "1 сентября 2021 г.",
    "doc:mentoring_regulation.url": "https://sosh7.example.ru/docs/polozhenie.pdf",
    "doc:mentoring_regulation.teachers_included": "нет",
    "doc:teachers_regulation.number": "114",
    "doc:teachers_regulation.date": "2021-09-02",
    "doc:teachers_regulation.url": "https://sosh7.example.ru/docs/ped.pdf",
    "doc:teacher_pairs_order.number": "201",
    "doc:teacher_pairs_order.date": "04.09.2023",
    "doc:teacher_pairs_order.url": "https://sosh7.example.ru/docs/prikaz-201.pdf",
    "doc:teacher_pairs_order.school_year": "2023-2024",
    "doc:participant_bases_order.number": "202",
    "doc:participant_bases_order.date": "4 сентября 2023 г.",
    "doc:participant_bases_order.url": "https://sosh7.example.ru/docs/prikaz-202.pdf",
    "doc:participant_bases_order.school_year": "2023/24",
    "doc:mentoring_program.title": "Программа наставничества «Вместе» на 2023/2024 учебный год",
    "doc:mentoring_program.date": "30.08.2023",
    "doc:mentoring_program.url": "https://sosh7.example.ru/docs/programma.pdf",
    "doc:mentoring_program.school_year": "2023/2024",
    "practice": "«Шаг навстречу»",
    "application.signed_by.name": "Иванова Мария Петровна",
    "application.signed_by.position": "директор",
    "passport.practice_name": "«Шаг навстречу»",
    "passport.forms": "учитель-учитель\nпедагог — педагог",
    "passport.target_audience": "молодые педагоги со стажем до 3 лет",
    "passport.model_tasks": "1. поддержка молодых педагогов;\n2. рост мастерства.",
    "passport.goal": "Закрепить молодых педагогов в школе.",
    "passport.tasks": "• сформировать пары\n• провести стажировки",
    "passport.conditions": "Методический кабинет, 12 наставников.",
    "passport.social_partners": "- ОГБУ ДПО «КИРО»",
    "passport.uniqueness": "Наставник выбирается молодым педагогом сам.",
    "passport.resources.staffing": "12 наставников",
    "passport.resources.methodological": "программа «Шаг навстречу»",
    "passport.technology": "1. Подготовительный. Основные мероприятия: диагностика; "
    "подбор пар. Методики и инструментарий: анкетирование.\nОсновной\n"
    "Мероприятия: встречи пар\nМетодики: кейс-метод; наблюдение",
    "passport.results": "Закрепились 9 из 10 молодых педагогов.",
    "passport.risks": "– выгорание наставников — ротация",
    "passport.contact.name": "Петрова Анна Ивановна",
    "passport.contact.position": "заместитель директора",
    "passport.contact.phone": "+7 (4712) 00-00-07",
    "passport.contact.email": "mailto:sosh7@example.ru.",
}


def render(registry: Path, out: Path, *args: str) -> Path:
    result = invoke(registry, "render", *args, "--format", "docx", "--out", f"{out}/", "--force")
    assert result.exit_code == 0, result.output
    (name,) = [line.split()[-1] for line in result.output.splitlines() if "Записан" in line]
    return Path(name)


def fill(form: Path, target: Path, values: Mapping[str, str]) -> Path:
    """The form with each row's value cell filled by the field its label names."""
    document = Document(str(form))
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            label = " ".join(cell.paragraphs[0].text for cell in cells[:-1])
            text = values.get(classify(label) or "")
            if text is not None:
                cell = cells[-1]
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    document.save(str(target))
    return target


def merge_row(table: Any, row: int, first: int, last: int) -> Any:
    return table.cell(row, first).merge(table.cell(row, last))
