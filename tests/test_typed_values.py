"""Option values made without pydantic (`ropcli.cli.typed_values`) are exactly what Typer's own
coercion makes of them: the same value of the same type, or the same error."""

from __future__ import annotations

from typing import Any

import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer import _click
from typer._coercion import build_runtime_param

from ropcli.cli import app
from ropcli.cli.typed_values import PlainCoercion

SAMPLES = [
    "", "-", "3", "0", "-2", "3.5", "три", "abc", "2025-01-10", "01.09.2025", "31.02.2025",
    "missing,late", "не сдан,истёк", "json", "md", "x/y.yaml", "sites/ёлка.yaml", " a ",
]  # fmt: skip


def parameters() -> list[tuple[str, Any, Any]]:
    found = []

    def walk(command: Any, path: str) -> None:
        for param in command.params:
            if getattr(param, "type_descriptor", None) is not None:
                found.append((f"{path} {param.name}", command, param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "ropcli")
    return found


PARAMETERS = parameters()


def outcome(runtime: Any, value: Any, param: Any, command: Any) -> tuple[str, Any]:
    ctx = _click.Context(command, info_name="ropcli")
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except _click.exceptions.ClickException as error:
        return "error", (type(error).__name__, error.format_message())
    return type(result).__name__, result


def same(value: Any, param: Any, command: Any) -> None:
    descriptor = param.type_descriptor
    plain = PlainCoercion(
        annotation=descriptor.annotation, parameter_info=descriptor.parameter_info
    )
    typer_own = build_runtime_param(descriptor)
    expected = outcome(typer_own, value, param, command)
    assert outcome(plain, value, param, command) == expected, (param.name, value)


def test_every_parameter_on_samples() -> None:
    assert len(PARAMETERS) > 50
    for _, command, param in PARAMETERS:
        multiple = param.multiple or param.nargs == -1
        for sample in SAMPLES:
            same((sample,) if multiple else sample, param, command)
        same(None, param, command)
        if multiple:
            same(tuple(SAMPLES[:4]), param, command)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PARAMETERS), st.text(max_size=12))
def test_every_parameter_on_any_text(entry: tuple[str, Any, Any], text: str) -> None:
    _, command, param = entry
    same((text,) if param.multiple or param.nargs == -1 else text, param, command)
