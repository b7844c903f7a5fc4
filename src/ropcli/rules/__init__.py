"""Domain rules: one module per rule, listed in `RULES` (STYLE §3).

A rule module has `ID`, `SEVERITY`, `CLAUSE`, a docstring that is its user documentation
(what it checks, an example that passes and one that fails) and either

* `check(site: SiteContext) -> Iterator[Finding]` — looks at one site file, or
* `check_registry(sites: Sequence[SiteContext]) -> Iterator[tuple[SiteContext, Finding]]`
  — looks across the register (uniqueness).

Rules see plain data that the schema has already judged. When a file has schema errors a
rule may meet a missing key or a wrong type; `run_site_rules` then skips that rule for that
file (the schema problems are reported). On a schema-valid file a crash is a bug and is
not swallowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ropcli.problems import Problem
from ropcli.settings import Settings
from ropcli.yamlio import Document


@dataclass(frozen=True)
class Finding:
    """What a rule says: where (a JSON pointer into the file) and what to do."""

    pointer: str
    message: str
    at_key: bool = False


@dataclass(frozen=True)
class SiteContext:
    file: str  # relative to the registry root, as problems report it
    stem: str  # the file name without extension: the id the file must carry
    data: dict[str, Any]
    document: Document
    settings: Settings
    schema_valid: bool


def _modules() -> dict[str, ModuleType]:
    from ropcli.rules import (
        application_dates,
        extension,
        history_order,
        id_matches_file,
        identifier_checksums,
        ogrn_region,
        order_after_review,
        report_reference,
        review_order,
        revocation,
        schedule_dates,
        school_year,
        term_cap,
        term_order,
        unique_identifiers,
    )

    modules = (
        id_matches_file,
        unique_identifiers,
        identifier_checksums,
        ogrn_region,
        school_year,
        application_dates,
        review_order,
        order_after_review,
        history_order,
        term_order,
        term_cap,
        extension,
        revocation,
        report_reference,
        schedule_dates,
    )
    return {m.ID: m for m in modules}


def to_problem(rule: ModuleType, site: SiteContext, finding: Finding) -> Problem:
    line, column = site.document.position(finding.pointer, at_key=finding.at_key)
    return Problem(
        file=site.file,
        line=line,
        column=column,
        rule=rule.ID,
        severity=rule.SEVERITY,
        message=finding.message,
        clause=rule.CLAUSE,
        pointer=finding.pointer,
    )


def run_site_rules(site: SiteContext) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES.values():
        if not hasattr(rule, "check"):
            continue
        try:
            problems.extend(to_problem(rule, site, f) for f in rule.check(site))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            if site.schema_valid:
                raise
    return problems


def run_registry_rules(sites: Sequence[SiteContext]) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES.values():
        if hasattr(rule, "check_registry"):
            problems.extend(to_problem(rule, s, f) for s, f in rule.check_registry(sites))
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


# Last, because the rule modules import the names above from this package.
RULES: dict[str, ModuleType] = _modules()
