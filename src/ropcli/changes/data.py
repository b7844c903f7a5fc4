"""What a pull request may do to a site file's data: the comparison.

The register is append-only (regulation 6.1: the status lives in Ministry orders, and an
order once signed stays signed): a site's id never changes, and an existing `history` event
or `reports` entry is never removed, edited or moved — a correction is a new event. New
events come after the old ones. The review of the application (6.6: the municipal
coordinator's agreement and the expert commission's conclusion) is a past fact too: once
recorded it is not changed or removed; a review that was absent may be added.

Files are compared as parsed data, not as text, so reordered keys, quoting and comments
change nothing. An entry's identity is its whole content: an old entry must still be in the
new list, equal as data, in the same order relative to the other old entries. One
completion is not an edit: a report entry may gain the keys that record what happened to
it later — `agreed` (5.3: the agreement with the municipal coordinator, which is what turns
an `unagreed` report into an accepted one) and `url` — as long as nothing it had changes.
A mistake in an old entry is put right by appending to `corrections:`
(docs/changing-the-register.md), whose old entries are kept the same way.
"""

from __future__ import annotations

from typing import Any

from ropcli.core.dates import short
from ropcli.core.labels import EVENT_LABELS
from ropcli.core.problems import ERROR, Problem
from ropcli.core.vocab import REPORT_KINDS
from ropcli.lifecycle import event_date
from ropcli.validation.change_rules import (
    APPEND_ONLY,
    CLAUSES,
    HISTORY_ORDER,
    ID_CHANGED,
    REVIEW_REWRITTEN,
)
from ropcli.yamlio import Document, Loaded, join_pointer

_EVENTS = EVENT_LABELS
_REPORTS = REPORT_KINDS
# noun, then the verb endings and pronoun that agree with it
_LISTS = {
    "history": ("событие истории", "о", "его"),
    "reports": ("запись об отчёте", "а", "её"),
    "corrections": ("исправление", "о", "его"),  # corrections are corrected by corrections
}


def compare(old: Loaded, new: Loaded) -> list[Problem]:
    """Problems of `new` (the working tree) against `old` (the file at REF)."""
    if old.document is None or new.document is None:
        return []  # nothing to compare; `check` reports the file that does not parse
    before, after, doc = old.document.data, new.document.data, new.document
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []  # `check` reports a file that holds no mapping
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
        if isinstance(old_list, list):  # a list replaced by anything else lost its entries
            new_list = new_list if isinstance(new_list, list) else []
            found += _compare_list(key, old_list, new_list, doc, new.file)
    found += _compare_review(before.get("review"), after.get("review"), doc, new.file)
    return found


# section of `review` -> how a message names it (neuter nouns: «изменено», «удалено»)
_REVIEW = {
    "municipal_agreement": "согласование заявки с муниципальным координатором",
    "expert_conclusion": "заключение Экспертной комиссии",
}


def _compare_review(old: Any, new: Any, doc: Document, file: str) -> list[Problem]:
    """Every value the review had is still there, unchanged; sections and keys it lacked may
    be added (the review is filled in as it happens)."""
    if not isinstance(old, dict):
        return []
    new = new if isinstance(new, dict) else {}
    found: list[Problem] = []
    for key, value in old.items():
        what = _REVIEW.get(str(key), f"сведение review.{key}") + _review_label(value)
        if key not in new:
            at = join_pointer("review") if "review" in doc.data else ""
            message = (
                f"{what} удалено: сведения о рассмотрении заявки (п. 6.6) — прошлое, их не "
                "удаляют — верните как было"
            )
            found.append(_at(doc, file, REVIEW_REWRITTEN, at, message, at_key=True))
            continue
        if _kept(value, new[key]):
            continue
        changes, where = _changes(value, new[key], additions=False)
        message = (
            f"{what} изменено ({changes}): прежнее решение и его реквизиты не переписывают — "
            "это история рассмотрения заявки (п. 6.6); верните как было"
        )
        pointer = join_pointer("review", key, *where)
        found.append(_at(doc, file, REVIEW_REWRITTEN, pointer, message, at_key=not where))
    return found


def _kept(old: Any, new: Any) -> bool:
    """Every value of `old` is in `new`, equal; `new` may have more keys."""
    before, after = _flat(old), _flat(new)
    return all(path in after and after[path] == v for path, v in before.items())


def _review_label(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    when = _event_date({"date": value.get("date")})
    protocol = value.get("protocol")
    label = f" от {short(when)}" if when else ""
    return label + (f" (протокол № {protocol})" if protocol not in (None, "") else "")


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
    if key == "corrections":
        return f"«{entry.get('pointer')}» от {entry.get('date')}"
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


def _changes(old: Any, new: Any, additions: bool = True) -> tuple[str, tuple[str, ...]]:
    """«order.number: «1-512» → «1-999»» and the path of the first changed value still
    present; without `additions`, values `new` gained are not listed."""
    return flat_changes(old, new, additions=additions)


def flat_changes(
    old: Any, new: Any, additions: bool = True, form: str = "entry"
) -> tuple[str, tuple[str, ...]]:
    """What changed between two values, leaf by leaf (at most three named), and the path of
    the first changed value still present. `form="settings"` writes «term.max_years 3 → 10»."""
    before, after = _flat(old), _flat(new)
    for side in (before, after):  # an empty mapping is "nothing", not a value
        if side.get(()) == {}:
            del side[()]
    quoted = form != "settings"

    def show(value: Any) -> str:
        if isinstance(value, list):
            value = "[" + ", ".join(str(v) for v in value) + "]"
        return f"«{value}»" if quoted else str(value)

    parts: list[str] = []
    where: tuple[str, ...] = ()
    for path in sorted(set(before) | (set(after) if additions else set())):
        name = ".".join(path) or "значение"
        if path not in after:
            parts.append(f"убрано {name} ({'было ' if not quoted else ''}{show(before[path])})")
        elif path not in before:
            parts.append(f"добавлено {name}: {show(after[path])}")
        elif before[path] != after[path]:
            arrow = f"{show(before[path])} → {show(after[path])}"
            parts.append(f"{name}: {arrow}" if quoted else f"{name} {arrow}")
        else:
            continue
        if not where and path in after:
            where = path
    shown = "; ".join(parts[:3]) + (f"; и ещё {len(parts) - 3}" if len(parts) > 3 else "")
    return shown, where


def _at(
    doc: Document, file: str, rule: str, pointer: str, message: str, at_key: bool = False
) -> Problem:
    return doc.problem(file, pointer, rule, ERROR, message, CLAUSES[rule], at_key)
