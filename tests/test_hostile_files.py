"""A pull request is written by someone else: whatever it puts in `sites/`, reading it ends in
a Russian message naming the file and a non-zero exit — never a hang, a flood of memory, the
content of a file outside the registry, or a traceback.

Every case here was reproduced on the code before these defences.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropcli.validation.check import check
from ropcli.validation.registry import open_registry
from ropcli.yamlio import Document, parse_text
from ropcli.yamlio.files import Refused, read_regular
from tests.conftest import SITE_TEXT, MakeRegistry, RunCli, edited

# A site with one known error (term-cap at 136:36): proves the other files are still checked.
ERROR_SITE = edited(
    SITE_TEXT, ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2026-06-20}")
)
SECRET = "root:x:0:0:секрет-за-пределами-реестра"

needs_links = pytest.mark.skipif(
    not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links"
)
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
needs_devices = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="/dev/zero")


def problems_json(cli: RunCli, root: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = cli("--registry", str(root), "validate", "--format", "json", "--no-cache", *args)
    return result.exit_code, json.loads(result.stdout)["problems"]


def by_file(problems: list[dict[str, object]], file: str) -> dict[str, object]:
    found = [p for p in problems if p["file"] == file]
    assert len(found) == 1, problems
    return found[0]


# --- 1. Only regular files are read ----------------------------------------------------------


@needs_links
@needs_devices
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused_not_read(
    device: str, make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": ERROR_SITE})
    (root / "sites" / "zero.yaml").symlink_to(device)
    code, problems = problems_json(cli, root)
    assert code == 1
    refused = by_file(problems, "sites/zero.yaml")
    assert refused["rule"] == "file-type" and refused["severity"] == "error"
    assert (refused["line"], refused["column"]) == (1, 1)
    assert f"символическая ссылка на «{device}»" in str(refused["message"])
    assert any(p["file"] == "sites/site.yaml" and p["rule"] == "term-cap" for p in problems)


@needs_fifo
def test_a_named_pipe_is_refused_without_waiting(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": ERROR_SITE})
    os.mkfifo(root / "sites" / "pipe.yaml")
    code, problems = problems_json(cli, root)
    assert code == 1
    refused = by_file(problems, "sites/pipe.yaml")
    assert refused["rule"] == "file-type"
    assert "именованный канал (FIFO)" in str(refused["message"])


@needs_devices
def test_a_device_given_by_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused) as refused:
        read_regular(Path("/dev/zero"))
    assert refused.value.rule == "file-type" and "символьное устройство" in refused.value.message


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")
def test_the_size_limit_holds_while_reading_when_the_size_says_zero() -> None:
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0  # what fooled a check by size alone
    with pytest.raises(Refused) as refused:
        read_regular(status, limit=10)
    assert refused.value.rule == "file-size"
    assert len(read_regular(status)) > 10  # within the real limit it is read


def test_a_folder_named_like_a_site_file_stays_unreadable(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": ERROR_SITE})
    (root / "sites" / "folder.yaml").mkdir()
    code, problems = problems_json(cli, root)
    assert code == 1
    assert by_file(problems, "sites/folder.yaml")["rule"] == "unreadable"


# --- 2. Links name where they point and never show what is there ------------------------------


@needs_links
def test_a_link_out_of_the_registry_shows_no_byte_of_its_target(
    make_registry: MakeRegistry, cli: RunCli, tmp_path: Path
) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    root = make_registry({"site.yaml": ERROR_SITE})
    (root / "sites" / "leak.yaml").symlink_to(secret)
    for fmt in ("text", "json", "github", "sarif", "gitlab"):
        result = cli("--registry", str(root), "validate", "--format", fmt, "--no-cache")
        assert result.exit_code == 1, fmt
        assert "секрет" not in result.stdout + result.stderr, fmt
        assert "sites/leak.yaml" in result.stdout, fmt
    text = cli("--registry", str(root), "validate", "--no-cache").stdout
    assert f"sites/leak.yaml:1:1: ошибка: файл — символическая ссылка на «{secret}»" in text


@needs_links
def test_a_link_to_another_file_of_the_registry_is_refused_too(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    (root / "sites" / "copy.yaml").symlink_to("site.yaml")
    (root / "sites" / "nowhere.yaml").symlink_to("missing.yaml")
    code, problems = problems_json(cli, root)
    assert code == 1
    assert {p["file"]: p["rule"] for p in problems} == {
        "sites/copy.yaml": "file-type",
        "sites/nowhere.yaml": "file-type",
    }
    assert "«site.yaml»" in str(by_file(problems, "sites/copy.yaml")["message"])


@needs_links
def test_a_link_given_by_name_is_refused_even_to_a_folder(
    make_registry: MakeRegistry, cli: RunCli, tmp_path: Path
) -> None:
    """A pre-commit hook passes a changed link by name; `sites/x.yaml` linked to a folder
    must not be expanded into that folder's files."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text(SECRET + "\n", encoding="utf-8")
    root = make_registry({"site.yaml": SITE_TEXT})
    (root / "sites" / "x.yaml").symlink_to(elsewhere)
    result = cli("--registry", str(root), "validate", str(root / "sites" / "x.yaml"))
    assert result.exit_code == 1
    assert "секрет" not in result.stdout and "sites/x.yaml:1:1" in result.stdout


