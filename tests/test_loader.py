"""ARCHITECTURE.md: every input a person can get wrong ends in a clear message with file and line.

`LOADER_CASES` is also the passing/failing example of each loader rule (see test_rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ropcli.core.problems import Problem
from ropcli.validation.check import check
from ropcli.validation.registry import open_registry
from tests.conftest import SITE_TEXT, MakeRegistry, RunCli, edited

# rule -> (file content that breaks it, expected (line, column), words of the message)
LOADER_CASES: dict[str, tuple[bytes, tuple[int, int], str]] = {
    "yaml": (
        b"schema_version: 1\nid: site\norganization:\n  name: a: b\n",
        (4, 10),
        "возьмите всё значение в кавычки",
    ),
    "encoding": (SITE_TEXT.encode("cp1251", errors="replace"), (4, 3), "Windows-1251"),
    "file-size": (b"# " + b"x" * (1024 * 1024) + b"\n", (1, 1), "больше 1 МиБ"),
    "empty-file": (b"# only a comment\n\n", (1, 1), "файл пуст"),
    "not-a-mapping": (b"- schema_version: 1\n- id: site\n", (1, 1), "нужен словарь"),
    "duplicate-key": (
        edited(SITE_TEXT, ("id: site\n", "id: site\nid: site\n")).encode(),
        (4, 1),
        "уже есть в строке 3",
    ),
    "yaml-anchor": (b"schema_version: 1\nid: &a site\nx: *a\n", (2, 5), "якоря и ссылки"),
    "yaml-tag": (
        edited(SITE_TEXT, ("id: site", "id: !!python/name:os.system site")).encode(),
        (3, 5),
        "тег",
    ),
    "unreadable": (b"", (1, 1), "не читается"),  # written as a folder, see below
    "file-type": (b"", (1, 1), "символическая ссылка"),  # written as a link, see below
}


def run(
    make_registry: MakeRegistry, content: bytes | str, name: str = "site.yaml"
) -> list[Problem]:
    root = make_registry({name: content})
    return check(open_registry(root)).problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize("rule", sorted(LOADER_CASES))
def test_loader_rule(rule: str, make_registry: MakeRegistry, tmp_path: Path) -> None:
    content, (line, column), words = LOADER_CASES[rule]
    if rule == "unreadable":
        root = make_registry({})
        (root / "sites" / "site.yaml").mkdir()
        problems = check(open_registry(root)).problems
    elif rule == "file-type":
        root = make_registry({"target.yaml": SITE_TEXT})
        (root / "sites" / "site.yaml").symlink_to(root / "sites" / "target.yaml")
        problems = check(open_registry(root)).problems
    else:
        problems = run(make_registry, content)
    problem = next(p for p in problems if p.rule == rule)
    assert (problem.file, problem.line, problem.column) == ("sites/site.yaml", line, column)
    assert words in problem.message
    assert problem.severity == "error"


def test_loader_rules_pass_on_a_clean_file(make_registry: MakeRegistry) -> None:
    assert run(make_registry, SITE_TEXT) == []


def test_tab_indentation_is_named(make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, "schema_version: 1\nid: site\n\tx: 1\n"))
    assert (problem.rule, problem.line) == ("yaml", 3)
    assert "табуляц" in problem.message


def test_unclosed_quote_names_where_it_started(make_registry: MakeRegistry) -> None:
    text = edited(SITE_TEXT, ('inn: "4632024170"', 'inn: "4632024170'))
    problem = only(run(make_registry, text))
    assert problem.rule == "yaml"
    assert "кавычка в строке 9" in problem.message


def test_duplicate_key_names_both_lines(make_registry: MakeRegistry) -> None:
    text = edited(
        SITE_TEXT,
        ("  short_name: МБОУ «СОШ № 5»\n", "  short_name: МБОУ «СОШ № 5»\n  short_name: СОШ 5\n"),
    )
    problem = next(p for p in run(make_registry, text) if p.rule == "duplicate-key")
    assert (problem.line, problem.column) == (8, 3)
    assert "«short_name»" in problem.message and "строке 7" in problem.message


def test_alias_bomb_is_refused_without_expanding(make_registry: MakeRegistry) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    problem = only(run(make_registry, bomb))
    assert (problem.rule, problem.line) == ("yaml-anchor", 1)


def test_merge_key_is_refused(make_registry: MakeRegistry) -> None:
    text = edited(SITE_TEXT, ("  head: {", "  <<: {}\n  head: {"))
    assert any(p.rule == "yaml-anchor" and p.line == 14 for p in run(make_registry, text))


def test_non_utf8_that_is_not_cyrillic(make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, b"schema_version: 1\nid: \xa4\xa6\xa7\n"))
    assert (problem.rule, problem.line, problem.column) == ("encoding", 2, 5)
    assert "0xA4" in problem.message


def test_utf16_is_named(make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, SITE_TEXT.encode("utf-16")))
    assert problem.rule == "encoding" and "UTF-16" in problem.message


def test_bom_and_crlf_are_fine_and_positions_stay_right(make_registry: MakeRegistry) -> None:
    text = "\ufeff" + SITE_TEXT.replace("\n", "\r\n")
    assert run(make_registry, text.encode("utf-8")) == []
    broken = "\ufeff" + edited(SITE_TEXT, ("date: 2023-04-14", "date: 2023-02-30")).replace(
        "\n", "\r\n"
    )
    problem = only(run(make_registry, broken.encode("utf-8")))
    assert (problem.rule, problem.line, problem.column) == ("date-format", 18, 9)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("20.06.2024", "2024-06-20"),
        ("2024-02-30", "нет в календаре"),
        ('"2024-6-1"', "ГГГГ-ММ-ДД"),
        ("2024-06-20T10:00:00", "ГГГГ-ММ-ДД"),
    ],
)
def test_dates_in_the_wrong_form(written: str, hint: str, make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, edited(SITE_TEXT, ("date: 2023-04-14", f"date: {written}"))))
    assert (problem.rule, problem.line, problem.pointer) == ("date-format", 18, "/application/date")
    assert hint in problem.message


def test_quoted_iso_date_is_a_date(make_registry: MakeRegistry) -> None:
    assert run(make_registry, edited(SITE_TEXT, ("date: 2023-04-14", 'date: "2023-04-14"'))) == []


def test_inn_that_lost_its_leading_zero(make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, edited(SITE_TEXT, ('inn: "4632024170"', "inn: 463202417"))))
    assert (problem.rule, problem.line, problem.column) == ("type", 9, 8)
    assert '"0463202417"' in problem.message and "кавычк" in problem.message


def test_list_where_a_map_belongs(make_registry: MakeRegistry) -> None:
    text = edited(
        SITE_TEXT,
        (
            "  head: {name: Воронцова Елена Николаевна, position: директор}",
            "  head: [Воронцова Елена Николаевна, директор]",
        ),
    )
    problem = only(run(make_registry, text))
    assert (problem.rule, problem.line, problem.pointer) == ("type", 14, "/organization/head")
    assert "словарь" in problem.message


def test_id_not_matching_file_name(make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, SITE_TEXT, name="kursk-sosh-5.yaml"))
    assert (problem.rule, problem.line) == ("id-matches-file", 3)
    assert "kursk-sosh-5" in problem.message


def test_one_bad_file_does_not_stop_the_others(make_registry: MakeRegistry) -> None:
    root = make_registry(
        {
            "a.yaml": b"\x00\xff garbage",
            "b.yaml": "id: [",
            "site.yaml": edited(SITE_TEXT, ('inn: "4632024170"', 'inn: "4632024171"')),
        }
    )
    result = check(open_registry(root))
    assert result.files == 3
    assert {(p.file, p.rule) for p in result.problems} == {
        ("sites/a.yaml", "encoding"),
        ("sites/b.yaml", "yaml"),
        ("sites/site.yaml", "identifier-checksums"),
    }


def test_cli_reports_bad_input_with_line_and_exit_1(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": edited(SITE_TEXT, ("date: 2023-04-14", "date: 14.04.2023"))})
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 1
    assert "sites/site.yaml:18:9" in result.stdout
    assert "2023-04-14" in result.stdout
    assert "Traceback" not in result.output


def test_inn_with_a_leading_zero_read_as_octal(make_registry: MakeRegistry) -> None:
    problem = only(run(make_registry, edited(SITE_TEXT, ('inn: "4632024170"', "inn: 0463202417"))))
    assert problem.rule == "type" and '"0463202417"' in problem.message


@pytest.mark.parametrize(
    ("edit", "rule", "line"),
    [
        (("  head: {", "  ? [a]\n  : b\n  head: {"), "yaml", 14),
        (("  head: {", "  head: !!set {"), "yaml-tag", 14),
        (('inn: "4632024170"', 'inn: !!python/object/apply:os.system ["echo"]'), "yaml-tag", 9),
    ],
)
def test_odd_keys_and_tags_on_collections(
    edit: tuple[str, str], rule: str, line: int, make_registry: MakeRegistry
) -> None:
    problems = run(make_registry, edited(SITE_TEXT, edit))
    assert any(p.rule == rule and p.line == line for p in problems), problems
