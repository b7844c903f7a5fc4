"""The command line: the Typer app and its commands, one module per command group.

`app` (shared options, error handling) lives in `ropcli.cli.app`; the commands are named in
`ropcli.cli.commands`, and the root group imports a command's module only when that command
is run (`ropcli.cli.framework.LazyGroup`), so `ropcli show ID` does not import `render` or
`publish`, and `ropcli --help` (`ropcli.cli.help_page`) imports neither Typer nor any
command. Nothing outside `ropcli.cli` imports it: the library below never prints and never
exits.

**A new command**: a module in `ropcli/cli/` and one line in `ropcli.cli.commands.COMMANDS`.

Importing this package is light. `from ropcli.cli import app` is the Typer app with every
command registered (for tests and programs that drive the whole command line), as it always
was — although `ropcli.cli.app` is also the module the app lives in.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _Package(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name == "app":
            return whole_app()
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        # Importing the module `ropcli.cli.app` binds it here under its name; the name
        # stays the whole command line's.
        if name == "app" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def whole_app() -> Any:
    """The Typer app with every command of `ropcli.cli.commands` imported."""
    import importlib

    from ropcli.cli.app import app
    from ropcli.cli.commands import every_module

    for module in every_module():
        importlib.import_module(f"ropcli.cli.{module}")
    return app


__all__ = ["app", "main", "whole_app"]


def main() -> None:
    from ropcli.cli.app import app

    app()
