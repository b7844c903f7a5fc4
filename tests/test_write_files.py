"""What a write does to the file itself: a read-only file is refused, the owner and group
stay, a hard-linked file stays linked; and `--out -` is standard output, not a file «-»."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.write_support import added_lines, copy_sample, site_file

SITE = "zhel-cdt"
ACTIVITY = ["record", "activity", SITE, "--date", "2027-03-10", "--kind", "seminar"]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="owners, hard links, ttys: POSIX")


def _record(cli: RunCli, root: Path, title: str, *extra: str) -> tuple[int, str, str]:
    result = cli("--registry", str(root), *ACTIVITY, "--title", title, *extra)
    return result.exit_code, result.stdout, result.stderr


def test_a_read_only_site_file_is_refused(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, SITE)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        code, stdout, stderr = _record(cli, root, "Семинар")
        assert code == 3, stderr
        assert f"sites/{SITE}.yaml защищён от записи (только для чтения)" in stderr
        assert "снимите защиту" in stderr and "файл не изменён" in stderr
        assert stdout == ""  # refused before the diff
        assert path.read_bytes() == before
        assert stat.S_IMODE(path.stat().st_mode) == 0o444

        code, stdout, _ = _record(cli, root, "Семинар", "--dry-run")  # showing is not writing
        assert code == 0 and "+  - {date: 2027-03-10, kind: seminar, title: Семинар}" in stdout
    finally:
        path.chmod(0o644)
    code, _, stderr = _record(cli, root, "Семинар")
    assert code == 0, stderr


def test_a_hard_linked_site_file_stays_linked(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, SITE)
    twin = tmp_path / "копия-площадки.yaml"
    os.link(path, twin)
    before = path.read_bytes()
    code, _, stderr = _record(cli, root, "Семинар по ссылке")
    assert code == 0, stderr
    assert os.path.samefile(path, twin) and path.stat().st_nlink == 2
    assert twin.read_bytes() == path.read_bytes() != before
    assert "title: Семинар по ссылке" in "".join(added_lines(before, twin.read_bytes()))
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []
    assert cli("--registry", str(root), "validate", "--strict").exit_code == 0


@POSIX
def test_the_owner_and_group_stay(tmp_path: Path, cli: RunCli) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another owner takes root")
    root = copy_sample(tmp_path)
    path = site_file(root, SITE)
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    code, _, stderr = _record(cli, root, "Семинар")
    assert code == 0, stderr
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)
    assert path.stat().st_nlink == 1  # replaced, not written in place


def test_out_dash_is_standard_output(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path)
    monkeypatch.chdir(tmp_path)
    for command in ("status", "reports"):
        for form in ("csv", "json", "ics"):
            if (command, form) == ("status", "ics"):
                continue
            # Not quiet: no «Записан файл» line may end up among the data.
            args = ["--registry", str(root), command, "--on", "2026-09-01", "--format", form]
            shown = cli(*args)
            written = cli(*args, "--out", "-")
            assert written.exit_code == shown.exit_code == 0, written.output
            assert written.stdout_bytes == shown.stdout_bytes
            assert not (tmp_path / "-").exists()
    statuses = json.loads(cli("--registry", str(root), "status", "--format", "json",
                              "--out", "-").stdout)  # fmt: skip
    assert statuses["sites"]
    table = cli("--registry", str(root), "reports", "--on", "2026-09-01", "--out", "-")
    assert (
        table.exit_code == 0
        and table.stdout == cli("--registry", str(root), "reports", "--on", "2026-09-01").stdout
    )
    # A file really named «-» is still possible, named with its folder («./-» is «-» to
    # pathlib, which typer's Path options use).
    named = cli(
        "-q", "--registry", str(root), "status", "--format", "csv", "--out", str(tmp_path / "-")
    )
    assert named.exit_code == 0 and (tmp_path / "-").read_bytes().startswith(b"\xef\xbb\xbf")


def test_out_to_a_read_only_file_is_refused_even_with_force(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    out = tmp_path / "reports.csv"
    out.write_text("старое", encoding="utf-8")
    out.chmod(0o444)
    try:
        result = cli("--registry", str(root), "reports", "--out", str(out), "--force")
        assert result.exit_code == 3
        assert "защищён от записи" in result.stderr
        assert out.read_text(encoding="utf-8") == "старое"
    finally:
        out.chmod(0o644)


BINARY_TO = """
import sys
from pathlib import Path
from ropcli.output.files import write_output
from ropcli.core.problems import RopcliError
try:
    write_output(Path("-"), b"PK\\x03\\x04\\x00\\x00docx", force=False)
except RopcliError as exc:
    print(int(exc.exit_code), exc.message, file=sys.stderr)
"""


@POSIX
def test_binary_bytes_go_to_a_pipe_but_not_to_a_terminal() -> None:
    import pty

    piped = subprocess.run([sys.executable, "-c", BINARY_TO], capture_output=True, check=True)
    assert piped.stdout == b"PK\x03\x04\x00\x00docx" and piped.stderr == b""

    leader, follower = pty.openpty()
    try:
        terminal = subprocess.run(
            [sys.executable, "-c", BINARY_TO], stdout=follower, stderr=subprocess.PIPE, check=True
        )
    finally:
        os.close(follower)
        os.close(leader)
    message = terminal.stderr.decode("utf-8")
    assert message.startswith("2 --out -: это двоичный файл"), message
    assert "перенаправьте вывод в файл" in message
