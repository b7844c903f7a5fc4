"""`render` as a library call: a checked registry and a `Request` → the files' names and
bytes. Nothing here prints, exits or writes; the CLI decides where the bytes go.

Refusals, each a `RopcliError` with its exit code (ARCHITECTURE.md):
* `Refused` (1) — a site the document would name has validation errors; it carries
  those problems so the CLI can list them. With no ids given, every site is a candidate,
  so every file of the register must be valid;
* a draft (1) — a site whose application has no date is never in a document: named, it is
  refused with its fields still to fill (a document never has a blank); not named, it is
  left out, and `drafts_left_out` says which for the CLI to tell;
* not eligible (1) — a named site cannot be in this document at `--on` (an assignment for
  a site that already has its order…), or no site can when none was named;
* usage (2) — ids missing where the document needs them, draft options that contradict
  a recorded event;
* cannot run (3) — an empty required setting, a template error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.templating import RENDER_ERRORS
from ropcli.validation.check import CheckResult
from ropcli.validation.completeness import is_draft, missing_fields
from ropcli.validation.registry import Registry, site_id_of

from .catalog import CANDIDATES, DOCUMENTS, EVERY_SITE, IDS_REQUIRED, NO_SITES, DocumentKind
from .context import OrderRef, SiteView, document_settings, require_settings, site_view
from .docx import render_docx
from .environment import TemplateDirs, make_environment, template_error
from .names import EXTENSIONS
from .orders import recorded_order
from .pdf import soffice, to_pdf
from .request import Request
from .tables import TABLES


@dataclass(frozen=True)
class Output:
    name: str  # a file name made of the document's name, ids and dates
    content: bytes


class Refused(RopcliError):
    """Sites with validation errors: the document is not made (exit 1)."""

    def __init__(self, result: CheckResult, ids: Sequence[str]) -> None:
        super().__init__(
            f"документ не составлен: в файлах площадок ошибки ({', '.join(ids)}); "
            "исправьте их (ropcli validate) и повторите",
            ExitCode.PROBLEMS,
        )
        self.result = result


def _refuse_invalid(result: CheckResult, ids: Sequence[str]) -> None:
    bad = result.files_with_errors()
    if ids:
        bad = {f for f in bad if site_id_of(f) in ids}
    if not bad:
        return
    problems = [p for p in result.problems if p.file in bad]
    subset = CheckResult(len(bad), problems, sources=result.sources)
    raise Refused(subset, sorted(site_id_of(f) for f in bad))


def _refuse_drafts(kind: DocumentKind, result: CheckResult, ids: Sequence[str]) -> None:
    """A named draft: what it has still to fill, instead of a document with blanks."""
    named = [s for s in result.valid_sites() if s.stem in ids and is_draft(s.data)]
    if not named:
        return
    parts = []
    for site in named:
        fields = missing_fields(site.data)
        listed = "\n".join(f"    {m.heading} ({m.path})" for m in fields)
        parts.append(f"  {site.stem}: не заполнено полей — {len(fields)}:\n{listed}")
    raise RopcliError(
        f"документ {kind.name} не составлен: площадка — черновик (у заявки нет даты), и в "
        "документе остались бы пустые места:\n" + "\n".join(parts) + "\nзаполните эти поля "
        "(ropcli validate покажет строки файла) и повторите",
        ExitCode.PROBLEMS,
    )


def drafts_left_out(result: CheckResult, request: Request) -> list[str]:
    """The drafts a document about the whole register leaves out (no ids were named)."""
    if request.ids or DOCUMENTS[request.document].selection not in (CANDIDATES, EVERY_SITE):
        return []
    return sorted(s.stem for s in result.valid_sites() if is_draft(s.data))


def select_sites(
    kind: DocumentKind, registry: Registry, result: CheckResult, request: Request
) -> list[SiteView]:
    """The sites the document names, in id order; see the module docstring for refusals."""
    if kind.selection == NO_SITES:  # a blank form
        if request.ids:
            raise RopcliError(
                f"{kind.name} — бланк без данных площадки: укажите его без id", ExitCode.USAGE
            )
        return []
    if kind.selection == IDS_REQUIRED and not request.ids:
        raise RopcliError(
            f"для документа {kind.name} укажите id площадок: ropcli render {kind.name} ID…",
            ExitCode.USAGE,
        )
    _refuse_invalid(result, request.ids)
    _refuse_drafts(kind, result, request.ids)
    settings = registry.settings
    views = {
        s.stem: site_view(s.file, s.data, settings)
        for s in result.valid_sites()
        if not is_draft(s.data)
    }
    chosen = (
        [views[i] for i in dict.fromkeys(request.ids)]
        if request.ids
        else sorted(views.values(), key=lambda v: v.id)
    )
    verdicts = [(site, kind.refusal(site.data, settings, request.on)) for site in chosen]
    refused = [(site, why) for site, why in verdicts if why is not None]
    if request.ids and refused:
        lines = "\n".join(f"  {site.id}: {why}" for site, why in refused)
        raise RopcliError(
            f"в документ {kind.name} на {request.on.isoformat()} нельзя включить:\n{lines}",
            ExitCode.PROBLEMS,
        )
    sites = [site for site, why in verdicts if why is None]
    if not sites:
        raise RopcliError(
            f"нет площадок для документа {kind.name} на {request.on.isoformat()} "
            f"({kind.title}); ни одного файла не записано",
            ExitCode.PROBLEMS,
        )
    return sites


def _context(
    kind: DocumentKind, group: Sequence[SiteView], request: Request, registry: Registry
) -> dict[str, Any]:
    settings = document_settings(registry.settings)
    context: dict[str, Any] = {
        "document": kind.name,
        "on": request.on,
        "settings": settings,
        "authority": settings.authority,
        "regional_center": settings.regional_center,
        "regulation": settings.regulation,
        "sites": list(group),
    }
    built = kind.build(group, request, registry.settings)
    context.update(built)
    order = request.order
    if order == OrderRef():
        order = recorded_order(context) or order
    context["order"] = built.get("order", order)  # a recorded order the builder found
    return context


def render(registry: Registry, result: CheckResult, request: Request) -> list[Output]:
    """Every file the request makes: one per site for per-site documents, else one."""
    kind = DOCUMENTS[request.document]
    if request.format not in kind.formats:
        raise RopcliError(
            f"документ {kind.name} бывает только в форматах: {', '.join(kind.formats)}",
            ExitCode.USAGE,
        )
    require_settings(registry.settings, kind.settings, kind.name)
    sites = select_sites(kind, registry, result, request)
    groups = [[site] for site in sites] if kind.per_site else [sites]
    if kind.peers:  # the site first, then the register's other valid sites (the caller
        # may have checked only the named files)
        from ropcli.validation.check import check

        views = [
            site_view(s.file, s.data, registry.settings)
            for s in check(registry).valid_sites()
            if not is_draft(s.data)
        ]
        groups = [[site, *(v for v in views if v.id != site.id)] for site in sites]
    if request.format == "xlsx":  # a table made from the context, no template
        return [
            Output(kind.stem(request, None) + EXTENSIONS["xlsx"], TABLES[kind.name](context))
            for context in (_context(kind, group, request, registry) for group in groups)
        ]
    dirs = TemplateDirs.for_registry(registry.root)
    source = kind.source_format(request.format)
    if request.format == "pdf" and soffice() is None:
        to_pdf([])  # refuses with what to install, before any work
    name = kind.template_name(request.format)
    found = dirs.locate(name)
    if found is None:
        raise RopcliError(f"нет шаблона {name} (ни в реестре, ни встроенного)")
    path, overridden = found
    env = make_environment(source, dirs)
    outputs = []
    for group in groups:
        context = _context(kind, group, request, registry)
        if source == "docx":
            content = render_docx(path, context, env, overridden=overridden)
        else:
            try:
                text = env.get_template(name).render(context)
            except RENDER_ERRORS as exc:
                raise template_error(exc, name, path, overridden) from None
            content = (text.rstrip("\n") + "\n").encode("utf-8")
        site = group[0] if kind.per_site else None
        stem = kind.stem(request, site, context["order"])
        outputs.append(Output(stem + EXTENSIONS[source], content))
    if request.format == "pdf":
        converted = to_pdf([(o.name, o.content) for o in outputs])
        outputs = [
            Output(str(PurePath(o.name).with_suffix(EXTENSIONS["pdf"])), pdf)
            for o, pdf in zip(outputs, converted, strict=True)
        ]
    return outputs
