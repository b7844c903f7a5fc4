"""`python -m ropcli` and the `ropcli` script: the light answers first, then the command line.

`ropcli --version` and `ropcli --help` (global options allowed before `--help`) are answered
here without importing Typer or any command (`ropcli.cli.help_page` lays out the list of
commands from `ropcli.cli.commands`). Everything else goes to `ropcli.cli.main` unchanged,
whose root group imports only the module of the command being run.
"""

from __future__ import annotations

import sys

from ropcli import __version__


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"ropcli {__version__}\n")
        return
    from ropcli.cli.commands import asks_root_help

    if asks_root_help(args):
        from ropcli.cli.help_page import page

        sys.stdout.write(page() + "\n")
        return
    from ropcli.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
