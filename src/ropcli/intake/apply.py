"""What was read from Word files → a checked change of `sites/ID.yaml` (not yet written).

A new site starts from the scaffold of `ropcli new` (editing.scaffold); an existing file is
completed. Through the safe writer (editing.transaction): a round-trip edit that keeps
comments and key order, then the register's check with the new bytes in memory.

* Empty fields are filled; a field with the same value is left alone; a field with a
  different value is a conflict — the whole import is refused (`Conflicts`, exit 1) unless
  `force`, which overwrites it.
* Fields left empty are what the coordinator still has to fill: problems at empty fields
  never block the write (the file's own, as with `ropcli new`; a draft's, once drafts
  make them warnings).
* A value the check refuses (an ИНН whose check digit is wrong, a school year that is not
  the application's) is taken out and reported with the check's message, and the rest is
  checked again; any other new problem refuses the write (`RefusedWrite`).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from ropcli.core.problems import ExitCode, Problem, RopcliError
from ropcli.editing import scaffold, transaction
from ropcli.editing.transaction import BOM, Change, RefusedWrite
from ropcli.validation.registry import Registry
from ropcli.yamlio import block_map, block_seq, identifier, join_pointer, parse_text, text
from ropcli.yamlio.comments import replace

from .compose import Found, Path, Reading, Refusal

if TYPE_CHECKING:
    from ropcli.validation.completeness import MissingField

QUOTED = ("inn", "ogrn", "number", "outgoing_number", "phone")
RESOURCES = ("passport", "resources")
ROUNDS = 6  # values taken out one check after another, at most


@dataclass(frozen=True)
class Conflict:
    path: Path
    current: Any
    found: Found


class Conflicts(RopcliError):
    """Fields that already hold another value: nothing is written (exit 1)."""

    def __init__(self, conflicts: list[Conflict], file: str) -> None:
        super().__init__(
            f"{file}: полей, уже заполненных иначе, — {len(conflicts)}; ничего не записано. "
            "Чтобы заменить их значениями из Word, добавьте --force",
            ExitCode.PROBLEMS,
        )
        self.conflicts = conflicts


@dataclass
class Outcome:
    change: Change
    filled: list[tuple[Path, Found]] = field(default_factory=list)
    same: list[Path] = field(default_factory=list)
    replaced: list[Conflict] = field(default_factory=list)
    invalid: list[Refusal] = field(default_factory=list)
    missing: list[MissingField] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _get(data: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _empty(value: Any) -> bool:
    """Nothing written: null, "", or lists and maps of such (the scaffold's technology)."""
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_empty(v) for v in value)
    return value is None or value == ""


def _yaml(value: Any, key: str, flow: bool) -> Any:
    if isinstance(value, bool | dt.date):
        return value
    if isinstance(value, str):
        return identifier(value) if key in QUOTED else text(value, flow=flow)
    if isinstance(value, list):
        return block_seq(*(_yaml(v, key, False) for v in value))
    if isinstance(value, dict):
        return block_map(**{k: _yaml(v, k, False) for k, v in value.items()})
    return value


def _is_flow(node: Any) -> bool:
    return bool(getattr(getattr(node, "fa", None), "flow_style", lambda: False)())


# A key the scaffold lacks goes after the key it follows in docs/format.md.
AFTER = {
    "address": "municipality",
    "teachers_included": "url",
    "teachers_regulation": "mentoring_regulation",
    "social_partners": "conditions",
}
ORDER = ("title", "number", "date", "url", "school_year", "teachers_included")


def _place(node: Any, key: str, value: Any) -> None:
    if key in node or AFTER.get(key) not in node:
        replace(node, key, value)  # the comment lines after the old value stay
    else:
        node.insert(list(node).index(AFTER[key]) + 1, key, value)


def _set(data: Any, path: Path, value: Any) -> None:
    node = data
    for key in path[:-1]:
        if node.get(key) is None:
            _place(node, key, block_map())
        node = node[key]
    _place(node, path[-1], _yaml(value, path[-1], _is_flow(node)))


def _rank(path: Path) -> tuple[Path, int]:
    last = path[-1]
    return path[:-1], ORDER.index(last) if last in ORDER else len(ORDER)


def _operation(values: dict[Path, Any]) -> transaction.Operation:
    def apply(data: Any) -> None:
        for path in sorted(values, key=_rank):
            _set(data, path, values[path])
        resources = _get(data, RESOURCES)
        if isinstance(resources, dict) and any(p[:2] == RESOURCES for p in values):
            for key in [k for k, v in resources.items() if v is None]:
                del resources[key]  # the kinds the school did not name
        documents = _get(data, ("application", "documents"))
        regulation = _get(documents, ("mentoring_regulation",)) if documents else None
        separate = isinstance(regulation, dict) and regulation.get("teachers_included") is False
        if separate and documents.get("teachers_regulation") is None:
            documents["teachers_regulation"] = block_map(number=None, date=None, url=None)
            for key in ("number", "date", "url"):
                documents["teachers_regulation"][key] = None

    return apply


def _default(current: Any, path: Path) -> bool:
    """`teachers_included: true` of the scaffold, while the regulation itself is empty: a
    default of `ropcli new`, not the school's answer."""
    if path[-1:] != ("teachers_included",):
        return False
    regulation = _get(current, path[:-1]) or {}
    return all(_empty(regulation.get(k)) for k in ("number", "date", "url"))