@needs_links
@pytest.mark.parametrize("inside", [False, True])
def test_a_linked_sites_folder_cannot_run(
    inside: bool, make_registry: MakeRegistry, cli: RunCli, tmp_path: Path
) -> None:
    root = make_registry({})
    target = root / "real-sites" if inside else tmp_path / "outside"
    target.mkdir()
    (target / "leak.yaml").write_text(SECRET + "\n", encoding="utf-8")
    (root / "sites").rmdir()
    (root / "sites").symlink_to(target)
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 3
    assert "папка sites/ в реестре — символическая ссылка" in result.stderr
    assert "секрет" not in result.stdout + result.stderr


@needs_links
def test_settings_linked_out_of_the_registry_cannot_run(
    make_registry: MakeRegistry, cli: RunCli, tmp_path: Path
) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    root = make_registry({"site.yaml": SITE_TEXT}, settings=None)
    (root / "ropcli.yaml").symlink_to(secret)
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 3
    assert "ropcli.yaml — символическая ссылка" in result.stderr
    assert "за пределы папки реестра" in result.stderr
    assert "секрет" not in result.stdout + result.stderr
    (root / "ropcli.yaml").unlink()
    (root / "ropcli.yaml").symlink_to(root / "gone.yaml")
    broken = cli("--registry", str(root), "validate")
    assert broken.exit_code == 3 and "никуда не ведёт" in broken.stderr


@needs_links
def test_settings_linked_inside_the_registry_are_read(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings=None)
    (root / "config").mkdir()
    (root / "config" / "settings.yaml").write_text("term:\n  max_years: 2\n", encoding="utf-8")
    (root / "ropcli.yaml").symlink_to(Path("config") / "settings.yaml")
    code, problems = problems_json(cli, root)
    assert code == 1 and any(p["rule"] == "term-cap" for p in problems)  # the setting applies


@needs_fifo
def test_settings_that_are_a_pipe_cannot_run(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings=None)
    os.mkfifo(root / "ropcli.yaml")
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 3 and "именованный канал" in result.stderr


# --- 3. Many problems in one file: one pass over its keys -----------------------------------


