"""`ropcli diff --base REF`: what a pull request may and may not do to the register (SPEC §6).

The register is append-only (regulation 6.1: the status lives in Ministry orders, and an
order once issued stays issued): a site file is never deleted, its id never changes, and an
existing `history` event or `reports` entry is never removed, edited or moved — a correction
is a new event. New events come after the old ones.

Files are compared as parsed data, not as text, so reordered keys, quoting and comments
change nothing. An entry's identity is its whole content: an old entry must still be in the
new list, equal as data, in the same order relative to the other old entries. One
completion is not an edit: a report entry may gain the keys that record what happened to
it later — `agreed` (5.3: the agreement with the municipal coordinator, which is what turns
an `unagreed` report into an accepted one) and `url` — as long as nothing it had changes.

The working tree is compared with `git show REF:path` (through `ropcli.gitrepo`); the changed
site files are then validated together with the whole registry (`ropcli.check.check`).
Nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ropcli import gitrepo
from ropcli.check import CheckResult, check
from ropcli.dates import short
from ropcli.lifecycle import event_date
from ropcli.problems import ERROR, Problem
from ropcli.registry import SETTINGS_FILE, SITES_DIR, Registry
from ropcli.yamlio import Document, Loaded, join_pointer, parse_bytes, read_file

SITE_DELETED = "site-deleted"
APPEND_ONLY = "append-only"
ID_CHANGED = "id-changed"
HISTORY_ORDER = "history-order"  # the same rule id as the domain rule: same meaning

# id -> (summary, clause), for `ropcli rules`-like listings and SARIF rule metadata.
RULES: dict[str, tuple[str, str | None]] = {
    SITE_DELETED: ("файл площадки удалён: реестр только дополняется", "6.1"),
    APPEND_ONLY: (
        "прежнее событие истории или запись об отчёте удалены, изменены или перемещены: "
        "исправления — новыми записями",
        "6.1",
    ),
    ID_CHANGED: ("id площадки изменён: id — постоянное имя площадки в реестре", None),
}
_CLAUSES = {**{k: v[1] for k, v in RULES.items()}, HISTORY_ORDER: "6.1"}

_EVENTS = {
    "assigned": "присвоение",
    "extension_requested": "заявка на продление",
    "extended": "продление",
    "revoked": "досрочное снятие",
}
_REPORTS = {"annual": "ежегодный", "final": "итоговый", "interim": "промежуточный"}
# noun, then the verb endings and pronoun that agree with it
_LISTS = {
    "history": ("событие истории", "о", "его"),
    "reports": ("запись об отчёте", "а", "её"),
}


def diff_registry(registry: Registry, ref: str) -> CheckResult:
    """Compare the working tree of the registry's checkout with `ref` — at the point where
    the current branch left it, as a pull request is judged — and validate what changed.

    Raises `RopcliError` (exit 3) when the registry is not in a git checkout or `ref` is
    not there. A change to `ropcli.yaml` can break any file, so then every file is checked.
    """
    top = gitrepo.require_toplevel(registry.root)
    commit = gitrepo.fork_point(top, gitrepo.resolve_commit(top, ref))
    prefix = gitrepo.prefix_of(registry.root, top)
    problems: list[Problem] = []
    to_check: list[Path] = []
    texts: dict[str, str] = {}  # the new text of compared files, for the excerpts of `text`
    settings_changed = False
    for change in gitrepo.changes(top, commit, prefix):
        file = change.path[len(prefix) :]
        if file == SETTINGS_FILE:
            settings_changed = True
        if not _is_site_file(file):
            continue
        path = registry.root / file
        if change.status == "D" or not path.is_file():
            problems.append(_deleted(file, ref))
            continue
        to_check.append(path)
        old = gitrepo.show(top, commit, change.path) if change.status != "A" else None
        if old is not None:
            new = read_file(path, file)
            texts[file] = new.text
            problems += compare(parse_bytes(old, file), new)
    if settings_changed:
        checked = check(registry)
    elif to_check:
        checked = check(registry, to_check)
    else:
        checked = CheckResult(0, [])
    files = checked.files + sum(1 for p in problems if p.rule == SITE_DELETED)
    # A new event dated too early is also the domain rule's finding: say it once, as here.
    ours = {(p.file, p.rule, p.pointer) for p in problems}
    merged = problems + [p for p in checked.problems if (p.file, p.rule, p.pointer) not in ours]
    merged.sort(key=lambda p: (p.file, p.line, p.column, p.rule))
    sources = {**texts, **checked.sources}
    return replace(checked, files=files, problems=merged, sources=sources)


def _is_site_file(file: str) -> bool:
    folder, _, name = file.rpartition("/")
    return folder == SITES_DIR and name.endswith((".yaml", ".yml"))


def _deleted(file: str, ref: str) -> Problem:
    return Problem(
        file=file,
        line=1,
        column=1,
        rule=SITE_DELETED,
        severity=ERROR,
        message=f"файл площадки удалён (в {ref} он есть): реестр только дополняется — "
        "верните файл; площадку, утратившую статус, не удаляют, а записывают её историю "
        "(событие revoked или истёкший срок)",
        clause=_CLAUSES[SITE_DELETED],
    )


def compare(old: Loaded, new: Loaded) -> list[Problem]:
    """Problems of `new` (the working tree) against `old` (the file at REF) — SPEC §6."""
    if old.document is None or new.document is None:
        return []  # nothing to compare; `check` reports the file that does not parse
    before, after, doc = old.document.data, new.document.data, new.document
    found: list[Problem] = []
    if isinstance(before.get("id"), str) and before["id"] != after.get("id"):
        found.append(
            _at(
                doc,
                new.file,
                ID_CHANGED,
                "/id",
                f"id площадки изменён: было «{before['id']}», стало «{after.get('id')}». "
                "id — постоянное имя площадки в реестре и в приказах: верните прежний",
            )
        )
    for key in _LISTS:
        old_list, new_list = before.get(key) or [], after.get(key) or []
        if isinstance(old_list, list) and isinstance(new_list, list):
            found += _compare_list(key, old_list, new_list, doc, new.file)
    return found


COMPLETABLE = {"reports": frozenset({"agreed", "url"})}


def _same(key: str, old: Any, new: Any) -> bool:
    """`new` is the old entry, unchanged or only completed with keys it lacked."""
    if old == new:
        return True
    extra = COMPLETABLE.get(key, frozenset())
    return (
        bool(extra)
        and isinstance(old, dict)
        and isinstance(new, dict)
        and all(k in new and new[k] == v for k, v in old.items())
        and set(new) - set(old) <= extra
    )


def _compare_list(
    key: str, old: list[Any], new: list[Any], doc: Document, file: str
) -> list[Problem]:
    noun, end, it = _LISTS[key]
    matched: dict[int, int] = {}  # old index -> new index, greedy, order kept
    start = 0
    for i, entry in enumerate(old):
        k = next((k for k in range(start, len(new)) if _same(key, entry, new[k])), None)
        if k is not None:
            matched[i] = k
            start = k + 1
    free = [k for k in range(len(new)) if k not in matched.values()]
    found: list[Problem] = []
    for i, entry in enumerate(old):
        if i in matched:
            continue
        what = f"{noun} {_describe(key, entry)}"
        moved = next((k for k in free if _same(key, entry, new[k])), None)
        if moved is not None:
            free.remove(moved)
            found.append(
                _at(
                    doc,
                    file,
                    APPEND_ONLY,
                    join_pointer(key, moved),
                    f"{what} перемещен{end} с места {i + 1} на место {moved + 1}: прежние "
                    "записи остаются на своих местах, новые добавляются в конец списка",
                )
            )
            continue
        low = max((matched[j] for j in matched if j < i), default=-1)
        high = min((matched[j] for j in matched if j > i), default=len(new))
        edited = next((k for k in free if low < k < high), None)
        if edited is None:
            found.append(
                _at(
                    doc,
                    file,
                    APPEND_ONLY,
                    join_pointer(key),
                    f"{what} удален{end}: реестр только дополняется — верните {it}; "
                    "исправление оформляется новой записью",
                    at_key=True,
                )
            )
            continue
        free.remove(edited)
        changes, where = _changes(entry, new[edited])
        found.append(
            _at(
                doc,
                file,
                APPEND_ONLY,
                join_pointer(key, edited, *where),
                f"{what} изменен{end} ({changes}): прежние записи не правят — верните как было, "
                "исправление оформите новой записью",
            )
        )
    if key == "history":
        found += _late_events(old, new, free, max(matched.values(), default=-1), doc, file)
    return found


def _late_events(
    old: list[Any], new: list[Any], added: list[int], last_kept: int, doc: Document, file: str
) -> list[Problem]:
    """New history events stand after the old ones, in the list and in time."""
    dates = [d for d in (_event_date(e) for e in old) if d is not None]
    latest = max(dates, default=None)
    found: list[Problem] = []
    for k in added:
        what = f"новое событие {_describe('history', new[k])}"
        when = _event_date(new[k])
        if k < last_kept:
            message = f"{what} вставлено между прежними: новые события добавляются в конец истории"
        elif latest is not None and when is not None and when < latest:
            message = (
                f"{what} датировано раньше последнего прежнего события ({short(latest)}): "
                "история только дополняется, новые события — не раньше прежних"
            )
        else:
            continue
        pointer = join_pointer("history", k)
        found.append(_at(doc, file, HISTORY_ORDER, pointer, message, at_key=True))
    return found


def _event_date(event: Any) -> Any:
    try:
        return event_date(event) if isinstance(event, dict) else None
    except (ValueError, TypeError, AttributeError):
        return None


def _describe(key: str, entry: Any) -> str:
    if not isinstance(entry, dict):
        return f"«{entry}»"
    if key == "history":
        label = _EVENTS.get(str(entry.get("event")), str(entry.get("event")))
        order = entry.get("order")
        order = order if isinstance(order, dict) else {}
        number = f", приказ № {order['number']}" if order.get("number") else ""
        when = _event_date(entry)
        return f"«{label}»{number}" + (f" от {short(when)}" if when else "")
    kind = _REPORTS.get(str(entry.get("kind")), str(entry.get("kind")))
    year = f", год {entry['year']}" if entry.get("year") is not None else ""
    return f"«{kind} отчёт, срок {entry.get('term')}{year}»"


def _flat(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    if isinstance(value, dict) and value:
        flat: dict[tuple[str, ...], Any] = {}
        for key, sub in value.items():
            flat.update(_flat(sub, (*path, str(key))))
        return flat
    return {path: value}


def _changes(old: Any, new: Any) -> tuple[str, tuple[str, ...]]:
    """«order.number: 1-512 → 1-999» and the path of the first changed value still present."""
    before, after = _flat(old), _flat(new)
    parts: list[str] = []
    where: tuple[str, ...] = ()
    for path in sorted(set(before) | set(after)):
        name = ".".join(path) or "значение"
        if path not in after:
            parts.append(f"убрано {name} («{before[path]}»)")
        elif path not in before:
            parts.append(f"добавлено {name}: «{after[path]}»")
        elif before[path] != after[path]:
            parts.append(f"{name}: «{before[path]}» → «{after[path]}»")
        else:
            continue
        if not where and path in after:
            where = path
    shown = "; ".join(parts[:3]) + (f"; и ещё {len(parts) - 3}" if len(parts) > 3 else "")
    return shown, where


def _at(
    doc: Document, file: str, rule: str, pointer: str, message: str, at_key: bool = False
) -> Problem:
    return doc.problem(file, pointer, rule, ERROR, message, _CLAUSES[rule], at_key)
