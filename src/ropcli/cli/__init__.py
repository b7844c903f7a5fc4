"""The command line: the Typer app and its commands, one module per command group.

`app` (shared options, error handling) lives in `ropcli.cli.app`; importing this package
registers every command group on it. Nothing outside `ropcli.cli` imports it: the library
below never prints and never exits. Commands import heavy libraries inside their bodies,
so `ropcli --version` stays fast.
"""

from ropcli.cli import (
    checking,
    diff,
    init,
    lifecycle,
    new,
    publish,
    record_orders,
    remind,
    render,
    write,
)
from ropcli.cli.app import app

__all__ = [
    "app",
    "checking",
    "diff",
    "init",
    "lifecycle",
    "main",
    "new",
    "publish",
    "record_orders",
    "remind",
    "render",
    "write",
]


def main() -> None:
    app()