def test_a_mebibyte_of_unknown_keys_is_reported_key_by_key(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    keys = [f"x{i:x}" for i in range(100_000)]
    text = "schema_version: 1\n" + "".join(f"{key}: 0\n" for key in keys)
    assert 900_000 < len(text) <= 1024 * 1024
    root = make_registry({"many.yaml": text, "site.yaml": ERROR_SITE})
    code, problems = problems_json(cli, root)
    assert code == 1
    unknown = [p for p in problems if p["rule"] == "unknown-key"]
    assert len(unknown) == len(keys)
    lines = {str(p["pointer"]).lstrip("/"): (p["line"], p["column"]) for p in unknown}
    assert all(lines[key] == (n + 2, 1) for n, key in enumerate(keys))
    assert any(p["file"] == "sites/site.yaml" and p["rule"] == "term-cap" for p in problems)


def test_positions_come_from_the_first_of_equal_keys() -> None:
    loaded = parse_text("a: 1\nb:\n  c: 2\n  c: 3\n", "f.yaml")
    document = loaded.document
    assert isinstance(document, Document)
    assert document.position("/b/c") == (3, 6)
    assert document.position("/b/zz") == (2, 1)  # the deepest node there is
    assert document.position("/a/0") == (1, 4)


# --- 4. Numbers that Python cannot or should not convert ------------------------------------


@pytest.mark.parametrize(
    ("value", "length"),
    [
        ("7" * 5000, 5000),
        (":".join(str(i % 60) for i in range(1, 200_001)), None),
        (":".join(str(i % 60) for i in range(1, 200_001)) + ".5", None),
    ],
    ids=["5000-digits", "sexagesimal-int", "sexagesimal-float"],
)
def test_an_endless_number_is_a_problem_on_its_file(
    value: str, length: int | None, make_registry: MakeRegistry, cli: RunCli
) -> None:
    number = edited(SITE_TEXT, ("schema_version: 1", f"schema_version: {value}"))
    root = make_registry({"number.yaml": number, "site.yaml": ERROR_SITE})
    started = time.monotonic()
    code, problems = problems_json(cli, root)
    assert time.monotonic() - started < 20  # seconds of big-number arithmetic no more
    assert code == 1
    loader = [p for p in problems if p["file"] == "sites/number.yaml" and p["rule"] == "yaml"]
    assert [(p["line"], p["column"]) for p in loader] == [(2, 17)]
    assert f"число из {length or len(value)} знаков" in str(loader[0]["message"])
    assert any(p["file"] == "sites/site.yaml" and p["rule"] == "term-cap" for p in problems)


def test_deep_nesting_is_a_problem_not_a_recursion_error(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    deep = "schema_version: 1\nx: " + "[" * 500 + "]" * 500 + "\n"
    deeper = "schema_version: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n"
    root = make_registry({"deep.yaml": deep, "deeper.yaml": deeper, "site.yaml": ERROR_SITE})
    code, problems = problems_json(cli, root)
    assert code == 1
    nested = {p["file"]: p for p in problems if p["rule"] == "yaml"}
    assert "вложенность глубже 64 уровней" in str(nested["sites/deep.yaml"]["message"])
    assert "вложенность глубже 1000 уровней" in str(nested["sites/deeper.yaml"]["message"])


# --- 6. Old Mac line ends ----------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_lone_carriage_returns_are_line_breaks(
    ending: str, make_registry: MakeRegistry, cli: RunCli
) -> None:
    clean = SITE_TEXT.replace("\n", ending)
    broken = ERROR_SITE.replace("\n", ending)
    assert cli("--registry", str(make_registry({"site.yaml": clean})), "validate").exit_code == 0
    result = cli("--registry", str(make_registry({"site.yaml": broken})), "validate")
    assert result.exit_code == 1
    assert "sites/site.yaml:136:36: ошибка" in result.stdout and "файл пуст" not in result.stdout
    assert "  136 |     term: {start: 2023-06-20, end: 2026-06-20}" in result.stdout


def test_a_file_of_comments_with_lone_carriage_returns_is_still_empty(
    make_registry: MakeRegistry,
) -> None:
    root = make_registry({"site.yaml": "# one\r# two\r\r"})
    assert [p.rule for p in check(open_registry(root)).problems] == ["empty-file"]


# --- 7. Control characters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "name", "picture"),
    [("\x07", "U+0007 (BEL)", "␇"), ("\x1b", "U+001B (ESC)", "␛"), ("\x7f", "U+007F", "␡")],
)
def test_a_control_character_is_named_where_it_is(
    character: str, name: str, picture: str, make_registry: MakeRegistry, cli: RunCli
) -> None:
    text = edited(SITE_TEXT, ("  type: school", f"  type: sch{character}ool"))
    text = edited(text, ("  municipality: kursk", f"  municipality: {character}kursk"))
    for ending in ("\n", "\r"):
        root = make_registry({"site.yaml": text.replace("\n", ending), "other.yaml": ERROR_SITE})
        result = cli("--registry", str(root), "validate", "--no-cache")
        assert result.exit_code == 1
        assert (
            f"sites/site.yaml:8:12: ошибка: недопустимый управляющий символ {name}" in result.stdout
        )
        assert "таких символов в файле ещё 1" in result.stdout
        assert f"  8 |   type: sch{picture}ool" in result.stdout  # shown, not sent to the terminal
        assert character not in result.stdout
        assert "sites/other.yaml:136:36" in result.stdout


