"""One file's check, and what the registry-wide rules need of the files (`check` runs them).

* `check_file` — a file through the loader, the schema and the site rules;
* `scan_file` — only the identifiers of a file nobody asked to check;
* `settle` — which files the registry-wide rules may compare, each pinned to its document,
  and a problem for a file that was rewritten while the check ran.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ropcli.core.problems import ERROR, Problem, RopcliError, os_reason
from ropcli.lifecycle.summary import summary as lifecycle_summary
from ropcli.validation import corrections, rules
from ropcli.validation.completeness import draft_pointers
from ropcli.validation.registry import SITES_DIR, Registry, refuse_linked_sites
from ropcli.validation.rules import SiteContext, SiteSummary
from ropcli.yamlio import (
    Document,
    Loaded,
    content_digest,
    decode,
    iter_yaml_files,
    read_file,
    scan_values,
)
from ropcli.yamlio.files import Refused, read_regular


@dataclass
class FileOutcome:
    """What checking one file gives; small and picklable, so workers can send it back."""

    file: str
    path: Path
    problems: list[Problem]
    values: dict[str, Any]  # pointer -> value, for the registry-wide rules
    parsed: bool = False
    data: dict[str, Any] | None = None  # the plain data, when asked for
    schema_valid: bool = False
    source: str = ""  # the text, kept only when there are problems to show
    digest: str = ""  # of the bytes that were checked: what the cache keys the result by
    scanned: bool = False  # only identifiers read (scan_file), the file itself not checked
    data_json: str | None = None  # the data as JSON for the cache, when it comes back exactly
    summary_json: str | None = None  # its lifecycle summary likewise

    def summary(self) -> SiteSummary:
        return SiteSummary(self.file, self.path, self.values)


def site_files(registry: Registry) -> list[Path]:
    refuse_linked_sites(registry.root)
    folder = registry.sites_dir
    if not folder.is_dir():
        return []
    try:
        with os.scandir(folder):  # glob would pass over a folder it may not read
            pass
    except OSError as exc:
        raise RopcliError(f"папка {SITES_DIR}/ не читается: {os_reason(exc)}") from None
    return list(iter_yaml_files(folder))


def named(registry: Registry, files: list[Path]) -> list[tuple[Path, str]]:
    """`site_files` with the names problems give them (`registry.relative`): the folder's
    name once, then each file's own name — not every path of 10,000 made absolute."""
    prefix = registry.relative(registry.sites_dir / "x")[:-1]
    return [(path, prefix + path.name) for path in files]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders as their *.yaml files (a registry folder: its sites/).

    A link is never expanded as a folder: `sites/x.yaml` linked to `/etc` is a file to
    refuse (a pre-commit hook passes it by name), not a folder whose files to quote.
    """
    result: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            refuse_linked_sites(path)
            inner = path / SITES_DIR if (path / SITES_DIR).is_dir() else path
            result.extend(iter_yaml_files(inner))
        else:
            result.append(path)
    return result


def exact_json(data: Any) -> str | None:
    """`data` as JSON text if it reads back as exactly the same data (keys that are not
    text, or values JSON has no word for, would not), else None."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return text if json.loads(text) == data else None


def check_file(
    registry: Registry,
    path: Path,
    file: str,
    keep_data: bool = True,
    dump: bool = False,
    loaded: Loaded | None = None,
) -> FileOutcome:
    """One file through the loader, the schema and the site rules; `dump` gives the data as
    JSON for the cache too; `loaded` is the file as it would be (a write being checked)."""
    loaded = read_file(path, file) if loaded is None else loaded
    problems = list(loaded.problems)
    document = loaded.document
    if document is None:
        return FileOutcome(file, path, problems, {}, source=loaded.text, digest=loaded.digest)
    # A draft's fields still to fill are the `incomplete` rule's warnings, not schema errors.
    unfilled = draft_pointers(document.data)
    problems += registry.schema_checker.check("site", document.data, document, file, unfilled)
    data = corrections.effective(document.data)  # what every command sees
    if data is not document.data and not problems:
        unfilled = draft_pointers(data)
        problems += registry.schema_checker.check("site", data, document, file, unfilled)
    site = SiteContext(
        file=file,
        stem=path.name.rsplit(".", 1)[0],
        data=data,
        settings=registry.settings,
        schema_valid=not problems and not unfilled,  # rules meet empty values in a draft
        path=path,
        parsed=document,
    )
    problems += rules.run_site_rules(site)
    values = {p: rules.value_at(data, p) for p in rules.REGISTRY_KEYS}
    return FileOutcome(
        file,
        path,
        problems,
        values,
        True,
        data if keep_data else None,
        site.schema_valid,
        loaded.text if problems else "",
        loaded.digest,
        data_json=exact_json(data) if dump else None,
        summary_json=exact_json(lifecycle_summary(data)) if dump else None,
    )


def scan_file(path: Path, file: str) -> FileOutcome:
    """Only the identifiers of a file nobody asked to check (for registry-wide rules).

    `scan_values` stops reading once it has them, so it cannot tell whether the rest of the
    file parses; such an outcome is `scanned`, and `settle` decides where it matters.
    """
    try:
        raw: bytes | None = read_regular(path)
    except (Refused, OSError):
        raw = None
    text = decode(raw, file)[0] if raw is not None else None
    values = scan_values(text, rules.REGISTRY_KEYS) if text is not None else None
    digest = content_digest(raw) if raw is not None else ""
    return FileOutcome(
        file, path, [], values or {}, parsed=values is not None, digest=digest, scanned=True
    )


CHANGED = (
    "файл изменился во время проверки (его переписали, пока шла проверка), и сравнить его "
    "с другими файлами нельзя: запустите проверку ещё раз"
)


def settle(
    summaries: list[SiteSummary], scanned: set[str], wanted: set[str]
) -> tuple[list[SiteSummary], list[Problem]]:
    """The summaries registry-wide rules may use, and a problem for each file asked about
    that was rewritten while the check ran.

    A summary that shares a value with another is what those rules report on, with lines,
    so its file is parsed again now (its nodes were not kept) and the document pinned to the
    summary: the rules then never read the file themselves. A scanned file counts only if it
    parses in full, as it would in a check of every file (a broken copy is reported as
    broken, not as a duplicate). A file that no longer parses, or no longer holds the values
    it was checked with, changed under our feet: it is left out of the comparison rather than
    compared by values it no longer holds, and said so when it was asked about.
    """
    seen = Counter(
        [(p, v) for summary in summaries for p, v in summary.values.items() if isinstance(v, str)]
    )
    if len(seen) == sum(seen.values()):  # no value held twice: the usual register
        return list(summaries), []
    kept: list[SiteSummary] = []
    problems: list[Problem] = []
    for summary in summaries:
        shared = {
            p: v
            for p, v in summary.values.items()
            if isinstance(v, str) and seen.get((p, v), 0) > 1
        }
        if not shared:
            kept.append(summary)
            continue
        document = pinned(summary) or read_file(summary.path, summary.file).document
        if document is not None and all(
            rules.value_at(document.data, p) == v for p, v in shared.items()
        ):
            summary.__dict__["document"] = document  # where its cached_property keeps it
            kept.append(summary)
        elif summary.file in wanted and summary.file not in scanned:
            problems.append(Problem(summary.file, 1, 1, "unreadable", ERROR, CHANGED))
    return kept, problems


def pinned(summary: SiteSummary) -> Document | None:
    document = summary.__dict__.get("document")
    return document if isinstance(document, Document) else None
