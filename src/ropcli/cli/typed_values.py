"""Option values made the way Typer makes them, without importing pydantic for the plain cases.

Typer turns every parsed value into its annotated type through a pydantic `TypeAdapter`;
importing pydantic and building the adapters costs about 0.08 s of every run — more than a
one-site command spends on its site. For the kinds of parameter ropcli has, the adapter
does something simple, and this does the same without it:

* a parameter with `parser=` — the adapter is `Any` with the parser as its one validator:
  the parser's value (its `typer.BadParameter` passes through the adapter unchanged);
* a `Path` — `Path(text)`, then Typer's own `coerce_cli_path` (the adapter's validator);
* a `str`, `date` or `int` (no bounds) that is already one — the adapter returns it as is;
* a list of these — the list of its items, each as above.

Anything else (a parser that raises `ValueError`, a value of another type) goes through
Typer's own coercion, with its own messages. `tests/test_typed_values.py` compares the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, get_args, get_origin

from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor
from typer._param_types import coerce_cli_path, lenient_issubclass


class _Untyped(Exception):
    """This value is left to Typer's coercion."""


@dataclass(frozen=True)
class PlainCoercion(RuntimeParam):
    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        kind: Any = self.annotation
        info = self.parameter_info
        try:
            if get_origin(kind) is list:
                if not isinstance(value, list | tuple):
                    raise _Untyped
                (item,) = get_args(kind)
                return [leaf(v, item, info, param, ctx) for v in value]
            return leaf(value, kind, info, param, ctx)
        except (_Untyped, ValueError):
            typed = build_runtime_param(resolve_type_descriptor(kind, info))
            return typed._coerce_value(value, param=param, ctx=ctx)


def leaf(value: Any, kind: Any, info: Any, param: Any, ctx: Any) -> Any:
    """One value as the adapter of `kind` makes it, or `_Untyped`."""
    if info.parser is not None:
        return info.parser(value)
    if get_origin(kind) is None and lenient_issubclass(kind, Path):
        path_type = info.path_type or kind
        if path_type is Path and type(value) is str:
            value = Path(value)  # what the adapter of Path makes of a text
        return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
    if kind in (str, date) and type(value) is kind:
        return value
    if kind is int and type(value) is int and info.min is None and info.max is None:
        return value
    raise _Untyped


def keep_plain(command: Any) -> None:
    """Give each parameter of `command` the plain coercion."""
    for param in getattr(command, "params", ()):
        keep_plain_param(param)


def keep_plain_param(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return
    if getattr(param, "_runtime_param", False) is None:  # Typer builds it on first use
        param._runtime_param = PlainCoercion(
            annotation=descriptor.annotation, parameter_info=descriptor.parameter_info
        )
