"""Word documents: a `.docx` template with Jinja tags, filled by docxtpl.

The built-in `.docx` templates are made by `tools/docx_templates/` (their reviewable
source); a `.docx` of the same name in `<registry>/templates/` — for example a copy edited
in Word — overrides one. docxtpl renders the document's XML with our DOCX environment:
strict and autoescaping, so `&`, `<` and quotes in values cannot break the file (docxtpl's
own default is no escaping).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from ropcli.core import archive
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.templating import RENDER_ERRORS, TemplateRefused, read_template

from .environment import template_error


def _verified(path: Path, data: bytes) -> io.BytesIO:
    """The template's archive unpacked in bounded pieces (the sizes it declares are not
    trusted): more than 64 MiB, or a compression Word does not use, is refused."""
    try:
        return archive.verified(io.BytesIO(data))
    except archive.TooBig:
        raise TemplateRefused(
            f"шаблон {path} распаковывается больше чем в {archive.MAX_UNPACKED // 2**20} МиБ"
        ) from None
    except archive.Strange as exc:
        raise TemplateRefused(f"шаблон {path} — не обычный документ Word: {exc}") from None


def render_docx(
    path: Path, context: Mapping[str, Any], env: jinja2.Environment, *, overridden: bool
) -> bytes:
    from docx.opc.exceptions import OpcError
    from docxtpl import DocxTemplate

    try:
        data = read_template(path.parent, [path.name])
        template = DocxTemplate(_verified(path, data))
        template.render(dict(context), jinja_env=env)
    except (zipfile.BadZipFile, KeyError, OpcError, SyntaxError) as exc:
        # SyntaxError: lxml's XMLSyntaxError, when a value reached the XML unescaped
        # (an override's `|safe`) or the template's own XML is broken.
        origin = " (из реестра)" if overridden else ""
        raise RopcliError(
            f"шаблон {path}{origin} не удалось прочитать или заполнить как документ Word "
            f"(.docx): {exc}",
            ExitCode.CANNOT_RUN,
        ) from None
    except RENDER_ERRORS as exc:
        raise template_error(exc, path.name, path, overridden) from None
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
