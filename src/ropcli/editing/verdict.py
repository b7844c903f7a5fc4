"""What a change to a site file may bring in: the verdict of every writer (`new`, `record`,
`fill`, `import`).

The problems of the register after the change are compared with those before it:

* a problem that was there before, or one the caller expects (the empty fields of a draft
  that `new`, `fill` or `import` leave for later), is *pending* — shown or counted, never
  blocking;
* a new error anywhere in the register *blocks* the write;
* a new warning on a line the change wrote *blocks* it too (a report for a year that needs
  none is a typo in what was just typed);
* a new warning on a line the change did not touch is a *notice*: the file is written and
  the warning shown. Recording the Ministry's order, for instance, makes the events a site
  held before its status «вне срока статуса» — worth a look, but the order is a fact and
  must be recordable.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ropcli.core.problems import Problem

if TYPE_CHECKING:
    from ropcli.validation.check import CheckResult


@dataclass(frozen=True)
class Verdict:
    blocking: list[Problem] = field(default_factory=list)
    pending: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)


def problem_key(problem: Problem) -> tuple[str, str, str, str]:
    """A problem's identity across two checks: its line may move, its pointer does not."""
    return problem.file, problem.rule, problem.pointer, problem.message


def touched_lines(before: str | None, after: str) -> frozenset[int] | None:
    """The 1-based numbers of the lines of `after` that the change wrote; None for a new
    file (every line is new)."""
    if before is None:
        return None
    old, new = before.splitlines(), after.splitlines()
    lines: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            lines.update(range(j1 + 1, j2 + 1))
    return frozenset(lines)


def verdict(
    before: CheckResult,
    after: CheckResult,
    file: str,
    expected: Callable[[Problem], bool] = lambda problem: False,
    touched: frozenset[int] | None = None,
) -> Verdict:
    """Sort the problems after a change of `file` into blocking, pending and notices."""
    known = {problem_key(p) for p in before.problems}
    result = Verdict()
    for problem in after.problems:
        ours = problem.file == file
        if ours and (expected(problem) or problem_key(problem) in known):
            result.pending.append(problem)
        elif problem_key(problem) in known:
            continue
        elif ours and not problem.is_error and touched is not None and problem.line not in touched:
            result.notices.append(problem)
        else:
            result.blocking.append(problem)
    return result
