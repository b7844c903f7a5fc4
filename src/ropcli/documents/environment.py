"""The Jinja environments of the documents: strict, escaping for their format, with the
filters the templates use, and template errors turned into «template, line, what».

* Undefined values are errors (`StrictUndefined`): an order never gets a blank where a
  value was meant to be.
* HTML and DOCX (XML) autoescape. Jinja's autoescape knows only HTML, so Markdown gets
  its own: autoescape is on there too (macros, `caller()` and `{% set %}` blocks then
  return `Markup` and are not escaped twice), and `finalize` turns every plain value into
  `Markup` with Markdown's active characters backslash-escaped before HTML escaping
  could touch it. Filters that build markup of their own return `Markup`, escaping their
  inputs for their format. (In Markdown templates, `|e` is the Markdown escape; `~`
  with a `Markup` operand would HTML-escape the other one — use two `{{ }}` instead.)
* A template is looked up in `<registry>/templates/` first, then among the built-in ones.
* Every template renders in the sandbox of `ropcli.core.templating` (a registry's override
  comes with a pull request, so it is untrusted input): refusals are template errors.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ropcli.core import persons, vocab
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.resources import data_dir
from ropcli.core.templating import (
    FolderLoader,
    SafeEnvironment,
    TemplateRefused,
    folder_problem,
)

from . import words
from .context import OrderRef

OVERRIDES_DIR = "templates"
_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|])")
_BREAKS = re.compile(r"\s*\n\s*")

Escape = Callable[[str], str]


def builtin_dir() -> Path:
    return data_dir("templates")


@dataclass(frozen=True)
class TemplateDirs:
    """Where templates come from: the registry's overrides (if the folder exists) first."""

    builtin: Path
    override: Path | None = None

    @classmethod
    def for_registry(cls, root: Path | None) -> TemplateDirs:
        override = root / OVERRIDES_DIR if root is not None else None
        if override is not None and (problem := folder_problem(override)):
            raise RopcliError(problem, ExitCode.CANNOT_RUN)
        return cls(builtin_dir(), override if override and override.is_dir() else None)

    def search_path(self) -> list[Path]:
        return [p for p in (self.override, self.builtin) if p is not None]

    def locate(self, name: str) -> tuple[Path, bool] | None:
        """(path, overridden) of a template, or None when neither folder has it."""
        for folder in self.search_path():
            if os.path.lexists(folder / name):
                return folder / name, folder == self.override
        return None


def md_escape(text: str) -> str:
    """A value as literal Markdown text: active characters escaped, line breaks folded (a
    break would end a table row or a list item)."""
    return _MD_ACTIVE.sub(r"\\\1", _BREAKS.sub(" ", text))


def _md_finalize(value: Any) -> Any:
    if hasattr(value, "__html__") or isinstance(value, jinja2.Undefined):
        return value
    return Markup(md_escape(str(value)))


_YEAR = re.compile(r"(\d{4}) г\.")


def _nbsp(text: str) -> str:
    """«2024 г.» and «№ 5» stay on one line; the day and month may still part, or a date
    would not fit a narrow table column."""
    return _YEAR.sub("\\1\u00a0г.", text).replace("№ ", "№\u00a0")


def _term(term: Any) -> str:
    return words.term_text(term.start, term.end, getattr(term, "years", None))


def _label(table: dict[str, str]) -> Callable[[str], str]:
    return lambda key: table.get(key, key)


def filters(escape_text: Escape, format: str) -> dict[str, Callable[..., Any]]:
    def typeset(function: Callable[..., str]) -> Callable[..., str]:
        """Print formats keep «20 июня 2024 г.» and «№ 5» on one line (no-break spaces);
        Markdown keeps plain spaces, for readable diffs."""
        if format == "md":
            return function
        return lambda *args: _nbsp(function(*args))

    date_text = typeset(words.ru_date)

    def order_ref(order: OrderRef) -> Markup:
        day = date_text(order.date) if order.date else words.BLANK
        number = escape_text(order.number) if order.number else words.BLANK
        return Markup(f"от {day} №{' ' if format == 'md' else chr(0xA0)}{number}")

    def order_day(order: OrderRef) -> str:
        return date_text(order.date) if order.date else Markup(words.BLANK)

    def order_no(order: OrderRef) -> str:
        return order.number if order.number else Markup(words.BLANK)

    def url(address: str) -> Markup:
        if format == "md":
            return Markup(f"<{address}>" if " " not in address else md_escape(address))
        if format == "html":
            quoted = escape(address)
            return Markup(f'<a href="{quoted}">{quoted}</a>')
        return Markup(escape_text(address))

    return {
        "ru_date": date_text,
        "short_date": words.short_date,
        "years": words.years_word,
        "days_within": words.days_within,
        "term": typeset(_term),
        "doc_ref": typeset(words.doc_ref),
        "order_ref": order_ref,
        "order_day": order_day,
        "order_no": order_no,
        "initials": words.initials,
        "salutation": words.salutation,
        "addressee": lambda head, organization: persons.addressee(
            head["position"], organization, head["name"]
        ),
        "url": url,
        "site_type": _label(vocab.SITE_TYPES),
        "reason": _label(vocab.REVOCATION_REASONS),
        "report_kind": _label(vocab.REPORT_KINDS),
        "activity_kind": _label(vocab.ACTIVITY_KINDS),
    }


def make_environment(format: str, dirs: TemplateDirs) -> jinja2.Environment:
    """One environment per output format; `docx` is handed to docxtpl, whose XML must
    keep its layout (no block trimming there)."""
    text = format != "docx"
    env = SafeEnvironment(
        loader=FolderLoader(dirs.search_path()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=text,
        lstrip_blocks=text,
        autoescape=True,
        finalize=_md_finalize if format == "md" else None,
    )
    escape_text: Escape = md_escape if format == "md" else (lambda s: str(escape(s)))
    env.filters.update(filters(escape_text, format))
    if format == "md":
        env.filters["e"] = env.filters["escape"] = _md_finalize
    return env


def template_error(exc: Exception, name: str, path: Path | None, overridden: bool) -> RopcliError:
    """«шаблон order-assign.md.j2 (из реестра: …), строка 12: …» (exit 3).

    The line is the template's own: Jinja rewrites tracebacks so that frames of template
    code carry the template's file name and line, and syntax errors carry them directly.
    An error inside an included template names that one.
    """
    where, line = name, None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.name or name, exc.lineno
    else:
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename, path)
        ]
        if frames:
            where, line = Path(frames[-1].filename).name, frames[-1].lineno
            if frames[-1].filename == "<template>":
                where = name
    origin = f" (из реестра: {path})" if overridden and path else ""
    at = f", строка {line}" if line else ""
    context = getattr(exc, "docx_context", None)
    nearby = ""
    if context is not None:
        text = " ".join(" ".join(str(piece).split()) for piece in context).strip()
        nearby = f"; рядом в тексте: «{text[:160]}»" if text else ""
    return RopcliError(
        f"ошибка в шаблоне {where}{origin}{at}: {_reason(exc)}{nearby}", ExitCode.CANNOT_RUN
    )


def _is_template(filename: str, path: Path | None) -> bool:
    return filename.endswith(".j2") or filename == "<template>" or filename == str(path)


def _reason(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"нет такого значения ({exc.message})"
    if isinstance(exc, TemplateRefused):
        return exc.message or "шаблон нарушает правила безопасности"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"нет шаблона {exc.name}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"синтаксическая ошибка Jinja ({exc.message})"
    return f"{type(exc).__name__}: {exc}"
