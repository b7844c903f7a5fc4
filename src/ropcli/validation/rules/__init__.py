"""Domain rules: one module per rule, listed in `RULES` (ARCHITECTURE.md).

A rule module has `ID`, `SEVERITY`, `CLAUSE`, a docstring that is its user documentation
(what it checks, an example that passes and one that fails) and either

* `check(site: SiteContext) -> Iterator[Finding]` — looks at one site file, or
* `check_registry(sites: Sequence[SiteSummary]) -> Iterator[tuple[SiteSummary, Finding]]`
  — looks across the register (uniqueness). Such a rule names the values it compares in
  `KEYS` (JSON pointers); a summary carries only those, so a register of 10,000 files is
  compared without keeping 10,000 files in memory.

Rules see plain data that the schema has already judged. When a file has schema errors a
rule may meet a missing key or a wrong type; `run_site_rules` then skips that rule for that
file (the schema problems are reported). On a schema-valid file a crash is a bug and is
not swallowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from ropcli.core.problems import Problem
from ropcli.core.settings import Settings
from ropcli.yamlio import Document, read_file, split_pointer


@dataclass(frozen=True)
class Finding:
    """What a rule says: where (a JSON pointer into the file) and what to do."""

    pointer: str
    message: str
    at_key: bool = False
    clause: str | None = None  # the field's own clause, where it is narrower than the rule's


def _parse(path: Path | None, file: str) -> Document:
    loaded = read_file(path, file) if path is not None else None
    if loaded is None or loaded.document is None:
        raise ValueError(f"{file} no longer parses")  # changed under our feet
    return loaded.document


@dataclass(frozen=True)
class SiteContext:
    file: str  # relative to the registry root, as problems report it
    stem: str  # the file name without extension: the id the file must carry
    data: dict[str, Any]
    settings: Settings
    schema_valid: bool
    path: Path | None = None
    parsed: Document | None = field(default=None, repr=False, compare=False)

    @cached_property
    def document(self) -> Document:
        """The nodes that know positions; parsed again only when a position is asked for."""
        return self.parsed if self.parsed is not None else _parse(self.path, self.file)


@dataclass(frozen=True)
class SiteSummary:
    """What registry-wide rules see of a file: the values they compare, by pointer."""

    file: str
    path: Path
    values: dict[str, Any]

    @cached_property
    def document(self) -> Document:
        return _parse(self.path, self.file)


def _modules() -> dict[str, ModuleType]:
    from ropcli.validation.rules import (
        application_dates,
        correction,
        extension,
        full_name,
        history_order,
        id_matches_file,
        identifier_checksums,
        incomplete,
        ogrn_region,
        order_after_review,
        report_after_period_start,
        report_reference,
        review_order,
        revocation,
        schedule_dates,
        school_year,
        term_after_order,
        term_cap,
        term_order,
        unique_identifiers,
    )

    modules = (
        id_matches_file,
        unique_identifiers,
        identifier_checksums,
        ogrn_region,
        full_name,
        school_year,
        application_dates,
        review_order,
        order_after_review,
        history_order,
        term_order,
        term_after_order,
        term_cap,
        extension,
        revocation,
        report_reference,
        report_after_period_start,
        schedule_dates,
        correction,
        incomplete,
    )
    return {m.ID: m for m in modules}


def to_problem(rule: ModuleType, site: SiteContext | SiteSummary, finding: Finding) -> Problem:
    return site.document.problem(
        site.file,
        finding.pointer,
        rule.ID,
        rule.SEVERITY,
        finding.message,
        finding.clause or rule.CLAUSE,
        finding.at_key,
    )


def run_site_rules(site: SiteContext) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES.values():
        if not hasattr(rule, "check"):
            continue
        try:
            problems.extend(to_problem(rule, site, f) for f in rule.check(site))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError):
            if site.schema_valid:
                raise
    return problems


def run_registry_rules(
    sites: Sequence[SiteSummary], report_for: set[str] | None = None
) -> list[Problem]:
    """Problems of the registry-wide rules, for the files in `report_for` (default: all)."""
    problems: list[Problem] = []
    for rule in RULES.values():
        if hasattr(rule, "check_registry"):
            problems.extend(
                to_problem(rule, s, f)
                for s, f in rule.check_registry(sites)
                if report_for is None or s.file in report_for
            )
    return problems


def get(data: Any, *path: str | int) -> Any:
    """`data[a][b]…` or None where the path does not exist (rules on drafts)."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or step >= len(data):
                return None
        elif not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data


def value_at(data: Any, pointer: str) -> Any:
    return get(data, *split_pointer(pointer))


# Last, because the rule modules import the names above from this package.
RULES: dict[str, ModuleType] = _modules()
REGISTRY_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(k for r in RULES.values() for k in getattr(r, "KEYS", ()))
)
