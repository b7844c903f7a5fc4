"""`ropcli diff --base` against pull requests that try to walk around the append-only check.

Every case is a real git repository in tmp_path: the registry (`registry/` inside the
repository) is committed on `main`, a pull request is a branch with commits of its own, and
the check is `ropcli diff --base main` — as in CI. Each walk-around must end with a Russian
message naming the file and exit 1.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SETTINGS_TEXT, SITE_TEXT, MakeRegistry, RunCli, edited

SITE = "kursk-sosh-5"
TEXT = edited(SITE_TEXT, ("id: site\n", f"id: {SITE}\n"))
ORDER = ('number: "1-512"', 'number: "1-521"')
CONCLUSION = '  expert_conclusion: {date: 2023-05-25, protocol: "4", decision: approved}\n'
AGREEMENT = (
    "  municipal_agreement: {date: 2023-04-26, coordinator: Комитет образования города Курска}\n"
)


class Repo:
    """A git repository with the registry in `registry/`: commit, branch, check."""

    def __init__(self, top: Path, cli: RunCli) -> None:
        self.top, self.root, self.cli = top, top / "registry", cli

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.top, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, file: str, text: str) -> Path:
        path = self.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.write_text(text, encoding="utf-8")
        return path

    def link(self, file: str, target: str) -> None:
        path = self.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.symlink_to(target)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)

    def merge_into_main(self, name: str) -> None:
        """As if the pull request had passed the check before: its commits are on main."""
        self.git("checkout", "-q", "main")
        self.git("merge", "-q", "--no-ff", "-m", f"Merge {name}", name)

    def diff(self, *extra: str, format: str = "json") -> tuple[int, Any]:
        result = self.cli(
            "--registry", str(self.root), "diff", "--base", "main", "--format", format, *extra
        )
        assert "Traceback" not in result.stderr
        if format in ("json", "sarif", "gitlab"):
            return result.exit_code, json.loads(result.stdout)
        return result.exit_code, result.stdout


@pytest.fixture
def repo(make_registry: MakeRegistry, cli: RunCli) -> Repo:
    root = make_registry({f"{SITE}.yaml": TEXT})
    made = Repo(root.parent, cli)
    made.git("init", "-q", "-b", "main")
    made.git("config", "user.name", "Тест")
    made.git("config", "user.email", "test@example.org")
    made.git("config", "commit.gpgsign", "false")
    made.commit("Реестр")
    return made


def found(data: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((p["file"], p["rule"]) for p in data["problems"])


def message(data: dict[str, Any], rule: str) -> str:
    return next(p["message"] for p in data["problems"] if p["rule"] == rule)


# --- 1. links and renames: what a site path means, not what git's entry is ---


def test_site_file_turned_into_a_link_with_the_same_text_is_refused(repo: Repo) -> None:
    repo.branch("pr-1")
    repo.write("data/k5.yaml", TEXT)
    repo.link(f"sites/{SITE}.yaml", "../data/k5.yaml")
    repo.commit("Файл площадки — в data/")
    code, data = repo.diff()
    assert code == 1
    assert found(data) == [(f"sites/{SITE}.yaml", "site-symlink")]
    text = message(data, "site-symlink")
    assert f"sites/{SITE}.yaml — символическая ссылка на ../data/k5.yaml" in text
    assert "замените ссылку самим файлом" in text


def test_edit_behind_an_old_link_is_compared_with_the_site(repo: Repo) -> None:
    """PR 1 (the link) got in before the check knew links; PR 2 edits the linked file."""
    repo.branch("pr-1")
    repo.write("data/k5.yaml", TEXT)
    repo.link(f"sites/{SITE}.yaml", "../data/k5.yaml")
    repo.commit("Файл площадки — в data/")
    repo.merge_into_main("pr-1")
    assert repo.diff()[0] == 0  # on main itself: nothing changed, an old link is not news
    repo.branch("pr-2")
    repo.write("data/k5.yaml", edited(TEXT, ORDER))
    repo.commit("Исправить номер приказа")
    code, data = repo.diff()
    assert code == 1
    assert found(data) == [
        (f"sites/{SITE}.yaml", "append-only"),
        (f"sites/{SITE}.yaml", "site-symlink"),
    ]
    edit = next(p for p in data["problems"] if p["rule"] == "append-only")
    assert (edit["line"], edit["pointer"]) == (135, "/history/0/order/number")
    assert "«1-512» → «1-521»" in edit["message"]


def test_site_file_added_as_a_link_is_refused(repo: Repo) -> None:
    repo.branch("pr")
    other = edited(TEXT, (f"id: {SITE}\n", "id: kursk-sosh-6\n"))
    repo.write("data/k6.yaml", other)
    repo.link("sites/kursk-sosh-6.yaml", "../data/k6.yaml")
    repo.commit("Новая площадка ссылкой")
    code, data = repo.diff()
    assert code == 1
    assert ("sites/kursk-sosh-6.yaml", "site-symlink") in found(data)
    assert "сверено с прежним" not in message(data, "site-symlink")  # there was none


def test_link_target_is_shown_escaped(repo: Repo) -> None:
    repo.branch("pr")
    target = "../data/k5.yaml\n::error file=x::подделка\x1b[2J"
    repo.link(f"sites/{SITE}.yaml", target)
    code, data = repo.diff()
    assert code == 1
    text = message(data, "site-symlink")
    assert "\n" not in text and "\x1b" not in text
    assert "k5.yaml\\n::error" in text and "\\x1b[2J" in text


def test_link_out_of_the_repository_is_refused_and_not_read(
    repo: Repo, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.yaml"
    secret.write_text("token: совершенно-секретно\n[\n", encoding="utf-8")
    repo.branch("pr")
    repo.link(f"sites/{SITE}.yaml", str(secret))
    repo.link("sites/kursk-sosh-7.yaml", "../../.git/config")
    code, data = repo.diff()
    assert code == 1
    assert found(data) == [
        (f"sites/{SITE}.yaml", "site-symlink"),
        ("sites/kursk-sosh-7.yaml", "site-symlink"),
    ]
    assert "за пределы репозитория" in message(data, "site-symlink")
    code, text = repo.diff(format="text")
    assert "совершенно-секретно" not in text and "[core]" not in text


def test_sites_folder_turned_into_a_link_is_refused(repo: Repo, cli: RunCli) -> None:
    repo.branch("pr")
    (repo.root / "data").mkdir()
    (repo.root / "sites").rename(repo.root / "data" / "sites")
    repo.link("sites", "data/sites")
    repo.write("data/sites/kursk-sosh-5.yaml", edited(TEXT, ORDER))
    repo.commit("Площадки — в data/sites")
    result = cli("--registry", str(repo.root), "diff", "--base", "main", "--format", "json")
    # Opening the registry may already refuse a linked sites/ (exit 3, "cannot check");
    # if it does not, diff reports the link and compares the files behind it (exit 1).
    assert result.exit_code in (1, 3), result.stdout + result.stderr
    if result.exit_code == 3:
        assert "sites/" in result.stderr and "символическая ссылка" in result.stderr
    else:
        data = json.loads(result.stdout)
        assert ("sites", "site-symlink") in found(data)
        assert (f"sites/{SITE}.yaml", "append-only") in found(data)


def test_registry_folder_turned_into_a_link_is_refused(repo: Repo, cli: RunCli) -> None:
    repo.branch("pr")
    (repo.top / "registry").rename(repo.top / "copy")
    (repo.top / "registry").symlink_to("copy")
    repo.write(f"sites/{SITE}.yaml", edited(TEXT, ORDER))
    repo.commit("Реестр — в copy/")
    code, data = repo.diff()
    assert code == 1
    assert ("sites", "site-symlink") in found(data)
    assert "папка реестра → copy" in message(data, "site-symlink")


def test_renamed_site_keeping_its_id_is_one_finding_and_compared(repo: Repo) -> None:
    repo.branch("pr")
    repo.git("mv", f"registry/sites/{SITE}.yaml", "registry/sites/kursk-school-5.yaml")
    repo.write("sites/kursk-school-5.yaml", edited(TEXT, ORDER))
    repo.commit("Переименовать файл и поправить приказ")
    code, data = repo.diff()
    assert code == 1
    rules = found(data)
    assert ("sites/kursk-school-5.yaml", "site-renamed") in rules
    assert ("sites/kursk-school-5.yaml", "append-only") in rules  # compared with the old text
    assert (f"sites/{SITE}.yaml", "site-deleted") not in rules  # the rename says it
    renamed = next(p for p in data["problems"] if p["rule"] == "site-renamed")
    assert renamed["pointer"] == "/id"
    renaming = f"sites/{SITE}.yaml (в main) переименован в sites/kursk-school-5.yaml"
    assert renaming in renamed["message"]


def test_rename_with_a_new_id_is_a_rename_and_an_id_change(repo: Repo) -> None:
    repo.branch("pr")
    (repo.root / "sites" / f"{SITE}.yaml").unlink()
    repo.write("sites/kursk-school-5.yaml", edited(TEXT, (f"id: {SITE}\n", "id: kursk-school-5\n")))
    code, data = repo.diff()  # not even committed: untracked files count as added
    assert code == 1
    assert found(data) == [
        ("sites/kursk-school-5.yaml", "id-changed"),
        ("sites/kursk-school-5.yaml", "site-renamed"),
    ]


def test_fixing_an_old_link_passes(repo: Repo) -> None:
    repo.branch("pr-1")
    repo.write("data/k5.yaml", TEXT)
    repo.link(f"sites/{SITE}.yaml", "../data/k5.yaml")
    repo.commit("Ссылка")
    repo.merge_into_main("pr-1")
    repo.branch("pr-2")
    repo.write(f"sites/{SITE}.yaml", TEXT)  # the link replaced by the file itself
    repo.commit("Файл вместо ссылки")
    assert repo.diff() == (0, {"ok": True, "files": 1, "problems": []})


# --- 2. the review of the application is history too ---


@pytest.mark.parametrize(
    ("line", "before", "after", "expected"),
    [
        (
            CONCLUSION,
            CONCLUSION.replace("approved", "rejected"),
            CONCLUSION,
            "заключение Экспертной комиссии от 25.05.2023 (протокол № 4) изменено "
            "(decision: «rejected» → «approved»)",
        ),
        (CONCLUSION, CONCLUSION, CONCLUSION.replace('"4"', '"5"'), "(protocol: «4» → «5»)"),
        (
            CONCLUSION,
            CONCLUSION,
            CONCLUSION.replace("05-25", "05-24"),
            "(date: «2023-05-25» → «2023-05-24»)",
        ),
        (
            AGREEMENT,
            AGREEMENT,
            "",
            "согласование заявки с муниципальным координатором от 26.04.2023 удалено",
        ),
        (
            AGREEMENT,
            AGREEMENT,
            AGREEMENT.replace("города Курска", "Курского района"),
            "(coordinator: «Комитет образования города Курска» → «Комитет образования "
            "Курского района»)",
        ),
    ],
)
def test_rewritten_review_is_refused(
    repo: Repo, line: str, before: str, after: str, expected: str
) -> None:
    base = edited(TEXT, (line, before))
    repo.write(f"sites/{SITE}.yaml", base)
    repo.git("commit", "-q", "--allow-empty", "-am", "Рассмотрение заявки")
    repo.branch("pr")
    repo.write(f"sites/{SITE}.yaml", edited(base, (before, after)))
    repo.commit("Переписать рассмотрение")
    code, data = repo.diff()
    assert code == 1
    assert (f"sites/{SITE}.yaml", "review-rewritten") in found(data)
    problem = next(p for p in data["problems"] if p["rule"] == "review-rewritten")
    assert expected in problem["message"] and problem["clause"] == "6.6"


def test_rewritten_decision_points_at_the_decision(repo: Repo) -> None:
    repo.write(f"sites/{SITE}.yaml", edited(TEXT, ("decision: approved", "decision: rejected")))
    repo.commit("Отказ")
    repo.branch("pr")
    repo.write(f"sites/{SITE}.yaml", TEXT)
    code, text = repo.diff(format="text")
    assert code == 1
    lines = text.splitlines()
    assert lines[0].startswith(f"sites/{SITE}.yaml:122:")
    assert "ошибка: заключение Экспертной комиссии" in lines[0]
    assert lines[0].endswith("[review-rewritten, п. 6.6]")
    assert lines[2].index("^") == lines[1].index("approved")


def test_adding_a_review_that_was_absent_passes(repo: Repo) -> None:
    without = edited(TEXT, (AGREEMENT, ""))
    repo.write(f"sites/{SITE}.yaml", without)
    repo.commit("Без согласования")
    repo.branch("pr")
    repo.write(f"sites/{SITE}.yaml", TEXT)
    repo.commit("Согласование")
    assert repo.diff() == (0, {"ok": True, "files": 1, "problems": []})


# --- 3. the rules themselves: ropcli.yaml and templates/ ---

SETTINGS = SETTINGS_TEXT + "term:\n  max_years: 3\n"
SETTINGS_MESSAGE = (
    "изменены настройки реестра ropcli.yaml: term.max_years 3 → 10 — это меняет правила для "
    "всех площадок; если изменение согласовано, запустите с --allow-settings"
)


def test_changed_settings_are_a_finding_until_allowed(repo: Repo) -> None:
    repo.write("ropcli.yaml", SETTINGS)
    repo.commit("Настройки")
    repo.branch("pr")
    repo.write("ropcli.yaml", SETTINGS.replace("3", "10"))
    repo.commit("Срок до 10 лет")
    code, data = repo.diff()
    assert code == 1
    assert [(p["file"], p["line"], p["column"], p["rule"]) for p in data["problems"]] == [
        ("ropcli.yaml", 3, 14, "settings-changed")
    ]
    assert data["problems"][0]["message"] == SETTINGS_MESSAGE
    assert repo.diff("--allow-settings") == (0, {"ok": True, "files": 1, "problems": []})


def test_settings_comments_and_key_order_change_nothing(repo: Repo) -> None:
    repo.write("ropcli.yaml", SETTINGS)
    repo.commit("Настройки")
    repo.branch("pr")
    repo.write("ropcli.yaml", "# Срок статуса\nterm: {max_years: 3}\n" + SETTINGS_TEXT)
    code, data = repo.diff()
    assert (code, [p["rule"] for p in data["problems"]]) == (0, [])


def test_settings_changed_behind_a_link_are_a_finding(repo: Repo) -> None:
    repo.write("config/settings.yaml", SETTINGS)
    repo.link("ropcli.yaml", "config/settings.yaml")
    repo.commit("Настройки ссылкой")
    repo.branch("pr")
    repo.write("config/settings.yaml", SETTINGS.replace("3", "10"))
    repo.commit("Срок до 10 лет")
    code, data = repo.diff()
    assert code == 1
    assert [p["rule"] for p in data["problems"]] == ["settings-changed"]
    assert "term.max_years 3 → 10" in data["problems"][0]["message"]


def test_removed_settings_file_is_a_finding(repo: Repo) -> None:
    repo.write("ropcli.yaml", SETTINGS)
    repo.commit("Настройки")
    repo.branch("pr")
    (repo.root / "ropcli.yaml").unlink()
    code, data = repo.diff()
    assert code == 1
    text = message(data, "settings-changed")
    assert "файл ropcli.yaml удалён" in text and "убрано term.max_years (было 3)" in text


def test_changed_templates_are_a_finding_until_allowed(repo: Repo) -> None:
    repo.write("templates/order-assign.md.j2", "Приказ\n")
    repo.write("templates/passport.md.j2", "Паспорт\n")
    repo.commit("Шаблоны")
    repo.branch("pr")
    repo.write("templates/order-assign.md.j2", "Приказ (новая редакция)\n")
    (repo.root / "templates" / "passport.md.j2").unlink()
    repo.write("templates/order-revoke.md.j2", "Снятие\n")
    code, data = repo.diff()
    assert code == 1
    assert found(data) == [
        ("templates/order-assign.md.j2", "template-changed"),
        ("templates/order-revoke.md.j2", "template-changed"),
        ("templates/passport.md.j2", "template-changed"),
    ]
    messages = [p["message"] for p in data["problems"]]
    assert messages[0].startswith("изменён шаблон документов templates/order-assign.md.j2: ")
    assert messages[1].startswith("добавлен шаблон документов templates/order-revoke.md.j2")
    assert messages[2].startswith("удалён шаблон документов templates/passport.md.j2")
    accept = "если изменение согласовано, запустите с --allow-settings"
    assert all(m.endswith(accept) for m in messages)
    assert repo.diff("--allow-settings") == (0, {"ok": True, "files": 0, "problems": []})


def test_settings_file_above_the_registry_does_not_hide_it(
    repo: Repo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ropcli looks for ropcli.yaml upwards from the current folder: a new one at the top of
    the checkout would make it check an empty registry there instead of registry/."""
    repo.branch("pr")
    (repo.top / "ropcli.yaml").write_text("# настройки\n", encoding="utf-8")
    (repo.top / "sites").mkdir()
    repo.write(f"sites/{SITE}.yaml", edited(TEXT, ORDER))
    repo.commit("Второй ropcli.yaml")
    monkeypatch.chdir(repo.top)
    for extra in ((), ("--allow-settings",)):
        result = cli("diff", "--base", "main", "--format", "json", *extra)
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        assert found(data) == [("ropcli.yaml", "registry-moved")]
        text = message(data, "registry-moved")
        assert (
            "проверяется папка реестра «корень репозитория», а в main реестр лежит в «registry»"
            in text
        )
    result = cli("--registry", "registry", "diff", "--base", "main", "--format", "json")
    assert found(json.loads(result.stdout)) == [(f"sites/{SITE}.yaml", "append-only")]


