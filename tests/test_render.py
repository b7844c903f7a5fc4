"""`ropcli render`: golden Markdown of every document on the sample registry, and the
rules of docs/render.md — refusals, --force, overrides, template errors, settings, options."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_support import SAMPLE_REGISTRY, check_golden, invoke, write_registry, write_site
from tests.render_support import (
    SETTINGS,
    SPECIAL,
    approved_registry,
    render,
    sample,
    special_registry,
)

# (arguments, files written) on the sample registry at its showcase dates.
GOLDEN_CASES = [
    (
        ["order-assign", "--on", "2026-11-25", "--order-date", "2026-12-01"],
        ["order-assign-2026-12-01.md"],
    ),
    (["order-extend", "--on", "2026-11-25"], ["order-extend-2026-11-25.md"]),
    # A recorded order is named after its own date (16.03.2026), not after --on.
    (["order-revoke", "rylsk-sosh-1", "--on", "2026-09-01"], ["order-revoke-2026-03-16.md"]),
    (["application", "kursk-sosh-12"], ["application-kursk-sosh-12.md"]),
    (["passport", "kursk-sosh-5"], ["passport-kursk-sosh-5.md"]),
    (
        ["report-reminder", "--on", "2026-09-01"],
        [
            "report-reminder-kursk-sosh-12-2026-09-01.md",
            "report-reminder-oboyan-gimn-1-2026-09-01.md",
        ],
    ),
    (["registry-list", "--on", "2026-09-01"], ["registry-list-2026-09-01.md"]),
]


@pytest.mark.parametrize(("args", "files"), GOLDEN_CASES, ids=[c[0][0] for c in GOLDEN_CASES])
def test_golden_markdown(tmp_path: Path, args: list[str], files: list[str]) -> None:
    result = sample(tmp_path, *args, "--format", "md")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    for name in files:
        check_golden(f"render/{name}", (tmp_path / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("args", "files"), GOLDEN_CASES, ids=[c[0][0] for c in GOLDEN_CASES])
def test_html_has_the_same_words(tmp_path: Path, args: list[str], files: list[str]) -> None:
    result = sample(tmp_path, *args, "--format", "html")
    assert result.exit_code == 0, result.output
    for name in files:
        html = (tmp_path / name.replace(".md", ".html")).read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "@page { size: A4" in html
        golden = (Path(__file__).parent / "golden" / "render" / name).read_text(encoding="utf-8")
        heading = next(line for line in golden.splitlines() if line.startswith(("**", "# ")))
        assert heading.strip("*# ") in html


def test_order_requisites_blank_or_given(tmp_path: Path) -> None:
    blank = sample(
        tmp_path / "a", "order-assign", "medven-sosh-1", "--on", "2026-09-01", "-f", "md"
    )
    text = (tmp_path / "a" / "order-assign-2026-09-01.md").read_text(encoding="utf-8")
    assert blank.exit_code == 0 and text.count("от ____ № ____") == 2
    assert "3 года со дня издания приказа" in text  # no start known: the term in words
    given = sample(
        tmp_path / "b",
        *("order-assign", "--on", "2026-09-01", "--order-number", "1-800"),
        *("--order-date", "2026-09-10", "--years", "2", "-f", "md"),
    )
    text = (tmp_path / "b" / "order-assign-2026-09-10.md").read_text(encoding="utf-8")
    assert given.exit_code == 0 and text.count("от 10 сентября 2026 г. № 1-800") == 2
    assert "с 10 сентября 2026 г. по 9 сентября 2028 г." in text


def test_extension_starts_the_day_after_the_term(tmp_path: Path) -> None:
    # kursk-sosh-5 asked on 12.03.2026; its term ends 19.06.2026; the order is not known yet.
    result = sample(tmp_path, "order-extend", "--on", "2026-04-01", "-f", "md")
    text = (tmp_path / "order-extend-2026-04-01.md").read_text(encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert "с 20 июня 2026 г. по 19 июня 2029 г." in text
    late = sample(
        tmp_path / "b", "order-extend", "--on", "2026-11-25", "--order-date", "2026-12-01"
    )
    assert late.exit_code == 0, late.output  # oboyan-gimn-1: its term ended, the order starts it
    assert (tmp_path / "b" / "order-extend-2026-12-01.docx").is_file()


def test_revoke_draft_from_options(tmp_path: Path) -> None:
    result = sample(
        tmp_path,
        *("order-revoke", "kursk-sosh-12", "--on", "2026-09-01", "--reason", "negative_effects"),
        *("--agreed-commission", "2026-08-20", "--agreed-center", "2026-08-25", "-f", "md"),
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "order-revoke-2026-09-01.md").read_text(encoding="utf-8")
    assert "(от 20 августа 2026 г.)" in text and "(от 25 августа 2026 г.)" in text
    assert "получение негативных эффектов" in text
    assert "Досрочно снять со дня издания настоящего приказа" in text
    assert "Ресурсного центра" not in text  # the regulation's slip is not copied


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["order-revoke"], 2, "укажите id"),
        (["order-revoke", "kursk-sosh-12", "--on", "2026-09-01"], 2, "--reason"),
        (
            ["order-revoke", "rylsk-sosh-1", "--on", "2026-09-01", "--reason", "law_violation"],
            2,
            "уже записано",
        ),
        (["order-revoke", "shchigry-sosh-2", "--on", "2026-09-01"], 1, "отклонён"),
        (["order-assign", "kursk-sosh-5", "--on", "2026-09-01"], 1, "приказ о присвоении уже есть"),
        (["order-extend", "--on", "2026-09-01"], 1, "нет площадок"),
        (["report-reminder", "kursk-sosh-5", "--on", "2026-09-01"], 1, "нет несданных"),
        (["order-assign", "--years", "4"], 2, "не больше 3 лет"),
        (["passport", "kursk-sosh-5", "--reason", "law_violation"], 2, "не относится"),
        (["passport"], 2, "укажите id"),
        (["passport", "kursk-sosh-55"], 2, "kursk-sosh-5"),
        (["passport", "kursk-sosh-5", "-f", "xlsx"], 2, "только в форматах"),
        (["no-such-document"], 2, "нет такого документа"),
        (["passport", "kursk-sosh-5", "kursk-sosh-12", "--out", "one.md"], 2, "укажите папку"),
        (["passport", "kursk-sosh-5", "--out", "-"], 2, "на экран"),
        (["order-assign", "--on", "31.09.2026"], 2, "такого дня в календаре нет"),
    ],
)
def test_refusals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(SAMPLE_REGISTRY, "render", *args)
    assert result.exit_code == code, result.output
    assert words in result.output
    assert list(tmp_path.iterdir()) == []


def test_site_with_errors_is_refused_and_listed(tmp_path: Path) -> None:
    registry = special_registry(tmp_path / "registry")
    broken = registry / "sites" / "special.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("years: 3", "years: 4"), "utf-8")
    result = render(registry, tmp_path / "out", "passport", "special")
    assert result.exit_code == 1
    assert "sites/special.yaml:" in result.stderr and "term-cap" in result.stderr
    assert "документ не составлен" in result.stderr
    assert not (tmp_path / "out").exists()


def test_without_ids_every_file_must_be_valid(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry")
    (registry / "sites" / "bad.yaml").write_text("id: bad\n", encoding="utf-8")
    result = render(registry, tmp_path / "out", "order-assign", "--on", "2026-09-01")
    assert result.exit_code == 1 and "sites/bad.yaml" in result.stderr
    named = render(registry, tmp_path / "out", "order-assign", "fresh", "--on", "2026-09-01")
    assert named.exit_code == 0, named.output  # naming the good site renders around the bad


def test_existing_file_needs_force(tmp_path: Path) -> None:
    first = sample(tmp_path, "passport", "kursk-sosh-5", "-f", "md")
    target = tmp_path / "passport-kursk-sosh-5.md"
    assert first.exit_code == 0 and f"Записан файл {target}" in first.stdout
    target.write_text("правка вручную", encoding="utf-8")
    again = sample(tmp_path, "passport", "kursk-sosh-5", "-f", "md")
    assert again.exit_code == 3 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "правка вручную"
    forced = sample(tmp_path, "passport", "kursk-sosh-5", "-f", "md", "--force")
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# Паспорт")


def test_nothing_is_written_when_one_of_several_files_exists(tmp_path: Path) -> None:
    (tmp_path / "report-reminder-oboyan-gimn-1-2026-09-01.md").write_text("x", encoding="utf-8")
    result = sample(tmp_path, "report-reminder", "--on", "2026-09-01")
    assert result.exit_code == 3
    assert not (tmp_path / "report-reminder-kursk-sosh-12-2026-09-01.md").exists()


def test_out_file_stdout_and_format_from_suffix(tmp_path: Path) -> None:
    named = invoke(
        SAMPLE_REGISTRY, "render", "passport", "kursk-sosh-5", "-o", f"{tmp_path}/p.html"
    )
    assert named.exit_code == 0 and (tmp_path / "p.html").read_text("utf-8").startswith("<!DOC")
    shown = invoke(SAMPLE_REGISTRY, "render", "passport", "kursk-sosh-5", "-f", "md", "-o", "-")
    assert shown.exit_code == 0 and shown.stdout.startswith("# Паспорт практики наставничества")
    created = sample(tmp_path / "new" / "folder", "passport", "kursk-sosh-5")
    assert created.exit_code == 0
    assert (tmp_path / "new" / "folder" / "passport-kursk-sosh-5.docx").is_file()


@pytest.mark.parametrize(("name", "extra"), [("p.txt", []), ("p.html", ["-f", "md"])])
def test_out_extension_must_match_the_format(tmp_path: Path, name: str, extra: list[str]) -> None:
    result = invoke(
        SAMPLE_REGISTRY, "render", "passport", "kursk-sosh-5", *extra, "-o", f"{tmp_path}/{name}"
    )
    assert result.exit_code == 2 and "не подходит к формату" in result.stderr
    assert not (tmp_path / name).exists()


def test_empty_required_setting_names_the_key(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry", settings="region: Курская область\n")
    result = render(registry, tmp_path / "out", "order-assign", "--on", "2026-09-01")
    assert result.exit_code == 3
    for words in ("authority.signatory_name", "«Подписант»", "regulation.order_number"):
        assert words in result.stderr
    assert not (tmp_path / "out").exists()
    passport = render(registry, tmp_path / "out", "passport", "fresh", "-f", "md")
    assert passport.exit_code == 0  # the passport prints none of those settings


def test_override_template_is_used_and_listed(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / "passport.md.j2").write_text(
        "Паспорт из реестра: {{ site.short_name }}\n", encoding="utf-8"
    )
    result = render(registry, tmp_path / "out", "passport", "fresh", "-f", "md")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "passport-fresh.md").read_text(encoding="utf-8")
    escaped = 'Школа «Тест & \\<Ко\\>» "Ромашка" \\| \\*звезда\\* \\_x\\_ \\[1\\]'
    assert text == f"Паспорт из реестра: {escaped}\n"
    listing = invoke(registry, "render", "--list")
    assert listing.exit_code == 0
    line = next(x for x in listing.stdout.splitlines() if "passport.md.j2" in x)
    assert "из реестра" in line
    assert "встроенный" in next(x for x in listing.stdout.splitlines() if "passport.docx" in x)


def test_overriding_the_wording_changes_every_format(tmp_path: Path) -> None:
    from docx import Document

    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    shared = Path(__file__).parents[1] / "templates" / "_order.wording.j2"
    (registry / "templates" / shared.name).write_text(
        shared.read_text(encoding="utf-8").replace(
            "оставляю за собой", "возложить на заместителя министра И. И. Иванова"
        ),
        encoding="utf-8",
    )
    for fmt in ("md", "docx"):
        result = render(registry, tmp_path / fmt, "order-assign", "--on", "2026-09-01", "-f", fmt)
        assert result.exit_code == 0, result.output
    md = (tmp_path / "md" / "order-assign-2026-09-01.md").read_text(encoding="utf-8")
    docx = Document(str(tmp_path / "docx" / "order-assign-2026-09-01.docx"))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "возложить на заместителя министра И. И. Иванова" in md
    assert "возложить на заместителя министра И. И. Иванова" in text


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("Первая строка\n\nПаспорт: {{ site.nme }}\n", ["passport.md.j2", "строка 3", "nme"]),
        ("{% if %}\n", ["passport.md.j2", "строка 1", "синтаксическая"]),
        ("{{ site.id|ru_date }}\n", ["passport.md.j2", "строка 1", "ValueError"]),
        ('{% include "нет-такого.j2" %}\n', ["нет шаблона нет-такого.j2"]),
    ],
)
def test_template_error_names_template_and_line(
    tmp_path: Path, template: str, words: list[str]
) -> None:
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / "passport.md.j2").write_text(template, encoding="utf-8")
    result = render(registry, tmp_path / "out", "passport", "fresh", "-f", "md")
    assert result.exit_code == 3
    assert "из реестра" in result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_broken_docx_override_is_a_template_error(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / "passport.docx").write_text("не документ Word", encoding="utf-8")
    result = render(registry, tmp_path / "out", "passport", "fresh")
    assert result.exit_code == 3 and "passport.docx" in result.stderr


def test_special_characters_in_markdown_and_html(tmp_path: Path) -> None:
    from html.parser import HTMLParser

    registry = special_registry(tmp_path / "registry")
    for fmt in ("md", "html"):
        result = render(registry, tmp_path / "out", "passport", "special", "-f", fmt)
        assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "passport-special.md").read_text(encoding="utf-8")
    assert '«Школа «Тест & \\<Ко\\>» "Ромашка" \\| \\*звезда\\* \\_x\\_ \\[1\\]»' in md
    html = (tmp_path / "out" / "passport-special.html").read_text(encoding="utf-8")
    assert "&lt;Ко&gt;" in html and "&amp;" in html and "<Ко>" not in html

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    assert SPECIAL in "".join(parser.parts)


def test_special_characters_in_orders_markdown_table(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry")
    result = render(registry, tmp_path, "order-assign", "--on", "2026-09-01", "-f", "md")
    assert result.exit_code == 0, result.output
    row = next(
        line
        for line in (tmp_path / "order-assign-2026-09-01.md").read_text("utf-8").splitlines()
        if line.startswith("| 1 |")
    )
    assert row.count(" | ") == 4  # the «|» in the name is escaped, the columns stay five


def test_write_site_fixture_is_valid(tmp_path: Path) -> None:
    registry = write_registry(tmp_path / "r", SETTINGS)
    write_site(registry, "plain", serial=9)
    assert invoke(registry, "validate").exit_code == 0
    assert invoke(special_registry(tmp_path / "s"), "validate").exit_code == 0
