"""`ropcli validate`, `schema`, `rules` through the CLI: outputs and every exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from ropcli.validation.schema import SCHEMA_NAMES
from tests.conftest import REPO, SAMPLE_REGISTRY, SITE_TEXT, MakeRegistry, RunCli, edited

WARNING_SITE = edited(SITE_TEXT, ('ogrn: "1024600003120"', 'ogrn: "1027700132195"'))
ERROR_SITE = edited(
    SITE_TEXT, ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2026-06-20}")
)


def test_exit_0_when_clean(make_registry: MakeRegistry, cli: RunCli) -> None:
    result = cli("--registry", str(make_registry({"site.yaml": SITE_TEXT})), "validate")
    assert result.exit_code == 0
    assert "Всё в порядке: проверено файлов — 1" in result.stdout


def test_exit_1_on_errors_with_line_clause_and_excerpt(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    result = cli("--registry", str(make_registry({"site.yaml": ERROR_SITE})), "validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("sites/site.yaml:136:36"))
    assert "ошибка" in lines[head] and "[term-cap, п. 6.8]" in lines[head]
    assert "31.08.2026" not in lines[head] and "19.06.2026" in lines[head]
    assert lines[head + 1].strip().startswith("136 |")
    assert lines[head + 2].index("^") == lines[head + 1].index("2026-06-20")


def test_warnings_pass_unless_strict(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = str(make_registry({"site.yaml": WARNING_SITE}))
    relaxed = cli("--registry", root, "validate")
    assert relaxed.exit_code == 0 and "предупреждение" in relaxed.stdout
    assert cli("--registry", root, "validate", "--strict").exit_code == 1


def test_exit_2_on_usage_errors(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = str(make_registry({"site.yaml": SITE_TEXT}))
    assert cli("--registry", root, "validate", "--format", "xml").exit_code == 2
    missing = cli("--registry", root, "validate", "no-such-file.yaml")
    assert missing.exit_code == 2 and "no-such-file.yaml" in missing.stderr


def test_exit_3_without_a_registry(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ROPCLI_REGISTRY", raising=False)
    result = cli("validate")
    assert result.exit_code == 3
    assert "реестр не найден" in result.stderr and "--registry" in result.stderr
    assert cli("--registry", str(tmp_path / "nowhere"), "validate").exit_code == 3


def test_exit_3_on_broken_settings(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings="term:\n  max_yeras: 3\n")
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 3
    assert "ropcli.yaml:2:3" in result.stderr and "max_years" in result.stderr


def test_settings_change_the_rules(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings="term:\n  max_years: 2\n")
    result = cli("--registry", str(root), "validate", "--format", "json")
    rules = {(p["rule"], p["line"]) for p in json.loads(result.stdout)["problems"]}
    assert ("term-cap", 136) in rules and ("term-cap", 146) in rules


def test_json_output_is_exactly_the_spec_shape(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": ERROR_SITE, "other.yaml": "- a\n"})
    result = cli("--registry", str(root), "validate", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["ok", "files", "problems"]
    assert data["ok"] is False and data["files"] == 2
    cap = next(p for p in data["problems"] if p["rule"] == "term-cap")
    assert cap == {
        "file": "sites/site.yaml",
        "line": 136,
        "column": 36,
        "rule": "term-cap",
        "severity": "error",
        "clause": "6.8",
        "pointer": "/history/0/term/end",
        "message": cap["message"],
    }
    assert list(cap) == [
        "file",
        "line",
        "column",
        "rule",
        "severity",
        "clause",
        "pointer",
        "message",
    ]
    yaml_problem = next(p for p in data["problems"] if p["file"] == "sites/other.yaml")
    assert yaml_problem["rule"] == "not-a-mapping" and yaml_problem["clause"] is None


def test_validate_given_paths_only(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": SITE_TEXT, "broken.yaml": "id: ["})
    result = cli("--registry", str(root), "validate", str(root / "sites" / "site.yaml"))
    assert result.exit_code == 0 and "файлов — 1" in result.stdout


def test_uniqueness_is_checked_against_the_whole_registry(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry(
        {"site.yaml": SITE_TEXT, "a.yaml": edited(SITE_TEXT, ("id: site", "id: a"))}
    )
    result = cli(
        "--registry", str(root), "validate", "--format", "json", str(root / "sites" / "site.yaml")
    )
    problems = json.loads(result.stdout)["problems"]
    assert {p["rule"] for p in problems} == {"unique-identifiers"}
    assert "sites/a.yaml" in problems[0]["message"]


def test_quiet_prints_nothing_when_clean(make_registry: MakeRegistry, cli: RunCli) -> None:
    result = cli("--registry", str(make_registry({"site.yaml": SITE_TEXT})), "-q", "validate")
    assert (result.exit_code, result.stdout) == (0, "")


def test_registry_found_from_a_subfolder(
    make_registry: MakeRegistry, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    monkeypatch.chdir(root / "sites")
    monkeypatch.delenv("ROPCLI_REGISTRY", raising=False)
    assert cli("validate").exit_code == 0
    monkeypatch.chdir(root.parent)
    monkeypatch.setenv("ROPCLI_REGISTRY", str(root))
    assert cli("validate").exit_code == 0


def test_sample_registry_is_valid(cli: RunCli) -> None:
    result = cli("--registry", str(SAMPLE_REGISTRY), "validate", "--strict")
    assert result.exit_code == 0, result.stdout
    assert len(list((SAMPLE_REGISTRY / "sites").glob("*.yaml"))) >= 8


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schemas_are_valid_draft_2020_12(name: str, cli: RunCli) -> None:
    result = cli("schema", name)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_schema_property_has_a_russian_title_and_description() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                assert sub.get("title") and sub.get("description"), f"{where}/{key}"
                assert any("а" <= ch <= "я" for ch in sub["title"].lower()), f"{where}/{key}"
            for key, sub in node.items():
                if key not in ("if", "not"):  # conditions, not documented properties
                    walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    for name in SCHEMA_NAMES:
        walk(json.loads((REPO / "schemas" / f"{name}.schema.json").read_text("utf-8")), name)


def test_unknown_schema_is_a_usage_error(cli: RunCli) -> None:
    result = cli("schema", "nope")
    assert result.exit_code == 2 and "site" in result.stderr


def test_rules_lists_ids_severities_and_clauses(cli: RunCli) -> None:
    rows = json.loads(cli("rules", "--format", "json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["term-cap"]["clause"] == "6.8" and by_id["term-cap"]["severity"] == "error"
    assert by_id["ogrn-region"]["severity"] == "warning"
    assert "term-cap" in cli("rules").stdout


def test_version(cli: RunCli) -> None:
    from ropcli import __version__

    assert cli("--version").stdout.strip() == f"ropcli {__version__}"


def _installed_ropcli() -> list[str]:
    exe = shutil.which("ropcli", path=str(Path(sys.executable).parent)) or shutil.which("ropcli")
    return [exe] if exe else [sys.executable, "-m", "ropcli"]


def test_installed_command_in_a_subprocess(make_registry: MakeRegistry, tmp_path: Path) -> None:
    root = make_registry({"site.yaml": ERROR_SITE})
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [*_installed_ropcli(), "--registry", str(root), "validate"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert "sites/site.yaml:136:36" in done.stdout and "Traceback" not in done.stderr
    module = subprocess.run(
        [sys.executable, "-m", "ropcli", "--version"], capture_output=True, text=True, check=False
    )
    assert module.returncode == 0 and module.stdout.startswith("ropcli ")


def test_settings_of_only_comments_mean_all_defaults(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings="# все настройки по умолчанию\n")
    assert cli("--registry", str(root), "validate").exit_code == 0


def test_a_folder_that_is_not_a_registry_is_refused(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "notes").mkdir()
    result = cli("--registry", str(tmp_path / "notes"), "validate")
    assert result.exit_code == 3 and "не папка реестра" in result.stderr


def test_broken_settings_in_a_machine_format(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings="term:\n  max_yeras: 3\n")
    result = cli("--registry", str(root), "validate", "--format", "json")
    assert result.exit_code == 3
    problem = json.loads(result.stdout)["problems"][0]
    assert (problem["file"], problem["line"], problem["rule"]) == ("ropcli.yaml", 2, "unknown-key")


def test_settings_file_among_the_paths_is_counted_not_read_as_a_site(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    result = cli(
        "--registry",
        str(root),
        "validate",
        "--format",
        "json",
        str(root / "ropcli.yaml"),
        str(root / "sites" / "site.yaml"),
    )
    assert json.loads(result.stdout) == {"ok": True, "files": 2, "problems": []}


@pytest.mark.parametrize(
    ("written", "hint"),
    [("Обоянский район", "«oboyansky»"), ("Курск", "«kursk»"), ("moskva", "kursk (город Курск)")],
)
def test_municipality_written_as_a_name(
    written: str, hint: str, make_registry: MakeRegistry, cli: RunCli
) -> None:
    text = edited(SITE_TEXT, ("municipality: kursk", f"municipality: {written}"))
    result = cli("--registry", str(make_registry({"site.yaml": text})), "validate")
    assert result.exit_code == 1 and hint in result.stdout


def test_missing_key_message_keeps_the_whole_first_sentence(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    text = SITE_TEXT[: SITE_TEXT.index("passport:")] + SITE_TEXT[SITE_TEXT.index("review:") :]
    result = cli("--registry", str(make_registry({"site.yaml": text})), "validate")
    line = next(ln for ln in result.stdout.splitlines() if "«passport»" in ln)
    assert "все строки формы (прил. 1 п. 2) [required" in line


def test_an_empty_field_says_what_it_takes(make_registry: MakeRegistry, cli: RunCli) -> None:
    site = edited(
        SITE_TEXT,
        ('inn: "4632024170"', "inn:"),
        ('ogrn: "1024600003120"', "ogrn:"),
        ("website: https://sosh5-kursk.example.ru", "website:"),
        ("      date: 2022-08-31", "      date:"),
    )
    result = cli("--registry", str(make_registry({"site.yaml": site})), "validate")
    assert result.exit_code == 1
    said = {
        line.split(": ошибка: ", 1)[1]
        for line in result.stdout.splitlines()
        if ": ошибка: " in line
    }
    assert (
        "«inn» (ИНН): значение не заполнено; ожидается: ИНН — 10 цифр в кавычках, например "
        '"4632000002" [type]' in said
    )
    assert any("«ogrn» (ОГРН): значение не заполнено; ожидается: ОГРН — 13 цифр" in s for s in said)
    assert any("ожидается: полная ссылка, начинающаяся с https://" in s for s in said)
    assert any("ожидается: дата в виде ГГГГ-ММ-ДД, например 2024-06-20" in s for s in said)
    assert not any("ожидается: текст" in s for s in said)