def _pointer(path: Path) -> str:
    return join_pointer(*path)


def _start(
    registry: Registry, site_id: str, sources: list[str]
) -> tuple[FilePath, bytes | None, str]:
    """The site's file, its bytes (None: new) and the text to edit."""
    for suffix in (".yaml", ".yml"):
        path = registry.sites_dir / f"{site_id}{suffix}"
        if path.exists():
            raw = transaction._read_site(path, registry.relative(path))
            return path, raw, raw.decode("utf-8-sig")
    transaction.check_site_id(site_id)
    origin = "файл создан командой «ropcli import» из " + ", ".join(sources)
    content = scaffold.render(registry, site_id, {}, origin)
    return registry.sites_dir / f"{site_id}.yaml", None, content


def _existing_errors(registry: Registry, path: FilePath, file: str) -> Any:
    from ropcli.validation.cached import open_cache

    cache = open_cache(registry.settings)
    try:
        return transaction._before(registry, path, cache)
    finally:
        if cache is not None:
            cache.close()


def plan(registry: Registry, site_id: str, reading: Reading, *, force: bool) -> Outcome:
    """The change the files make to site `site_id`; see the module docstring."""
    path, raw, content = _start(registry, site_id, reading.sources)
    file = registry.relative(path)
    loaded = parse_text(content, file)
    current = loaded.document.data if loaded.document and not loaded.problems else None
    if raw is not None and current is None:
        raise RefusedWrite(
            f"{file} не читается как YAML: сначала исправьте его (ropcli validate), потом "
            "повторите импорт",
            list(loaded.problems),
        )
    before = _existing_errors(registry, path, file) if raw is not None else None
    if before is not None:
        empty = _expected(content, file)
        errors = [p for p in before.problems if p.file == file and p.is_error]
        blocking = [p for p in errors if p.pointer not in empty]
        if blocking:
            raise RefusedWrite(
                f"в файле {file} есть ошибки не в пустых полях ({len(blocking)}): сначала "
                "исправьте их (ropcli validate), потом повторите импорт",
                blocking,
                before.sources,
            )
    outcome_filled, same, conflicts = [], [], []
    values: dict[Path, Any] = {}
    for field_path, found in reading.fields.items():
        existing = _get(current, field_path) if raw is not None else None
        if _empty(existing) or _default(current, field_path):
            outcome_filled.append((field_path, found))
        elif existing == _plain(found.value):
            same.append(field_path)
            continue
        else:
            conflicts.append(Conflict(field_path, existing, found))
        values[field_path] = found.value
    if conflicts and not force:
        raise Conflicts(conflicts, file)
    invalid = list(reading.refusals)
    for _ in range(ROUNDS):
        change = _checked(registry, path, file, raw, content, values)
        refused = {p.pointer for p in change.problems}
        dropped = [fp for fp in values if any(_under(r, _pointer(fp)) for r in refused)]
        if not dropped:
            break
        for field_path in dropped:
            message = "; ".join(
                p.message for p in change.problems if _under(p.pointer, _pointer(field_path))
            )
            found = reading.fields[field_path]
            invalid.append(Refusal(found.where, found.label, message, field_path))
            del values[field_path]
    if change.problems:
        raise RefusedWrite(
            f"{file}: с импортом появились бы ошибки (выше); файл не изменён",
            change.problems,
            change.sources,
        )
    refused_at = [_pointer(r.path) for r in invalid if r.path]  # listed as invalid only
    missing = [
        m
        for m in _missing(change.after.decode("utf-8-sig"), file)
        if not any(_under(m.pointer, r) or _under(r, m.pointer) for r in refused_at)
    ]
    return Outcome(
        change,
        [(p, f) for p, f in outcome_filled if p in values],
        same,
        [c for c in conflicts if c.path in values],
        invalid,
        missing,
    )


def _missing(content: str, file: str) -> list[MissingField]:
    from ropcli.validation.completeness import missing_fields

    loaded = parse_text(content, file)
    return missing_fields(loaded.document.data) if loaded.document else []


def _expected(content: str, file: str) -> set[str]:
    """Pointers of the fields the result leaves empty or missing."""
    return scaffold.fields_to_fill(content) | {m.pointer for m in _missing(content, file)}


def _under(pointer: str, field_pointer: str) -> bool:
    return pointer == field_pointer or pointer.startswith(field_pointer + "/")


def _checked(
    registry: Registry,
    path: FilePath,
    file: str,
    raw: bytes | None,
    content: str,
    values: dict[Path, Any],
) -> Change:
    from ropcli.validation.cached import open_cache

    edited, reformatted = transaction.edit_text(content, _operation(values))
    after = (BOM if raw and raw.startswith(BOM) else b"") + edited.encode("utf-8")
    empty = _expected(edited, file)
    cache = open_cache(registry.settings)
    try:
        result = transaction.validate(registry, path, after, cache)
        before = transaction._before(registry, path, cache)
    finally:
        if cache is not None:
            cache.close()
    expected = functools.partial(_stays_empty, empty=empty)
    texts = (raw, edited, after)
    return transaction.judged(path, file, texts, (before, result), expected, reformatted)


def _stays_empty(problem: Problem, empty: set[str]) -> bool:
    return problem.pointer in empty
