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

from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.templating import RENDER_ERRORS, TemplateRefused, read_template

from .environment import template_error

MAX_UNPACKED = 64 * 1024 * 1024  # a Word template's parts together, unpacked


def render_docx(
    path: Path, context: Mapping[str, Any], env: jinja2.Environment, *, overridden: bool
) -> bytes:
    from docx.opc.exceptions import OpcError
    from docxtpl import DocxTemplate

    try:
        data = read_template(path.parent, [path.name])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNPACKED:
                raise TemplateRefused(
                    f"шаблон {path} распаковывается больше чем в {MAX_UNPACKED // 2**20} МиБ"
                )
        template = DocxTemplate(io.BytesIO(data))
        template.render(dict(context), jinja_env=env)
    except (zipfile.BadZipFile, OpcError, SyntaxError) as exc:
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
