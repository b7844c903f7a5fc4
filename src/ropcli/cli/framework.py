"""The Typer classes of ropcli: help and usage errors in Russian, global options anywhere.

`Typer` is `typer.Typer` whose groups are `RussianGroup` and whose commands are
`RussianCommand`: the usage line, the sections of `--help`, the metavars and every error of
the option parser are in Russian (`ropcli.cli.words`). The root group also lets the global
options (`--registry`, `-q/--quiet`, `--no-color`) stand after the command name, as people
type them: `ropcli validate --registry reg` is `ropcli --registry reg validate`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup
from typer.main import get_group

from ropcli.cli import words
from ropcli.cli.commands import COMMANDS, GLOBAL_OPTIONS, HELP_OPTIONS, modules_of

words.install()

try:  # Typer with pydantic coercion (ropcli.cli.typed_values); an older one has none to skip
    from ropcli.cli.typed_values import keep_plain, keep_plain_param
except ImportError:  # pragma: no cover

    def keep_plain(command: Any) -> None:
        pass

    def keep_plain_param(param: Any) -> None:
        pass


F = TypeVar("F", bound=Callable[..., Any])


def _option(item: str) -> tuple[str, bool]:
    """A global option's name, and whether the value is the next item."""
    name = item.split("=", 1)[0] if item.startswith("--") else item
    return name, bool(GLOBAL_OPTIONS.get(name)) and "=" not in item


def hoist_globals(args: Sequence[str]) -> list[str]:
    """Global options found after the command name, moved before it (up to `--`). A global
    option that wants a value and has none is a usage error — unless the command's help
    is asked for (`status -h --registry`: the help of status)."""
    items = list(args)
    index = 0
    while index < len(items) and items[index].startswith("-") and items[index] != "--":
        index += 2 if _option(items[index])[1] else 1  # the root's own, before the command
    if index >= len(items):
        return items
    front: list[str] = []
    rest = items[:index]
    while index < len(items):
        item = items[index]
        if item == "--":
            rest.extend(items[index:])
            break
        name, takes_value = _option(item)
        if name not in GLOBAL_OPTIONS:
            rest.append(item)
        elif not takes_value:
            front.append(item)
        elif index + 1 < len(items) and items[index + 1] != "--":
            front.extend(items[index : index + 2])
            index += 1
        elif not set(HELP_OPTIONS) & set(rest):  # with the help asked, the help shows
            raise _click.exceptions.BadOptionUsage(name, f"Option '{name}' requires an argument.")
        index += 1
    return front + rest


class RussianHelp(_click.Command):
    """Usage, help sections and metavars in Russian (a mixin of the two classes below)."""

    def _russian_metavars(self) -> None:
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = words.OPTIONS_METAVAR

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = words.HELP_TEXT
            keep_plain_param(option)
        return option

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=words.USAGE)

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = words.metavar(param)
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = _record(param, ctx)
            if record is not None:
                (arguments if param.param_type_name == "argument" else options).append(record)
        if arguments:
            with formatter.section(words.RUSSIAN["Arguments"]):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(words.RUSSIAN["Options"]):
                formatter.write_dl(options)
        root = ctx.find_root().command
        if root is not self:
            shared = [_record(p, ctx) for p in root.params if set(p.opts) & set(GLOBAL_OPTIONS)]
            if shared:
                with formatter.section(words.GLOBAL_HEADING):
                    formatter.write_dl([r for r in shared if r is not None])


def _record(param: Any, ctx: _click.Context) -> tuple[str, str] | None:
    """One line of help: the parameter with a Russian metavar, and its help text."""
    record = param.get_help_record(ctx)
    if record is None:
        return None
    if param.param_type_name == "argument":
        name = words.metavar(param) + ("..." if param.nargs != 1 else "")
    else:
        name = ", ".join(sorted(param.opts, key=len))
        if not (param.is_flag or param.count):
            name += f" {words.metavar(param)}"
        if param.secondary_opts:
            name += " / " + ", ".join(param.secondary_opts)
    return name, record[1]


class RussianCommand(RussianHelp, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._russian_metavars()
        keep_plain(self)


class RussianGroup(RussianHelp, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._russian_metavars()
        keep_plain(self)
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = words.COMMAND_METAVAR

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            try:
                args = hoist_globals(args)
            except _click.exceptions.BadOptionUsage as error:
                error.ctx = ctx
                raise
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run; a usage error or an abort is told in Russian (exit 2, 1)."""
        standalone = standalone_mode
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except _click.exceptions.NoArgsIsHelpError as error:
            error.show()
            result = error.exit_code
        except _click.exceptions.UsageError as error:
            if not standalone:
                raise
            show_usage_error(error)
            result = error.exit_code
        except typer.Abort:
            if not standalone:
                raise
            typer.echo(words.ABORTED, err=True)
            result = 1
        if not standalone:
            return result
        sys.exit(result if isinstance(result, int) else 0)


class LazyGroup(RussianGroup):
    """The root group: a command's module is imported when the command is looked up, so a
    run imports only the command it runs (`ropcli.cli.commands` names them all); a name
    that is not there imports every command, for the «Может быть, …?» of a typo."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in self.commands:
            for module in modules_of(cmd_name):
                importlib.import_module(f"ropcli.cli.{module}")
            from ropcli.cli.app import app

            for name, command in get_group(app).commands.items():
                self.commands.setdefault(name, command)
        return super().get_command(ctx, cmd_name)


def show_usage_error(error: Any) -> None:
    ctx = error.ctx
    if ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"Справка: {ctx.command_path} {ctx.help_option_names[0]}")
        typer.echo("\n".join(lines) + "\n", err=True)
    typer.echo(words.ERROR + words.usage_message(error), err=True)


class Typer(typer.Typer):
    """`typer.Typer` with Russian classes for its groups and commands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cls", RussianGroup)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", RussianCommand)
        decorator: Callable[[F], F] = super().command(*args, **kwargs)
        return decorator