# --- 4. same formats and exit codes as validate; the rules are listed ---


def _hostile_branch(repo: Repo) -> None:
    repo.write("ropcli.yaml", SETTINGS)
    repo.commit("Настройки")
    repo.branch("pr")
    repo.write("ropcli.yaml", SETTINGS.replace("3", "10"))
    repo.write("data/k5.yaml", TEXT)
    repo.link(f"sites/{SITE}.yaml", "../data/k5.yaml")
    repo.commit("Всё сразу")


def test_ci_formats_carry_the_new_rules(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile_branch(repo)
    code, text = repo.diff(format="github")
    assert code == 1
    lines = text.splitlines()
    assert lines[0].startswith(
        "::error file=registry/ropcli.yaml,line=3,col=14,title=ropcli%3A settings-changed::"
    )
    assert lines[1].startswith(
        f"::error file=registry/sites/{SITE}.yaml,line=1,col=1,title=ropcli%3A site-symlink::"
    )
    code, sarif = repo.diff(format="sarif")
    assert code == 1
    run = sarif["runs"][0]
    ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {"settings-changed", "template-changed", "site-symlink", "site-renamed"} <= ids
    assert "review-rewritten" in ids
    assert [r["ruleId"] for r in run["results"]] == ["settings-changed", "site-symlink"]
    code, gitlab = repo.diff(format="gitlab")
    assert code == 1
    assert [(g["check_name"], g["location"]["path"]) for g in gitlab] == [
        ("settings-changed", "registry/ropcli.yaml"),
        ("site-symlink", f"registry/sites/{SITE}.yaml"),
    ]


def test_exit_codes_are_those_of_validate(repo: Repo, cli: RunCli) -> None:
    _hostile_branch(repo)
    assert repo.diff("--allow-settings")[0] == 1  # the link is still refused
    assert cli("--registry", str(repo.root), "diff", "--base", "nowhere").exit_code == 3
    assert cli("--registry", str(repo.root), "diff", "--allow-settings").exit_code == 2


def test_rules_lists_the_pull_request_rules(cli: RunCli) -> None:
    rows = json.loads(cli("rules", "--format", "json").stdout)
    pull_request = {r["id"]: r for r in rows if r["source"] == "pull-request"}
    for rule in ("site-symlink", "site-renamed", "review-rewritten", "registry-moved"):
        assert rule in pull_request and pull_request[rule]["severity"] == "error"
    assert "--allow-settings" in pull_request["settings-changed"]["summary"]
    assert "--allow-settings" in pull_request["template-changed"]["summary"]
    assert pull_request["review-rewritten"]["clause"] == "6.6"


def test_diff_help_names_allow_settings(cli: RunCli) -> None:
    result = cli("diff", "--help")
    assert result.exit_code == 0 and "--allow-settings" in result.stdout


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_untracked_link_counts_as_added(repo: Repo) -> None:
    repo.branch("pr")
    repo.write("data/k5.yaml", edited(TEXT, ORDER))
    repo.link(f"sites/{SITE}.yaml", "../data/k5.yaml")  # not committed: the working tree
    code, data = repo.diff()
    assert code == 1
    assert found(data) == [
        (f"sites/{SITE}.yaml", "append-only"),
        (f"sites/{SITE}.yaml", "site-symlink"),
    ]
