"""The whole open register as files: pages, feed, styles and script, dataset — a mapping
of relative paths to bytes that `ropcli.output.folders` writes in one go.

Pages render from the templates `publish-*.html.j2`, the style `publish.css` and the script
`publish.js`, looked up in `<registry>/templates/` first and then among the built-in
ones, always through the sandbox of `ropcli.core.templating` (a registry's template is
untrusted input); a template error is a `RopcliError` (exit 3) naming the template.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from ropcli.core.dates import short
from ropcli.core.labels import (
    REPORT_STATE_LABELS,
    STATE_LABELS,
    report_name,
    report_state_label,
    state_label,
)
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.resources import data_dir
from ropcli.core.templating import (
    RENDER_ERRORS,
    FolderLoader,
    SafeEnvironment,
    TemplateRefused,
    template_folders,
)
from ropcli.register.at_date import Overview

from . import charts, passport
from .dataset import dataset_files, description_of, file_names, title_of
from .feed import feed_bytes
from .model import PublicRegister, forms_of, public_register
from .stats import all_series

ASSETS = ("publish.css", "publish.js")
TEMPLATE_ERRORS = RENDER_ERRORS


def search_path(root: Path | None) -> list[Path]:
    try:
        return template_folders(root, data_dir("templates"))
    except TemplateRefused as exc:
        raise RopcliError(exc.message or str(exc), ExitCode.CANNOT_RUN) from None


def environment(folders: list[Path]) -> jinja2.Environment:
    env = SafeEnvironment(
        loader=FolderLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        {
            "day": lambda d: short(d) if isinstance(d, date) else "—",
            "iso": lambda d: d.isoformat() if isinstance(d, date) else "",
            "state_label": state_label,
            "report_state_label": report_state_label,
            "report_name": report_name,
        }
    )
    return env


def template_error(exc: Exception, name: str, folders: list[Path]) -> RopcliError:
    where = name
    for folder in folders:
        if os.path.lexists(folder / name):
            where = str(folder / name)
            break
    line = getattr(exc, "lineno", None)
    at = f", строка {line}" if line else ""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return RopcliError(f"ошибка в шаблоне {where}{at}: {message}", ExitCode.CANNOT_RUN)


def _render(env: jinja2.Environment, folders: list[Path], name: str, **context: Any) -> bytes:
    try:
        return env.get_template(name).render(**context).encode("utf-8")
    except TEMPLATE_ERRORS as exc:
        raise template_error(exc, name, folders) from None


def _asset(env: jinja2.Environment, folders: list[Path], name: str) -> bytes:
    loader = env.loader
    assert loader is not None
    try:
        return loader.get_source(env, name)[0].encode("utf-8")
    except TEMPLATE_ERRORS as exc:
        raise template_error(exc, name, folders) from None


def normal_base(base_url: str) -> str:
    return base_url if not base_url or base_url.endswith("/") else base_url + "/"


def _common(register: PublicRegister, base_url: str) -> dict[str, Any]:
    return {
        "title": title_of(register),
        "description": description_of(register),
        "on": register.on,
        "region": register.settings.region,
        "owner": register.settings.publish.owner or register.settings.authority.get("name", ""),
        "data_file": file_names(register.on)["data"],
        "base_url": base_url,
        "state_labels": STATE_LABELS,
        "report_state_labels": REPORT_STATE_LABELS,
    }


def build_site(
    overview: Overview, on: date, *, root: Path | None, base_url: str = ""
) -> dict[str, bytes]:
    """Every file of the open register at `on` by its path relative to the output folder."""
    register = public_register(overview, on)
    base = normal_base(base_url or register.settings.publish.base_url)
    folders = search_path(root)
    env = environment(folders)
    common = _common(register, base)
    contacts = register.settings.publish.contacts
    files: dict[str, bytes] = {}
    states = [s for s in STATE_LABELS if any(x.status.state == s for x in register.sites)]
    municipalities = sorted({s.record.municipality for s in register.sites})
    files["index.html"] = _render(
        env,
        folders,
        "publish-index.html.j2",
        **common,
        prefix="",
        page="index",
        sites=register.sites,
        states=states,
        municipalities=municipalities,
        forms=forms_of(register.sites),
    )
    for site in register.sites:
        files[f"sites/{site.id}.html"] = _render(
            env,
            folders,
            "publish-site.html.j2",
            **common,
            prefix="../",
            page="site",
            site=site,
            passport=passport.rows(site.record.data, contacts=contacts),
        )
    series = all_series(register)
    files["stats.html"] = _render(
        env,
        folders,
        "publish-stats.html.j2",
        **common,
        prefix="",
        page="stats",
        charts=[(s, charts.chart(s)) for s in series],
        total=len(register.sites),
    )
    files["feed.xml"] = feed_bytes(register, common["title"], base)
    for name in ASSETS:
        files[f"assets/{name}"] = _asset(env, folders, name)
    for name, content in dataset_files(register, base).items():
        files[f"data/{name}"] = content
    return files
