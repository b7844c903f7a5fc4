"""`python -m ropcli` and the `ropcli` script: `--version` answered before the command line loads.

Importing `ropcli.cli` registers every command (Typer, the command modules and what they
import at the top) — about a tenth of a second that `ropcli --version`, run by scripts and
package checks, need not pay. Everything else goes to `ropcli.cli.main` unchanged.
"""

from __future__ import annotations

import sys

from ropcli import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"ropcli {__version__}\n")
        return
    from ropcli.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
