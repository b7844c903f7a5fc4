"""`validate` as a library call: load, schema, domain rules → a `CheckResult`.

Nothing here prints or exits. A file that does not parse is a recorded result, not an
exception; one bad file never stops the check of the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropcli import rules
from ropcli.problems import ERROR, WARNING, Problem
from ropcli.registry import Registry
from ropcli.rules import SiteContext
from ropcli.yamlio import iter_yaml_files, read_file


@dataclass
class CheckResult:
    files: int
    problems: list[Problem]
    sites: list[SiteContext] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file -> text, for excerpts

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def files_with_errors(self) -> set[str]:
        return {p.file for p in self.problems if p.severity == ERROR}

    def valid_sites(self) -> list[SiteContext]:
        """Sites that commands may compute with: parsed and free of errors."""
        bad = self.files_with_errors()
        return [s for s in self.sites if s.file not in bad]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": self.files,
            "problems": [p.to_dict() for p in self.problems],
        }


def site_files(registry: Registry) -> list[Path]:
    return list(iter_yaml_files(registry.sites_dir)) if registry.sites_dir.is_dir() else []


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders as their *.yaml files (a registry folder: its sites/)."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            inner = path / "sites" if (path / "sites").is_dir() else path
            result.extend(iter_yaml_files(inner))
        else:
            result.append(path)
    return result


def load_site(registry: Registry, path: Path) -> tuple[SiteContext | None, list[Problem], str]:
    """One file through the loader, the schema and the site rules (text kept for excerpts)."""
    file = registry.relative(path)
    loaded = read_file(path, file)
    problems = list(loaded.problems)
    document = loaded.document
    if document is None:
        return None, problems, loaded.text
    problems += registry.schema_checker.check("site", document.data, document, file)
    site = SiteContext(
        file=file,
        stem=path.name.rsplit(".", 1)[0],
        data=document.data,
        document=document,
        settings=registry.settings,
        schema_valid=not problems,
    )
    problems += rules.run_site_rules(site)
    return site, problems, loaded.text


def check(registry: Registry, paths: Sequence[Path] | None = None) -> CheckResult:
    """Check the given site files, or every file in `<registry>/sites/`.

    Registry-wide rules (uniqueness) always compare with the whole register, but only the
    problems of the files asked about are reported.
    """
    everything = site_files(registry)
    targets = expand_paths(paths) if paths else everything
    wanted = {registry.relative(p) for p in targets}
    problems: list[Problem] = []
    sites: list[SiteContext] = []
    sources: dict[str, str] = {}
    seen: set[str] = set()
    for path in [*targets, *everything]:
        file = registry.relative(path)
        if file in seen:
            continue
        seen.add(file)
        site, found, text = load_site(registry, path)
        if file in wanted:
            problems += found
            sources[file] = text
        if site is not None:
            sites.append(site)
    by_file = sorted(sites, key=lambda s: s.file)
    problems += [p for p in rules.run_registry_rules(by_file) if p.file in wanted]
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.rule))
    return CheckResult(len(wanted), problems, [s for s in sites if s.file in wanted], sources)
