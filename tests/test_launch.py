"""`ropcli --version` is answered by the entry point before the command line is imported."""

from __future__ import annotations

import subprocess
import sys

from ropcli import __version__
from tests.cli_support import run_installed


def test_installed_version() -> None:
    done = run_installed("--version")
    assert done.returncode == 0
    assert done.stdout.decode() == f"ropcli {__version__}\n"


def test_version_loads_no_command_line() -> None:
    code = (
        "import sys; sys.argv = ['ropcli', '--version']; from ropcli.__main__ import main; "
        "main(); print(sorted(m for m in ('typer', 'ropcli.cli', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert done.stdout.decode().splitlines() == [f"ropcli {__version__}", "[]"]


def test_python_m_ropcli_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ropcli", "--help"], capture_output=True, check=False
    )
    assert done.returncode == 0 and b"validate" in done.stdout