# --- 5. A file rewritten while the check runs ---------------------------------------------------


def test_a_file_rewritten_during_the_run_is_a_problem_not_a_crash(
    make_registry: MakeRegistry,
) -> None:
    """Four files share an ИНН; once all are checked, two are saved again (an editor, a
    checkout) before the registry-wide rules look up their lines."""
    copy = edited(SITE_TEXT, ("id: site", "id: copy"))
    root = make_registry(
        {"copy.yaml": copy, "fourth.yaml": copy, "site.yaml": SITE_TEXT, "third.yaml": copy}
    )
    sites = root / "sites"
    checked: list[int] = []

    def rewrite(done: int) -> None:
        checked.append(done)
        if sum(checked) == 4:
            (sites / "site.yaml").write_text("schema_version: [\n", encoding="utf-8")
            (sites / "third.yaml").write_text(
                edited(copy, ('inn: "4632024170"', 'inn: "4632000002"')), encoding="utf-8"
            )

    result = check(open_registry(root), workers=1, progress=rewrite)
    assert sum(checked) == 4
    changed = {p.file: p for p in result.problems if "изменился во время проверки" in p.message}
    assert set(changed) == {"sites/site.yaml", "sites/third.yaml"}
    assert {(p.rule, p.line, p.column) for p in changed.values()} == {("unreadable", 1, 1)}
    # The two files that did not change are still compared, with the lines of their values.
    shared = {(p.file, p.line) for p in result.problems if p.rule == "unique-identifiers"}
    assert shared == {
        (f"sites/{name}.yaml", line) for name in ("copy", "fourth") for line in (3, 9, 10)
    }


# --- Through the installed command: nothing hangs, nothing leaks, no traceback ------------------


def _installed_ropcli() -> list[str]:
    exe = shutil.which("ropcli", path=str(Path(sys.executable).parent)) or shutil.which("ropcli")
    return [exe] if exe else [sys.executable, "-m", "ropcli"]


@needs_links
@needs_fifo
@needs_devices
def test_a_hostile_register_through_the_installed_command(
    make_registry: MakeRegistry, tmp_path: Path
) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    root = make_registry(
        {
            "site.yaml": ERROR_SITE,
            "digits.yaml": "schema_version: " + "7" * 5000 + "\n",
            "bell.yaml": "schema_version: 1\nid: \x07\x1b[2J\n",
            "mac.yaml": "# старый Mac\rschema_version: 1\rid: mac\r",
        }
    )
    sites = root / "sites"
    (sites / "zero.yaml").symlink_to("/dev/zero")
    (sites / "random.yaml").symlink_to("/dev/urandom")
    (sites / "leak.yaml").symlink_to(secret)
    os.mkfifo(sites / "pipe.yaml")
    done = subprocess.run(
        [*_installed_ropcli(), "--registry", str(root), "validate"],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stderr == ""
    assert "секрет" not in done.stdout and "\x1b" not in done.stdout
    for name in ("zero", "random", "leak", "pipe"):
        assert f"sites/{name}.yaml:1:1: ошибка: " in done.stdout
    assert "sites/bell.yaml:2:5: ошибка: недопустимый управляющий символ U+0007" in done.stdout
    assert "sites/digits.yaml:1:17: ошибка: число из 5000 знаков" in done.stdout
    assert "sites/mac.yaml" in done.stdout and "файл пуст" not in done.stdout
    assert "sites/site.yaml:136:36" in done.stdout
