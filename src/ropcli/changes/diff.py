"""`ropcli diff --base REF`: what a pull request may and may not do to the register.

The register is append-only (regulation 6.1): a site file is never deleted, renamed or
turned into a link, its id never changes, and what it recorded — `history` events, `reports`
entries, the review of the application — is never removed or edited; a correction is a new
event (`ropcli.changes.data`). Changes to the rules themselves — `ropcli.yaml` and the
registry's `templates/` — are findings a reviewer must accept (`--allow-settings`,
`ropcli.changes.settings`).

The working tree is compared with the point where the current branch left REF, as git sees
both (`ropcli.core.gitrepo`): which paths changed and their modes, and what a site path means on
each side, links followed (`ropcli.changes.sites`). The changed site files are then
validated together with the whole registry (`ropcli.validation.check.check`). Nothing here prints or
exits. Rule ids and summaries: `ropcli.validation.change_rules` (`RULES`, listed by `ropcli rules`).
"""

from __future__ import annotations

from dataclasses import replace

from ropcli.changes.data import compare
from ropcli.changes.settings import moved_registry, settings_change, template_changes
from ropcli.changes.sites import site_outcome
from ropcli.core import gitrepo
from ropcli.validation.change_rules import (
    ACCEPTED_BY_ALLOW_SETTINGS,
    OUTSIDE_SITES,
    RULES,
    SITE_SYMLINK,
)
from ropcli.validation.check import CheckResult, check
from ropcli.validation.registry import SETTINGS_FILE, Registry

__all__ = ["RULES", "compare", "diff_registry"]

FILE_TYPE = "file-type"  # the loader's rule for a file that is not a regular file


def diff_registry(registry: Registry, ref: str, allow_settings: bool = False) -> CheckResult:
    """Compare the working tree of the registry's checkout with `ref` — at the point where
    the current branch left it, as a pull request is judged — and validate what changed.

    Raises `RopcliError` (exit 3) when the registry is not in a git checkout or `ref` is
    not there. A change to `ropcli.yaml` can break any file, so then every file is checked;
    with `allow_settings` the changes to `ropcli.yaml` and `templates/` are accepted.
    """
    top = gitrepo.require_toplevel(registry.root)
    commit = gitrepo.fork_point(top, gitrepo.resolve_commit(top, ref))
    prefix = gitrepo.prefix_of(registry.root, top)
    changes = gitrepo.changes(top, commit, prefix)
    sites = site_outcome(registry, top, commit, prefix, changes, ref)
    problems = sites.problems + template_changes(changes, prefix)
    moved = moved_registry(top, commit, prefix, ref)
    if moved is not None:
        problems.append(moved)
    listed = any(c.path == prefix + SETTINGS_FILE for c in changes)
    settings = settings_change(top, commit, prefix, registry, listed)
    texts = dict(sites.texts)
    if settings is not None:
        problems.append(settings[0])
        texts[settings[0].file] = settings[1]
    if allow_settings:
        problems = [p for p in problems if p.rule not in ACCEPTED_BY_ALLOW_SETTINGS]
    if settings is not None or listed:
        checked = check(registry)
    elif sites.to_check:
        checked = check(registry, sites.to_check)
    else:
        checked = CheckResult(0, [])
    others = {p.file for p in problems if p.rule in OUTSIDE_SITES}
    files = checked.files + sites.unchecked + len(others)
    # A new event dated too early is also the domain rule's finding: say it once, as here;
    # a linked site file is said once too (the loader refuses links as `file-type`).
    ours = {(p.file, p.rule, p.pointer) for p in problems}
    linked = {p.file for p in problems if p.rule == SITE_SYMLINK}
    merged = problems + [
        p
        for p in checked.problems
        if (p.file, p.rule, p.pointer) not in ours
        and not (p.file in linked and p.rule == FILE_TYPE)
    ]
    merged.sort(key=lambda p: (p.file, p.line, p.column, p.rule))
    sources = {**checked.sources, **{f: t for f, t in texts.items() if t}}
    return replace(checked, files=files, problems=merged, sources=sources)
