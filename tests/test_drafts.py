"""Drafts: a site whose application has no date yet never blocks the register.

A fresh `ropcli new` in a copy of the sample registry: its empty fields are `incomplete`
warnings (validate exits 0), every command answers for the rest of the register as it did
without it (registry-wide documents name the draft they left out), `record` works on it;
a wrong value in a draft is still an error, and the same file with a dated application is
incomplete — errors again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from ropcli.validation.check import check
from ropcli.validation.completeness import missing_fields
from ropcli.validation.registry import open_registry
from tests.cli_support import run_installed
from tests.conftest import SITE_TEXT, MakeRegistry, RunCli, edited
from tests.write_support import copy_sample, site_file

ON = "2026-09-01"
DRAFT = "lgov-sosh-1"
NOTE = f"Черновики не включены: {DRAFT} (1)"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def _run(cli: RunCli, root: Path, *args: str) -> Result:
    return cli("--registry", str(root), *args)


def _new_draft(cli: RunCli, root: Path) -> Path:
    result = _run(cli, root, "new", DRAFT)  # no terminal: every field left empty
    assert result.exit_code == 0, result.output
    return site_file(root, DRAFT)


def _problems(cli: RunCli, root: Path, *paths: str) -> tuple[int, list[dict[str, object]]]:
    result = _run(cli, root, "validate", "--format", "json", *paths)
    return result.exit_code, json.loads(result.stdout)["problems"]


def test_fresh_site_is_a_draft_with_warnings_only(sample: Path, cli: RunCli) -> None:
    path = _new_draft(cli, sample)
    code, problems = _problems(cli, sample)
    assert code == 0
    assert {(p["rule"], p["severity"]) for p in problems} == {("incomplete", "warning")}
    assert len(problems) == len(missing_fields(yaml.safe_load(path.read_text("utf-8"))))
    website = next(p for p in problems if p["pointer"] == "/organization/website")
    assert website["file"] == f"sites/{DRAFT}.yaml" and website["clause"] == "6.5"
    assert "Официальный сайт" in str(website["message"])
    assert "черновик" in str(website["message"])
    text = _run(cli, sample, "validate")
    assert text.exit_code == 0
    assert f"ошибок — 0, предупреждений — {len(problems)}" in text.stdout
    assert _run(cli, sample, "validate", "--strict").exit_code == 1  # warnings fail --strict


def test_rules_lists_the_incomplete_rule(cli: RunCli) -> None:
    rows = json.loads(cli("rules", "--format", "json").stdout)
    row = next(r for r in rows if r["id"] == "incomplete")
    assert (row["severity"], row["clause"]) == ("warning", "прил. 1")


def test_cached_check_gives_the_same_warnings(sample: Path, cli: RunCli) -> None:
    _new_draft(cli, sample)
    first = _problems(cli, sample)
    second = _problems(cli, sample)  # from the cache (tests have a private one)
    assert first == second and first[0] == 0 and first[1]
    status = json.loads(_run(cli, sample, "status", DRAFT, "--format", "json").stdout)
    assert status["sites"][0]["fields_left"] == len(first[1])


COMMANDS = {
    "status": ("status", "--on", ON, "--format", "json"),
    "reports": ("reports", "--on", ON, "--all"),
    "registry-list": ("render", "registry-list", "--on", ON, "-o", "-"),
    "order-assign": ("render", "order-assign", "--on", ON, "--format", "md", "-o", "-"),
    "report-reminder": ("render", "report-reminder", "--on", ON, "-o", "-"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_commands_answer_as_without_the_draft(name: str, sample: Path, cli: RunCli) -> None:
    args = COMMANDS[name]
    before = _run(cli, sample, *args)
    _new_draft(cli, sample)
    after = _run(cli, sample, *args)
    assert after.exit_code == before.exit_code, after.output
    if name == "status":  # the draft is shown, with the fields it has still to fill
        sites = json.loads(after.stdout)["sites"]
        assert [s for s in sites if s["id"] != DRAFT] == json.loads(before.stdout)["sites"]
        assert {"id": DRAFT, "state": "draft", "fields_left": 52}.items() <= next(
            s for s in sites if s["id"] == DRAFT
        ).items()
        table = _run(cli, sample, "status", DRAFT).stdout
        assert "черновик, осталось 52 поля" in table
        return
    assert after.stdout == before.stdout  # the draft is in no report and no document
    if name.startswith(("registry", "order", "report-")):
        assert NOTE in after.stderr
        assert "Черновики" not in before.stderr


def test_status_json_has_fields_left_for_drafts_only(sample: Path, cli: RunCli) -> None:
    _new_draft(cli, sample)
    data = json.loads(_run(cli, sample, "status", "--on", ON, "--format", "json").stdout)
    by_id = {s["id"]: s for s in data["sites"]}
    assert by_id[DRAFT]["state"] == "draft" and by_id[DRAFT]["fields_left"] == 52
    assert "fields_left" not in by_id["kursk-sosh-5"]  # the other objects are unchanged
    assert set(by_id["kursk-sosh-5"]) == {
        "id", "state", "term", "term_start", "term_end", "days_left"
    }  # fmt: skip


def test_show_lists_the_fields_left(sample: Path, cli: RunCli) -> None:
    _new_draft(cli, sample)
    result = _run(cli, sample, "show", DRAFT)
    assert result.exit_code == 0, result.output
    assert "черновик, осталось 52 поля" in result.stdout
    assert "Организация › Официальный сайт (organization.website)" in result.stdout
    assert "None" not in result.stdout


@pytest.mark.parametrize("document", ["application", "passport", "registry-list"])
def test_named_draft_is_refused_with_its_fields(
    document: str, sample: Path, cli: RunCli, tmp_path: Path
) -> None:
    _new_draft(cli, sample)
    out = tmp_path / "out"
    out.mkdir()
    result = _run(cli, sample, "render", document, DRAFT, "-o", f"{out}/")
    assert result.exit_code == 1
    assert (
        "черновик" in result.stderr
        and "Паспорт практики › Контактное лицо › Телефон (passport.contact.phone)" in result.stderr
    )
    assert list(out.iterdir()) == []  # nothing written, no document with blanks


def test_record_works_on_a_draft(sample: Path, cli: RunCli) -> None:
    path = _new_draft(cli, sample)
    steps = [
        ("record", "agreement", DRAFT, "--date", "2026-10-20", "--coordinator", "Комитет"),
        ("record", "activity", DRAFT, "--date", "2026-10-21", "--kind", "seminar",
         "--title", "Семинар наставников"),
        ("record", "correction", DRAFT, "--pointer", "/organization/type", "--value",
         "additional_education", "--reason", "по уставу", "--date", "2026-10-22"),
    ]  # fmt: skip
    for step in steps:
        result = _run(cli, sample, *step)
        assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["review"]["municipal_agreement"]["coordinator"] == "Комитет"
    assert data["activities"][0]["title"] == "Семинар наставников"
    assert data["corrections"][0]["value"] == "additional_education"
    assert _problems(cli, sample)[0] == 0


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("  inn:\n", '  inn: "4632000003"\n', "identifier-checksums"),  # wrong check digit
        ("  municipality:\n", "  municipality: moskva\n", "vocabulary"),
        ("  website:\n", "  website: [https://a.example.ru]\n", "type"),
        ("  date:\n", "  date: 2025-02-30\n", "date-format"),  # a date, if impossible
    ],
)
def test_wrong_value_in_a_draft_is_an_error(
    old: str, new: str, rule: str, sample: Path, cli: RunCli
) -> None:
    path = _new_draft(cli, sample)
    path.write_text(edited(path.read_text("utf-8"), (old, new)), encoding="utf-8")
    code, problems = _problems(cli, sample)
    assert code == 1
    assert rule in {p["rule"] for p in problems if p["severity"] == "error"}


def test_impossible_date_inside_a_draft_is_an_error(sample: Path, cli: RunCli) -> None:
    path = _new_draft(cli, sample)
    text = path.read_text("utf-8").replace("      date:\n", "      date: 2024-02-30\n", 1)
    path.write_text(text, encoding="utf-8")
    code, problems = _problems(cli, sample)
    errors = [p for p in problems if p["severity"] == "error"]
    assert code == 1 and [p["rule"] for p in errors] == ["date-format"]
    assert {p["rule"] for p in problems if p["severity"] == "warning"} == {"incomplete"}


def test_dated_application_must_be_complete(sample: Path, cli: RunCli) -> None:
    path = _new_draft(cli, sample)
    draft_count = len(_problems(cli, sample)[1])
    text = path.read_text("utf-8").replace("  date:\n", "  date: 2026-10-01\n", 1)
    path.write_text(text, encoding="utf-8")
    code, problems = _problems(cli, sample)
    assert code == 1
    assert all(p["severity"] == "error" for p in problems)
    assert "incomplete" not in {p["rule"] for p in problems}
    assert len(problems) == draft_count - 1  # the date is there now
    status = _run(cli, sample, "status", "--on", ON)
    assert status.exit_code == 1 and f"sites/{DRAFT}.yaml" in status.stderr  # skipped again


def test_missing_keys_of_a_draft_are_one_warning_each(
    make_registry: MakeRegistry,
) -> None:
    text = edited(
        SITE_TEXT,
        ("  date: 2023-04-14\n", ""),
        ("  short_name: МБОУ «СОШ № 5»\n", ""),
        ("  type: school\n", ""),
    )
    root = make_registry({"site.yaml": text})
    result = check(open_registry(root))
    found = [(p.rule, p.severity, p.pointer, p.line) for p in result.problems]
    assert ("incomplete", "warning", "/organization/short_name", 5) in found
    assert ("incomplete", "warning", "/organization/type", 5) in found  # both, at «organization:»
    assert not [p for p in result.problems if p.is_error]


def test_two_missing_keys_of_a_dated_site_are_two_errors(make_registry: MakeRegistry) -> None:
    text = edited(SITE_TEXT, ("  short_name: МБОУ «СОШ № 5»\n", ""), ("  type: school\n", ""))
    root = make_registry({"site.yaml": text})
    messages = [p.message for p in check(open_registry(root)).problems if p.rule == "required"]
    assert len(messages) == 2 and "short_name" in messages[0] and "type" in messages[1]


COMPLETE = yaml.safe_load(SITE_TEXT)
TO_FILL = [m.pointer for m in missing_fields({"schema_version": 1, "id": "site"})]


def _set_empty(data: dict[str, Any], pointer: str) -> None:
    *parents, last = pointer.lstrip("/").split("/")
    node: Any = data
    for step in parents:
        node = node[int(step)] if isinstance(node, list) else node[step]
    node[last] = None


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(emptied=st.sets(st.sampled_from(TO_FILL)))
def test_any_emptied_fields_of_a_draft_are_exactly_its_warnings(
    emptied: set[str], make_registry: MakeRegistry
) -> None:
    data = json.loads(json.dumps(COMPLETE, default=str))
    del data["application"]["date"]
    for pointer in emptied:
        _set_empty(data, pointer)
    root = make_registry({"site.yaml": yaml.safe_dump(data, allow_unicode=True)})
    problems = check(open_registry(root)).problems
    assert not [p for p in problems if p.is_error], problems
    warned = {p.pointer for p in problems if p.rule == "incomplete"}
    assert warned == emptied | {"/application/date"}


def test_installed_ropcli_new_draft_validates(sample: Path) -> None:
    registry = str(sample)
    made = run_installed("--registry", registry, "new", DRAFT)
    assert made.returncode == 0, made.stderr.decode()
    checked = run_installed("--registry", registry, "validate")
    assert checked.returncode == 0, checked.stdout.decode()
    assert "предупреждение" in checked.stdout.decode() and "[incomplete" in checked.stdout.decode()
    listed = run_installed("--registry", registry, "render", "registry-list", "--on", ON, "-o", "-")
    assert listed.returncode == 0 and NOTE in listed.stderr.decode()


def test_publish_leaves_out_a_draft_even_when_approved(
    sample: Path, cli: RunCli, tmp_path: Path
) -> None:
    path = _new_draft(cli, sample)
    text = path.read_text("utf-8").replace("\npassport:", "\nunused_passport:", 1)
    path.write_text(text.split("\nunused_passport:")[0] + "\n", encoding="utf-8")  # no passport
    for step in (
        ("record", "agreement", DRAFT, "--date", "2026-10-20", "--coordinator", "Комитет"),
        ("record", "conclusion", DRAFT, "--date", "2026-11-19", "--protocol", "6",
         "--decision", "approved"),
    ):  # fmt: skip
        assert _run(cli, sample, *step).exit_code == 0
    site = tmp_path / "site"
    result = _run(cli, sample, "publish", "--out", str(site), "--on", "2026-12-01")
    assert result.exit_code == 0, result.output
    published = "".join(p.read_text("utf-8") for p in site.rglob("*") if p.suffix == ".html")
    assert "kursk-sosh-5" in published and DRAFT not in published


def test_remind_writes_no_letter_to_a_draft(sample: Path, cli: RunCli) -> None:
    before = _run(cli, sample, "remind", "--on", ON)
    _new_draft(cli, sample)
    for step in (  # a term that has ended: a report would be owed, were it not a draft
        ("record", "agreement", DRAFT, "--date", "2023-05-02", "--coordinator", "Комитет"),
        ("record", "conclusion", DRAFT, "--date", "2023-05-20", "--protocol", "3",
         "--decision", "approved"),
        ("record", "assign", DRAFT, "--order-number", "1-845", "--order-date", "2023-06-01",
         "--start", "2023-06-10"),
    ):  # fmt: skip
        assert _run(cli, sample, *step).exit_code == 0
    after = _run(cli, sample, "remind", "--on", ON)
    assert after.exit_code == before.exit_code == 0, after.output
    assert after.stdout == before.stdout and DRAFT not in after.stdout
