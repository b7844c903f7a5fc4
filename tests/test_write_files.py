"""`--out -` is standard output, not a file «-»."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.test_write_support import copy_sample

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="a terminal: POSIX")


def test_out_dash_is_standard_output(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path)
    monkeypatch.chdir(tmp_path)
    for command in ("status", "reports"):
        for form in ("csv", "json", "ics"):
            if (command, form) == ("status", "ics"):
                continue
            args = ["-q", "--registry", str(root), command, "--on", "2026-09-01", "--format", form]
            shown = cli(*args)
            written = cli(*args, "--out", "-")
            assert written.exit_code == shown.exit_code == 0, written.output
            assert written.stdout_bytes == shown.stdout_bytes
            assert not (tmp_path / "-").exists()
    statuses = json.loads(cli("-q", "--registry", str(root), "status", "--format", "json",
                              "--out", "-").stdout)  # fmt: skip
    assert statuses["sites"]
    # A file really named «-» is still possible, named with its folder («./-» is «-» to
    # pathlib, which typer's Path options use).
    named = cli(
        "-q", "--registry", str(root), "status", "--format", "csv", "--out", str(tmp_path / "-")
    )
    assert named.exit_code == 0 and (tmp_path / "-").read_bytes().startswith(b"\xef\xbb\xbf")


BINARY_TO = """
import sys
from pathlib import Path
from ropcli.outfile import write_output
from ropcli.problems import RopcliError
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
