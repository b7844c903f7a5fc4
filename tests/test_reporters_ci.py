"""The CI formats: GitHub annotations and job summary, SARIF 2.1.0, GitLab Code Quality."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from ropcli.core.problems import ERROR, WARNING, Problem
from ropcli.output.reporters import fingerprints, get_reporter
from ropcli.output.reporters.github import (
    annotation,
    escape_data,
    escape_property,
    summary_markdown,
)
from ropcli.output.reporters.gitlab import to_code_quality
from ropcli.output.reporters.sarif import to_sarif
from ropcli.validation.check import CheckResult
from tests.conftest import DATA, SITE_TEXT, MakeRegistry, RunCli, edited

SARIF_SCHEMA = json.loads((DATA / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
BROKEN_SITE = edited(
    SITE_TEXT,
    ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2026-06-20}"),
    ('ogrn: "1024600003120"', 'ogrn: "1027700132195"'),
)


def problem(line: int = 3, severity: str = ERROR, message: str = "ошибка", **kw: str) -> Problem:
    fields = {"file": "sites/a.yaml", "rule": "term-cap", "clause": "6.8", "pointer": "/id"}
    fields.update(kw)
    return Problem(
        line=line,
        column=5,
        severity=severity,
        message=message,
        file=fields["file"],
        rule=fields["rule"],
        clause=fields["clause"],
        pointer=fields["pointer"],
    )


@pytest.fixture(autouse=True)
def outside_github(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Not in Actions, and no git checkout around tmp_path unless a test makes one."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


# --- GitHub -------------------------------------------------------------------------------


def test_github_escaping_of_data_and_properties() -> None:
    assert escape_data("100% готово\r\nстрока 2: a, b") == "100%25 готово%0D%0Aстрока 2: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = annotation(
        problem(message="срок 3 года: 100%,\nсм. п. 6.8", file="sites/ш,к:1.yaml"),
        "реестр/",
    )
    assert line == (
        "::error file=реестр/sites/ш%2Cк%3A1.yaml,line=3,col=5,title=ropcli%3A term-cap%2C п. 6.8"
        "::срок 3 года: 100%25,%0Aсм. п. 6.8"
    )
    assert annotation(problem(severity=WARNING, clause=None)).startswith(
        "::warning file=sites/a.yaml,line=3,col=5,title=ropcli%3A term-cap::"
    )


def test_github_summary_lists_everything_and_counts_the_overflow() -> None:
    problems = [problem(line=i, message=f"ошибка {i} | с чертой") for i in range(1, 13)]
    problems += [problem(line=20, severity=WARNING)]
    text = summary_markdown(CheckResult(3, problems), "registry/")
    rows = [line for line in text.splitlines() if line.startswith("| `registry/sites/a.yaml`")]
    assert len(rows) == 13
    assert "ошибка 1 \\| с чертой" in rows[0]
    assert "без пометки в коде осталось 2 (ошибок — 2, предупреждений — 0)" in text
    clean = summary_markdown(CheckResult(4, []))
    assert "Замечаний нет: проверено файлов — 4." in clean and "осталось" not in clean


def test_validate_picks_github_in_actions_and_appends_the_summary(
    make_registry: MakeRegistry,
    cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root = make_registry({"site.yaml": BROKEN_SITE})
    summary = tmp_path / "summary.md"
    summary.write_text("# Раньше\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=sites/site.yaml,line=10,col=9,title=")
    assert lines[1].startswith("::error file=sites/site.yaml,line=136,col=36,title=")
    assert lines[-1].startswith("Проверено файлов — 1; ошибок — 2, предупреждений — 1")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# Раньше\n## ropcli: проверка реестра")
    assert "| `sites/site.yaml` | 136 | 36 | ошибка | `term-cap` | п. 6.8 |" in written
    # an explicit --format wins over the environment
    assert cli("--registry", str(root), "validate", "-f", "json").stdout.startswith("{")


def test_unwritable_summary_is_exit_3(
    make_registry: MakeRegistry, cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "folder.md"))
    result = cli("--registry", str(root), "validate", "--format", "github")
    assert result.exit_code == 3 and "GITHUB_STEP_SUMMARY" in result.stderr


# --- SARIF --------------------------------------------------------------------------------


def test_sarif_of_a_real_check_is_valid_against_the_official_schema(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": BROKEN_SITE, "other.yaml": "id: [\n"})
    result = cli("--registry", str(root), "validate", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert driver["name"] == "ropcli"
    assert rules["term-cap"]["properties"]["clause"] == "6.8"
    assert rules["term-cap"]["defaultConfiguration"]["level"] == "error"
    assert rules["ogrn-region"]["defaultConfiguration"]["level"] == "warning"
    assert {"append-only", "site-deleted", "id-changed", "yaml"} <= set(rules)
    assert any("а" <= ch <= "я" for ch in rules["term-cap"]["shortDescription"]["text"])
    cap = next(r for r in run["results"] if r["ruleId"] == "term-cap")
    assert driver["rules"][cap["ruleIndex"]]["id"] == "term-cap"
    assert cap["level"] == "error" and "19.06.2026" in cap["message"]["text"]
    physical = cap["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "sites/site.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 136, "startColumn": 36}
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["ogrn-region"] == "warning" and levels["yaml"] == "error"


def test_sarif_fingerprints_ignore_lines_and_differ_by_finding() -> None:
    first = to_sarif(CheckResult(1, [problem(line=3), problem(line=9, pointer="/history/0")]))
    moved = to_sarif(CheckResult(1, [problem(line=30), problem(line=90, pointer="/history/0")]))

    def prints(log: dict[str, object]) -> list[str]:
        results = log["runs"][0]["results"]  # type: ignore[index]
        return [r["partialFingerprints"]["ropcli/v1"] for r in results]

    assert prints(first) == prints(moved)
    assert len(set(prints(first))) == 2


def test_sarif_uri_is_percent_encoded_and_relative() -> None:
    log = to_sarif(CheckResult(1, [problem(file="sites/a b.yaml")]), "реестр/")
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == (
        "%D1%80%D0%B5%D0%B5%D1%81%D1%82%D1%80/sites/a%20b.yaml"
    )


def test_sarif_without_problems_is_still_a_valid_log() -> None:
    log = to_sarif(CheckResult(0, []))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


# --- GitLab -------------------------------------------------------------------------------


def test_gitlab_code_quality_shape_and_unique_fingerprints(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": BROKEN_SITE})
    result = cli("--registry", str(root), "validate", "--format", "gitlab")
    findings = json.loads(result.stdout)
    assert result.exit_code == 1 and len(findings) >= 2
    for finding in findings:
        assert set(finding) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert set(finding["location"]) == {"path", "lines"}
    cap = next(f for f in findings if f["check_name"] == "term-cap")
    assert cap["severity"] == "major" and cap["description"].endswith("(п. 6.8)")
    assert cap["location"] == {"path": "sites/site.yaml", "lines": {"begin": 136}}
    assert next(f for f in findings if f["check_name"] == "ogrn-region")["severity"] == "minor"
    assert len({f["fingerprint"] for f in findings}) == len(findings)


def test_gitlab_fingerprints_unique_even_for_identical_findings() -> None:
    same = [problem(), problem(), problem(line=40)]
    findings = to_code_quality(CheckResult(1, same))
    assert len({f["fingerprint"] for f in findings}) == 3
    again = to_code_quality(CheckResult(1, same))
    assert [f["fingerprint"] for f in findings] == [f["fingerprint"] for f in again]
    assert fingerprints(same, "") == [f["fingerprint"] for f in findings]


# --- paths from the top of the checkout ------------------------------------------------------


def test_ci_formats_use_the_git_top_folder_text_and_json_do_not(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": BROKEN_SITE})
    subprocess.run(["git", "init", "-q", str(root.parent)], check=True)
    args = ("--registry", str(root), "validate", "--format")
    assert cli(*args, "github").stdout.startswith("::warning file=registry/sites/site.yaml,")
    assert json.loads(cli(*args, "gitlab").stdout)[0]["location"]["path"] == (
        "registry/sites/site.yaml"
    )
    assert json.loads(cli(*args, "json").stdout)["problems"][0]["file"] == "sites/site.yaml"
    assert cli(*args, "text").stdout.startswith("sites/site.yaml:10:9")


def test_text_and_json_reporters_ignore_the_prefix() -> None:
    import io

    result = CheckResult(1, [problem()])
    plain, prefixed = io.StringIO(), io.StringIO()
    get_reporter("json")(result, plain, color=False)
    get_reporter("json")(result, prefixed, color=False, prefix="registry/")
    assert plain.getvalue() == prefixed.getvalue()
