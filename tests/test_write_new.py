"""`ropcli new ID`: a commented scaffold whose empty fields are exactly what `ropcli
validate` lists; refusals for a bad id, an existing file, a wrong value; prompts only at a
terminal; and the installed command in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ropcli.cli import app, write_options
from ropcli.editing.scaffold import fields_to_fill, render
from ropcli.validation.registry import open_registry
from ropcli.yamlio import round_trip_dump, round_trip_load
from tests.conftest import RunCli
from tests.write_support import SAMPLE, added_lines, copy_sample, site_file

FULL_NAME = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 27» города Курска"
)
ORGANIZATION = [
    "--name", FULL_NAME, "--short-name", "МБОУ «СОШ № 27»",
    "--inn", "4632000002", "--ogrn", "1024600000006", "--municipality", "kursk",
]  # fmt: skip
GIVEN = {f"/organization/{k}" for k in ("full_name", "short_name", "type", "inn", "ogrn")}


def _validate(cli: RunCli, root: Path, site_id: str) -> list[dict[str, object]]:
    path = str(root / "sites" / f"{site_id}.yaml")
    result = cli("--registry", str(root), "validate", "--format", "json", path)
    problems: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return problems


def test_new_site_validates_except_the_fields_left_to_fill(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    result = cli("--registry", str(root), "new", "kursk-sosh-27", *ORGANIZATION)
    assert result.exit_code == 0, result.output
    assert "Создан sites/kursk-sosh-27.yaml" in result.stderr
    content = site_file(root, "kursk-sosh-27").read_text(encoding="utf-8")
    data = yaml.safe_load(content)
    assert data["organization"]["full_name"] == FULL_NAME
    assert data["organization"]["inn"] == "4632000002" and 'inn: "4632000002"' in content
    assert data["organization"]["type"] == "school"

    problems = _validate(cli, root, "kursk-sosh-27")
    to_fill = fields_to_fill(content)
    assert {str(p["pointer"]) for p in problems} == to_fill  # exactly those fields
    assert not to_fill & (GIVEN | {"/organization/municipality"})
    assert {"/application/date", "/passport/forms", "/passport/contact/email"} <= to_fill
    # A draft (no application date): each field left to fill is a warning, not an error.
    assert {(p["rule"], p["severity"]) for p in problems} == {("incomplete", "warning")}
    assert f"осталось заполнить полей: {len(to_fill)}" in result.stderr.lower()
    # The rest of the register is not disturbed by the newcomer.
    assert (
        cli("--registry", str(root), "validate", str(site_file(root, "kursk-sosh-5"))).exit_code
        == 0
    )


def test_new_site_without_options_leaves_the_organization_to_fill(
    tmp_path: Path, cli: RunCli
) -> None:
    root = copy_sample(tmp_path)
    assert cli("--registry", str(root), "new", "kursk-sosh-28").exit_code == 0
    content = site_file(root, "kursk-sosh-28").read_text(encoding="utf-8")
    problems = _validate(cli, root, "kursk-sosh-28")
    pointers = {str(p["pointer"]) for p in problems}
    assert pointers == fields_to_fill(content)
    assert GIVEN - {"/organization/type"} <= pointers


def test_scaffold_is_commented_and_round_trips(tmp_path: Path) -> None:
    registry = open_registry(copy_sample(tmp_path))
    content = render(registry, "kursk-sosh-27", {"full_name": FULL_NAME, "inn": "4632000002"})
    assert content.startswith("schema_version: 1\nid: kursk-sosh-27\n# Новая площадка")
    # Beside the project's schemas/, as the sample is, editors are pointed at the schema.
    shutil.copytree(SAMPLE.parent / "schemas", tmp_path / "schemas")
    content = render(registry, "kursk-sosh-27", {"full_name": FULL_NAME, "inn": "4632000002"})
    assert content.startswith("# yaml-language-server: $schema=../../schemas/site.schema.json\n")
    assert "(прил. 1 пп. 1.1–1.5)" in content and "# 12. Контактное лицо" in content
    assert not [line for line in content.splitlines() if line != line.rstrip()]
    # ropcli record can later add to it line by line.
    assert round_trip_dump(round_trip_load(content)) == content


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        (["--inn", "4632000003"], "identifier-checksums"),  # checksum
        (["--inn", "4632024170"], "unique-identifiers"),  # kursk-sosh-5's ИНН
    ],
)
def test_a_wrong_given_value_refuses_the_file(
    tmp_path: Path, cli: RunCli, args: list[str], rule: str
) -> None:
    root = copy_sample(tmp_path)
    result = cli("--registry", str(root), "new", "kursk-sosh-27", *args)
    assert result.exit_code == 1
    assert f"[{rule}" in result.stderr and "не записано" in result.stderr
    assert not site_file(root, "kursk-sosh-27").exists()


def test_an_existing_site_is_never_replaced(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, "kursk-sosh-5").read_bytes()
    result = cli("--registry", str(root), "new", "kursk-sosh-5", *ORGANIZATION)
    assert result.exit_code == 3 and "уже есть" in result.stderr
    assert site_file(root, "kursk-sosh-5").read_bytes() == before


@pytest.mark.parametrize(
    "site_id", ["Kursk-5", "kursk_sosh", "kursk--5", "kursk-", "школа", "abc\n", "kursk-5\n"]
)  # «$» would let a trailing line break through: the whole id must match
def test_a_bad_id_is_a_usage_error(tmp_path: Path, cli: RunCli, site_id: str) -> None:
    root = copy_sample(tmp_path)
    result = cli("--registry", str(root), "new", site_id)
    assert result.exit_code == 2 and "не годится как id" in result.stderr
    assert "\n" not in result.stderr.rstrip("\n")  # the line break is shown as «\n»
    assert sorted(p.name for p in (root / "sites").iterdir()) == sorted(
        p.name for p in (SAMPLE / "sites").iterdir()
    )


def test_dry_run_prints_the_new_file_as_a_diff(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    result = cli("--registry", str(root), "new", "kursk-sosh-27", *ORGANIZATION, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("--- /dev/null\n+++ b/sites/kursk-sosh-27.yaml\n")
    assert f"+  full_name: {FULL_NAME}\n" in result.stdout
    assert not site_file(root, "kursk-sosh-27").exists()


def test_prompts_only_at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path)
    monkeypatch.setattr(write_options, "interactive", lambda: True)
    answers = f"{FULL_NAME}\n\n\n4632000002\n1024600000006\nkursk\n"  # short name: later
    result = CliRunner().invoke(
        app, ["--registry", str(root), "new", "kursk-sosh-27"], input=answers
    )
    assert result.exit_code == 0, result.output
    organization = yaml.safe_load(site_file(root, "kursk-sosh-27").read_bytes())["organization"]
    assert organization["full_name"] == FULL_NAME and organization["short_name"] is None
    assert organization["type"] == "school" and organization["municipality"] == "kursk"


def _installed_ropcli() -> list[str]:
    exe = shutil.which("ropcli", path=str(Path(sys.executable).parent)) or shutil.which("ropcli")
    return [exe] if exe else [sys.executable, "-m", "ropcli"]


def test_installed_command_writes_in_a_subprocess(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_installed_ropcli(), "--registry", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    created = run("new", "kursk-sosh-27", *ORGANIZATION)
    assert created.returncode == 0 and "Traceback" not in created.stderr
    assert site_file(root, "kursk-sosh-27").is_file()

    before = site_file(root, "medven-sosh-1").read_bytes()
    args = ["--order", "1-600", "--order-date", "2026-08-20", "--start", "2026-09-01"]
    assigned = run("record", "assign", "medven-sosh-1", *args)
    assert assigned.returncode == 0, assigned.stderr
    assert assigned.stdout.startswith("--- a/sites/medven-sosh-1.yaml\n")
    assert "history:\n" in added_lines(before, site_file(root, "medven-sosh-1").read_bytes())

    missing = run("record", "agreement", "kursky-seym-sosh", "--date", "2026-10-20")
    assert missing.returncode == 2 and "--coordinator" in missing.stderr  # no prompt: no tty


def test_a_registry_may_bring_its_own_scaffold(tmp_path: Path, cli: RunCli) -> None:
    root = tmp_path / "registry"
    (root / "templates").mkdir(parents=True)  # and no sites/ yet: new creates it
    (root / "ropcli.yaml").write_text("region: Курская область\n", encoding="utf-8")
    own = (SAMPLE / "sites" / "kursky-seym-sosh.yaml").read_text(encoding="utf-8")
    own = own.replace("id: kursky-seym-sosh", "id: {{ id }}").replace(
        "  website: https://seym-sosh.example.ru", "  website:"
    )
    (root / "templates" / "site-scaffold.yaml.j2").write_text(own, encoding="utf-8")
    result = cli("--registry", str(root), "new", "kursk-sosh-27")
    assert result.exit_code == 0, result.output
    assert "Осталось заполнить полей: 1." in result.stderr
    problems = _validate(cli, root, "kursk-sosh-27")
    assert [p["pointer"] for p in problems] == ["/organization/website"]
