"""`ropcli diff --base REF` on real git repositories made in tmp_path.

The registry lies in `registry/` inside the repository, as in the project itself, so the CI
formats must name files from the top of the checkout (`registry/sites/…`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SITE_TEXT, MakeRegistry, RunCli, edited

NEW_EVENT = """\
  - event: revoked
    order: {number: "1-77", date: 2027-02-10}
    date: 2027-02-10
    reason: negative_effects
    agreed: {expert_commission: 2027-02-01, regional_center: 2027-02-03}
"""
LAST_TERM = "    term: {start: 2026-06-20, years: 3}\n"
FIRST_REPORT = (
    "  - {kind: annual, term: 1, year: 1, submitted: 2024-07-08, agreed: 2024-07-03, "
    "url: https://sosh5-kursk.example.ru/docs/otchet-rop-2024.pdf}\n"
)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def commit_registry(root: Path) -> Path:
    """`root` committed as branch main of a fresh repository one level up."""
    top = root.parent
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.name", "Тест")
    git(top, "config", "user.email", "test@example.org")
    git(top, "config", "commit.gpgsign", "false")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Реестр")
    return root


@pytest.fixture
def registry(make_registry: MakeRegistry) -> Path:
    """A registry with one valid site, committed in a fresh repository one level up."""
    return commit_registry(make_registry({"site.yaml": SITE_TEXT}))


def write(root: Path, text: str, name: str = "site.yaml") -> None:
    (root / "sites" / name).write_text(text, encoding="utf-8")


def run_json(cli: RunCli, root: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = cli("--registry", str(root), "diff", "--base", "HEAD", "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


def rules(data: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [(p["rule"], p["line"], p["pointer"]) for p in data["problems"]]


def test_no_changes_pass(registry: Path, cli: RunCli) -> None:
    code, data = run_json(cli, registry)
    assert (code, data) == (0, {"ok": True, "files": 0, "problems": []})


def test_deleted_site_file_is_refused(registry: Path, cli: RunCli) -> None:
    (registry / "sites" / "site.yaml").unlink()
    code, data = run_json(cli, registry)
    assert code == 1
    assert [(p["file"], p["line"], p["rule"], p["clause"]) for p in data["problems"]] == [
        ("sites/site.yaml", 1, "site-deleted", "6.1")
    ]


def test_edited_order_number_is_refused_at_the_changed_value(registry: Path, cli: RunCli) -> None:
    write(registry, edited(SITE_TEXT, ('number: "1-512"', 'number: "1-513"')))
    code, data = run_json(cli, registry)
    assert code == 1
    assert rules(data) == [("append-only", 135, "/history/0/order/number")]
    message = data["problems"][0]["message"]
    assert "«1-512» → «1-513»" in message and "присвоение" in message


def test_text_output_shows_the_changed_line(registry: Path, cli: RunCli) -> None:
    write(registry, edited(SITE_TEXT, ('number: "1-512"', 'number: "1-513"')))
    lines = cli("--registry", str(registry), "diff", "--base", "HEAD").stdout.splitlines()
    assert lines[0].startswith("sites/site.yaml:135:21: ошибка: событие истории «присвоение»")
    assert lines[1].strip() == '135 |     order: {number: "1-513", date: 2023-06-14}'
    assert lines[2].index("^") == lines[1].index('"1-513"')


def test_removed_report_is_refused(registry: Path, cli: RunCli) -> None:
    write(registry, edited(SITE_TEXT, (FIRST_REPORT, "")))
    code, data = run_json(cli, registry)
    assert code == 1
    assert ("append-only", 148, "/reports") in rules(data)
    problem = next(p for p in data["problems"] if p["rule"] == "append-only")
    assert (
        "ежегодный отчёт, срок 1, год 1" in problem["message"] and "удалена" in problem["message"]
    )


def test_agreement_added_to_an_existing_report_is_a_completion(registry: Path, cli: RunCli) -> None:
    unagreed = edited(SITE_TEXT, (", agreed: 2024-07-03,", ","))
    write(registry, unagreed)
    git(registry.parent, "commit", "-q", "-am", "Отчёт без согласования")
    write(registry, SITE_TEXT)  # the same entry, now with `agreed`
    assert run_json(cli, registry) == (0, {"ok": True, "files": 1, "problems": []})
    changed = edited(
        unagreed, ("submitted: 2024-07-08,", "submitted: 2024-07-09, agreed: 2024-07-03,")
    )
    write(registry, changed)
    code, data = run_json(cli, registry)
    assert code == 1 and [p["rule"] for p in data["problems"]] == ["append-only"]


def test_reordered_keys_quoting_and_comments_pass(registry: Path, cli: RunCli) -> None:
    text = edited(
        SITE_TEXT,
        (
            '  - event: assigned\n    order: {number: "1-512", date: 2023-06-14}\n',
            "  - order: {date: \"2023-06-14\", number: '1-512'}  # приказ\n    event: assigned\n",
        ),
        ("  # Статус присвоен приказом министерства на три года.\n", ""),
        ("agreed: 2024-07-03, url:", "url:"),
        ("otchet-rop-2024.pdf}", "otchet-rop-2024.pdf, agreed: 2024-07-03}"),
    )
    write(registry, text)
    code, data = run_json(cli, registry)
    assert (code, data["files"], data["problems"]) == (0, 1, [])


def test_comment_only_change_passes(registry: Path, cli: RunCli) -> None:
    write(registry, "# Файл площадки: правки только дополнением\n" + SITE_TEXT)
    assert run_json(cli, registry) == (0, {"ok": True, "files": 1, "problems": []})


def test_new_valid_event_and_report_pass(registry: Path, cli: RunCli) -> None:
    text = edited(
        SITE_TEXT,
        (LAST_TERM, LAST_TERM + NEW_EVENT),
        ("rop-2026.pdf}\n", "rop-2026.pdf}\n  - {kind: interim, term: 2, submitted: 2026-12-20}\n"),
    )
    write(registry, text)
    assert run_json(cli, registry) == (0, {"ok": True, "files": 1, "problems": []})


def test_new_event_dated_before_the_last_is_refused_once(registry: Path, cli: RunCli) -> None:
    early = NEW_EVENT.replace("2027-02-", "2026-02-").replace("2027-01-", "2026-01-")
    write(registry, edited(SITE_TEXT, (LAST_TERM, LAST_TERM + early)))
    code, data = run_json(cli, registry)
    assert code == 1
    order = [p for p in data["problems"] if p["rule"] == "history-order"]
    assert [(p["line"], p["pointer"]) for p in order] == [(147, "/history/3")]
    assert "05.06.2026" in order[0]["message"]


def test_new_event_inserted_among_old_ones_is_refused(registry: Path, cli: RunCli) -> None:
    request = "  # Заявка на продление с новой практикой (п. 6.9, продление).\n"
    extra = "  - event: extension_requested\n    date: 2026-03-01\n    innovation: Другая\n"
    write(registry, edited(SITE_TEXT, (request, extra + request)))
    code, data = run_json(cli, registry)
    assert code == 1
    assert ("history-order", 137, "/history/1") in rules(data)
    message = next(p["message"] for p in data["problems"] if p["pointer"] == "/history/1")
    assert "вставлено между прежними" in message


def test_moved_event_is_refused(registry: Path, cli: RunCli) -> None:
    lines = SITE_TEXT.splitlines(keepends=True)
    start = lines.index("  # Заявка на продление с новой практикой (п. 6.9, продление).\n")
    block, rest = lines[start : start + 6], lines[:start] + lines[start + 6 :]
    end = rest.index(LAST_TERM) + 1
    write(registry, "".join(rest[:end] + block + rest[end:]))
    code, data = run_json(cli, registry)
    assert code == 1
    moved = [p for p in data["problems"] if p["rule"] == "append-only"]
    assert [p["message"].split(" перемещено ")[1][:21] for p in moved] == ["с места 3 на место 2:"]


def test_id_change_is_refused(registry: Path, cli: RunCli) -> None:
    write(registry, edited(SITE_TEXT, ("id: site\n", "id: site-new\n")))
    code, data = run_json(cli, registry)
    assert code == 1
    found = {p["rule"] for p in data["problems"]}
    assert "id-changed" in found and "id-matches-file" in found
    changed = next(p for p in data["problems"] if p["rule"] == "id-changed")
    assert changed["pointer"] == "/id" and "«site»" in changed["message"]


def test_new_untracked_file_is_validated(registry: Path, cli: RunCli) -> None:
    write(registry, "id: [\n", "broken.yaml")
    code, data = run_json(cli, registry)
    assert code == 1 and data["files"] == 1
    assert {(p["file"], p["rule"]) for p in data["problems"]} == {("sites/broken.yaml", "yaml")}


def test_changed_settings_recheck_every_file(registry: Path, cli: RunCli) -> None:
    (registry / "ropcli.yaml").write_text("term:\n  max_years: 2\n", encoding="utf-8")
    code, data = run_json(cli, registry, "--allow-settings")
    assert code == 1 and data["files"] == 1
    assert {p["rule"] for p in data["problems"]} == {"term-cap"}
    code, data = run_json(cli, registry)  # not accepted: the change itself is a finding too
    assert code == 1 and data["files"] == 2
    assert {p["rule"] for p in data["problems"]} == {"term-cap", "settings-changed"}


def test_ci_formats_name_files_from_the_top_of_the_checkout(registry: Path, cli: RunCli) -> None:
    write(registry, edited(SITE_TEXT, ('number: "1-512"', 'number: "1-513"')))
    base = ("--registry", str(registry), "diff", "--base", "HEAD", "--format")
    github = cli(*base, "github").stdout.splitlines()[0]
    assert github.startswith("::error file=registry/sites/site.yaml,line=135,col=21,")
    sarif = json.loads(cli(*base, "sarif").stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "registry/sites/site.yaml"
    gitlab = json.loads(cli(*base, "gitlab").stdout)
    assert gitlab[0]["location"] == {"path": "registry/sites/site.yaml", "lines": {"begin": 135}}


def test_what_the_target_branch_gained_later_is_not_a_removal(registry: Path, cli: RunCli) -> None:
    top = registry.parent
    git(top, "checkout", "-q", "-b", "pull-request")
    git(top, "checkout", "-q", "main")
    write(registry, edited(SITE_TEXT, (LAST_TERM, LAST_TERM + NEW_EVENT)))
    git(top, "commit", "-q", "-am", "Досрочное снятие")
    git(top, "checkout", "-q", "pull-request")
    write(registry, "# Правка ветки\n" + SITE_TEXT)
    result = cli("--registry", str(registry), "diff", "--base", "main", "--format", "json")
    assert result.exit_code == 0, result.stdout


def test_missing_ref_is_exit_3_with_a_hint(registry: Path, cli: RunCli) -> None:
    result = cli("--registry", str(registry), "diff", "--base", "origin/main")
    assert result.exit_code == 3 and result.stdout == ""
    assert "нет ревизии «origin/main»" in result.stderr and "fetch-depth: 0" in result.stderr


def test_not_a_git_checkout_is_exit_3(
    make_registry: MakeRegistry, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root.parent))
    result = cli("--registry", str(root), "diff", "--base", "HEAD")
    assert result.exit_code == 3
    assert "не лежит в git-репозитории" in result.stderr


def test_base_is_required(registry: Path, cli: RunCli) -> None:
    assert cli("--registry", str(registry), "diff").exit_code == 2


def _installed_ropcli() -> list[str]:
    exe = shutil.which("ropcli", path=str(Path(sys.executable).parent)) or shutil.which("ropcli")
    return [exe] if exe else [sys.executable, "-m", "ropcli"]


def test_installed_ropcli_diff_in_a_subprocess(registry: Path) -> None:
    git(registry.parent, "checkout", "-q", "-b", "pull-request")
    write(registry, edited(SITE_TEXT, (FIRST_REPORT, "")))
    git(registry.parent, "commit", "-q", "-am", "Убрать отчёт")
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "true"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(
        [*_installed_ropcli(), "diff", "--base", "main"],
        cwd=registry / "sites",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=registry/sites/site.yaml,line=148,col=1,")
    assert "Traceback" not in done.stderr


def _project_snapshot(folder: Path) -> Path:
    """The project's working tree (untracked files too) committed in a repository of its own:
    `try-repo` on the checkout itself would leave out untracked files."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "snap")
    return folder


def test_pre_commit_try_repo(
    registry: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit to run this test)")
    if not (REPO / ".git").exists():
        pytest.skip("the project is not a git checkout: pre-commit try-repo needs one")
    project = _project_snapshot(tmp_path_factory.mktemp("ropcli"))  # outside the registry repo
    top = registry.parent
    write(
        registry,
        edited(
            SITE_TEXT,
            ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2026-06-20}"),
        ),
    )
    git(top, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "NO_COLOR": "1"}

    def try_repo(*hook: str) -> subprocess.CompletedProcess[str]:
        command = [exe, "try-repo", str(project), *hook, "--all-files"]
        return subprocess.run(
            command,
            cwd=top,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            check=False,
            timeout=600,
        )

    done = try_repo("ropcli-validate")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "sites/site.yaml:136:36" in output and "term-cap" in output
    (registry / "sites" / "site.yaml").write_text(SITE_TEXT, encoding="utf-8")
    git(top, "add", "-A")
    again = try_repo()
    assert again.returncode == 0, again.stdout + again.stderr
