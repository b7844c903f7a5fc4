"""`ropcli.validation.completeness`: the fields of a site still to fill, on real files."""

from __future__ import annotations

from pathlib import Path

from ropcli.validation.completeness import draft_pointers, is_draft, missing_fields
from ropcli.yamlio import Document, read_file
from tests.conftest import SITE_TEXT, edited


def _loaded(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = read_file(path, "sites/site.yaml")
    assert loaded.document is not None, loaded.problems
    return loaded.document


def test_complete_site_has_nothing_to_fill(tmp_path: Path) -> None:
    document = _loaded(tmp_path, SITE_TEXT)
    assert missing_fields(document.data, document) == []
    assert not is_draft(document.data)
    assert draft_pointers(document.data) == frozenset()


def test_empty_and_missing_fields_with_titles_and_lines(tmp_path: Path) -> None:
    text = edited(
        SITE_TEXT,
        ("  date: 2023-04-14\n", ""),  # the application's date: a draft
        ("website: https://sosh5-kursk.example.ru", "website:"),
        ("  head: {name: Воронцова Елена Николаевна, position: директор}\n", "  head: {}\n"),
    )
    document = _loaded(tmp_path, text)
    assert is_draft(document.data)
    found = {m.pointer: m for m in missing_fields(document.data, document)}
    assert list(found) == [
        "/organization/website",
        "/organization/head/name",
        "/organization/head/position",
        "/application/date",
    ]
    website = found["/organization/website"]
    assert (website.title, website.path, website.clause) == (
        "Официальный сайт",
        "organization.website",
        "6.5",
    )
    assert website.present and (website.line, website.column) == (13, 11)
    assert website.description.startswith("Адрес официального сайта")
    assert website.schema["format"] == "uri"
    name = found["/organization/head/name"]
    assert not name.present and name.line == 14  # the nearest existing key: head
    date = found["/application/date"]
    assert (date.title, date.line, date.column) == ("Дата заявки", 16, 1)  # application:
    assert draft_pointers(document.data) == frozenset(found)


def test_wrong_kind_is_not_empty(tmp_path: Path) -> None:
    text = edited(SITE_TEXT, ("short_name: МБОУ «СОШ № 5»", "short_name: []"))
    assert missing_fields(_loaded(tmp_path, text).data) == []


def test_missing_sections_stand_for_their_required_fields() -> None:
    fields = missing_fields({"schema_version": 1, "id": "x"})
    pointers = [m.pointer for m in fields]
    assert "/organization/inn" in pointers and "/application/signed_by/position" in pointers
    assert "/passport/resources" in pointers and "/passport/technology" in pointers
    assert "/organization/address" not in pointers  # optional and absent: nothing to fill
    assert all(not m.present and m.line is None for m in fields)


def test_separate_teachers_regulation_is_asked_when_teachers_are_not_included() -> None:
    data = {"application": {"documents": {"mentoring_regulation": {"teachers_included": False}}}}
    pointers = [m.pointer for m in missing_fields(data)]
    assert "/application/documents/teachers_regulation/date" in pointers
    data["application"]["documents"]["mentoring_regulation"]["teachers_included"] = True
    assert not any("teachers_regulation" in p for p in [m.pointer for m in missing_fields(data)])


def test_list_items_are_numbered_from_one() -> None:
    stage = {"stage": "Подготовка", "activities": [], "methods": ["анкетирование"]}
    data = {"passport": {"technology": [stage]}}
    found = {m.pointer: m for m in missing_fields(data)}
    item = found["/passport/technology/0/activities"]
    assert item.path == "passport.technology[1].activities"
    assert item.title == "Основные мероприятия"
