"""Jinja for templates nobody vetted: the immutable sandbox, limits, and a loader that reads
only regular files inside the template folders.

A register is changed by pull requests, and `<registry>/templates/` is part of it: a
template is untrusted input, exactly like a site file. Every template ropcli renders —
built-in, a registry's override, the XML inside a `.docx`, the scaffold of `ropcli new` —
goes through `SafeEnvironment`:

* Jinja's `ImmutableSandboxedEnvironment`: no attribute that starts with `_`, no internal
  attributes of functions or frames (`cycler.__init__.__globals__` is refused), no
  mutation of lists and dicts, `str.format` sandboxed too;
* limits, so that a template cannot exhaust the machine: the rendered text (`MAX_OUTPUT`),
  every `range()` of one render together (`MAX_LOOP_ITEMS`), strings and lists built by
  `*`, `**` and padding (`MAX_VALUE_SIZE`), macro recursion (Python's own limit, turned
  into a refusal), and wall time on systems with `SIGALRM` (`MAX_SECONDS`);
* `FolderLoader` (in `template_files`): a template name is a plain file name or a relative
  path without `..`; the file and every folder between it and its template folder must be
  real folders and a regular file (no symbolic link, no device, no FIFO), read with a
  size cap.

A template that breaks one of these is a `TemplateRefused` (a `jinja2.TemplateError`), so
callers report it like any other template error: a clear message and exit code 3.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ropcli.core.template_files import (
    MAX_TEMPLATE_BYTES,
    FolderLoader,
    TemplateRefused,
    folder_problem,
    read_template,
    template_folders,
    template_origin,
    template_pieces,
)

MAX_OUTPUT = 20 * 1024 * 1024  # characters of one rendered template
MAX_LOOP_ITEMS = 1_000_000  # all range() items of one render together
MAX_VALUE_SIZE = 1_000_000  # a string or list made by *, ** or padding
MAX_SECONDS = 60

_WIDTH = re.compile(r"\d{7,}")  # a padding or precision of a million or more


# Errors a template can cause while rendering: Jinja's own, and what a filter raises when
# a template hands it the wrong kind of value (`{{ site.id|ru_date }}`), or a template file
# the system will not read.
RENDER_ERRORS: tuple[type[Exception], ...] = (
    jinja2.TemplateError,
    TypeError,
    ValueError,
    AttributeError,
    KeyError,
    IndexError,
    OSError,
)


def _refuse(message: str) -> TemplateRefused:
    return TemplateRefused(message)


def _check_size(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple) and len(value) > MAX_VALUE_SIZE:
        raise _refuse(f"шаблон строит слишком большое значение (больше {MAX_VALUE_SIZE:,} знаков)")
    return value


def _check_format(spec: str) -> None:
    if _WIDTH.search(spec):
        raise _refuse("шаблон задаёт слишком большую ширину или точность формата")


def _huge_power(base: Any, exponent: Any) -> bool:
    if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) <= 1:
        return False
    return exponent > 4096 or abs(base).bit_length() * exponent > 65536


def _huge_repeat(sequence: Any, times: Any) -> bool:
    sized = isinstance(sequence, str | list | tuple) and isinstance(times, int)
    return sized and len(sequence) * times > MAX_VALUE_SIZE


class SafeEnvironment(ImmutableSandboxedEnvironment):
    """The one environment every template renders in (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.loop_items = 0
        self.globals["range"] = self._range
        self.template_class = BoundedTemplate
        for name, function in _BOUNDED_FILTERS.items():
            self.filters[name] = function

    def _range(self, *args: int) -> range:
        items = range(*args)
        self.loop_items += len(items)
        if self.loop_items > MAX_LOOP_ITEMS:
            raise _refuse(f"циклы шаблона слишком длинные (больше {MAX_LOOP_ITEMS:,} шагов)")
        return items

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**" and _huge_power(left, right):
            raise _refuse("шаблон возводит в слишком большую степень")
        if operator == "*" and (_huge_repeat(left, right) or _huge_repeat(right, left)):
            raise _refuse("шаблон строит слишком большое значение")
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        return _check_size(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format(value.__self__)
        return wrapped


class BoundedTemplate(jinja2.Template):
    """`render` streams the output and stops at `MAX_OUTPUT` characters, and a template that
    recurses without end or runs too long is refused instead of crashing or hanging."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        environment = self.environment
        if isinstance(environment, SafeEnvironment):
            environment.loop_items = 0
        pieces: list[str] = []
        size = 0
        with _deadline(MAX_SECONDS):
            try:
                for piece in self.generate(*args, **kwargs):
                    size += len(piece)
                    if size > MAX_OUTPUT:
                        raise _refuse(
                            f"шаблон даёт слишком длинный текст (больше {MAX_OUTPUT:,} знаков)"
                        )
                    pieces.append(piece)
            except RecursionError:
                raise _refuse("шаблон вызывает сам себя без конца (рекурсия макроса)") from None
            except SecurityError as exc:
                raise _refuse(_forbidden(exc)) from None
        return "".join(pieces)


_UNSAFE = re.compile(r"attribute '([^']*)' of '([^']*)'")


def _forbidden(exc: SecurityError) -> str:
    found = _UNSAFE.search(str(exc))
    what = f" (атрибут {found[1]} у значения типа {found[2]})" if found else ""
    return (
        f"шаблон обращается к запрещённому{what}: шаблонам доступны только значения "
        "документа, без служебных атрибутов и без изменения списков"
    )


class _Timeout(BaseException):
    pass


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Stop a render after `seconds` where the system can (SIGALRM, main thread only)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise _refuse(f"шаблон заполняется дольше {seconds} с — в нём бесконечный цикл?") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded(name: str) -> Callable[..., Any]:
    original = jinja2.filters.FILTERS[name]
    passes_context = hasattr(original, "jinja_pass_arg")

    def bounded(*all_args: Any, **kwargs: Any) -> Any:
        value, *args = all_args[1:] if passes_context else all_args
        for number in (*args, *kwargs.values()):
            if isinstance(number, int) and not isinstance(number, bool) and number > MAX_VALUE_SIZE:
                raise _refuse(f"фильтр {name}: слишком большое число {number}")
        if name == "format":
            _check_format(str(value))
        if name == "replace" and len(args) >= 2:
            old, new = str(args[0]), str(args[1])
            count = (len(str(value)) + 1) if old == "" else str(value).count(old)
            if count * len(new) > MAX_VALUE_SIZE:
                raise _refuse("фильтр replace: слишком большое значение")
        return _check_size(original(*all_args, **kwargs))

    bounded.__name__ = original.__name__
    if passes_context:
        bounded.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return bounded


_BOUNDED_FILTERS = {
    name: _bounded(name)
    for name in ("center", "indent", "format", "replace", "wordwrap", "truncate")
}


__all__ = [
    "MAX_TEMPLATE_BYTES",
    "RENDER_ERRORS",
    "BoundedTemplate",
    "FolderLoader",
    "SafeEnvironment",
    "TemplateRefused",
    "folder_problem",
    "read_template",
    "template_folders",
    "template_origin",
    "template_pieces",
]
