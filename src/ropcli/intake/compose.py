"""Entries of Word files → the fields of a site file, and what could not be read.

Each entry's label is classified (`labels`), its lines parsed (`values`); a row that
carries several fields (the passport's rows 3, 5, 6, 8, 12 as the regulation prints
them) is split at its sub-labels («Цель: …», «Задачи:», «Финансовые: …»). The same field
read twice with different values — the organization's name in the application and in the
passport — is a problem, not a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from ropcli.core.dates import short
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.settings import Settings

from . import contact, rows, values
from .labels import classify
from .reading import LOST_TABLE, Entry, read_entries

Path = tuple[str, ...]


LOST = (
    "таблица бланка потеряна (так бывает, когда файл пересохраняют в .doc): графы и значения "
    "склеились в абзацы, и где какое значение, не разобрать — они не прочитаны; попросите "
    "школу заполнить бланк .docx и сохранить его как «Документ Word (.docx)»"
)
STRAY = (
    "вписано в столбец с названием графы, а не в правый — не прочитано; перенесите значение "
    "в правый столбец"
)


@dataclass(frozen=True)
class Found:
    value: Any
    where: str
    label: str
    note: str = ""  # what the import added: «https:// дописано»


@dataclass(frozen=True)
class Refusal:
    """A value that was found but is not valid (not written), with where it stands."""

    where: str
    label: str
    message: str
    path: Path | None = None


@dataclass
class Reading:
    """What the files gave: values by field path, and problems."""

    fields: dict[Path, Found] = field(default_factory=dict)
    refusals: list[Refusal] = field(default_factory=list)
    recognized: int = 0  # entries whose label named a field
    sources: list[str] = field(default_factory=list)  # the files' names

    def put(self, path: Path, value: Any, entry: Entry, note: str = "") -> None:
        known = self.fields.get(path)
        if known is not None and known.value != value:
            self.refusals.append(
                Refusal(
                    entry.where,
                    entry.label,
                    f"другое значение, чем в {known.where}: «{shown(known.value)}» и "
                    f"«{shown(value)}» — оставлено первое",
                    path,
                )
            )
            return
        self.fields.setdefault(path, Found(value, entry.where, entry.label, note))


def shown(value: Any) -> str:
    """A value as a message quotes it: dates ДД.ММ.ГГГГ, «да»/«нет», stages by name."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return short(value)
    if isinstance(value, list):
        text = "; ".join(str(v.get("stage")) if isinstance(v, dict) else str(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _number(lines: Sequence[str]) -> str:
    return values.plain(lines).removeprefix("№").strip().removeprefix("N ").strip()


def _parser(path: Path, settings: Settings) -> Callable[[Sequence[str]], Any]:
    names = {code: m.name for code, m in settings.municipalities.items()}
    last = path[-1]
    dated = last == "date" or path == ("application", "date")
    special: dict[str, Callable[[Sequence[str]], Any]] = {
        "inn": lambda lines: values.digits(values.plain(lines), 10, "ИНН организации"),
        "ogrn": lambda lines: values.digits(values.plain(lines), 13, "ОГРН"),
        "municipality": lambda lines: values.municipality(values.plain(lines), names),
        "type": lambda lines: values.site_type(values.plain(lines)),
        "website": lambda lines: values.url(values.plain(lines)),
        "mentoring_page": lambda lines: values.url(values.plain(lines)),
        "url": lambda lines: values.url(values.plain(lines)),
        "email": lambda lines: values.email(values.plain(lines)),
        "school_year": lambda lines: values.school_year(values.plain(lines)),
        "teachers_included": lambda lines: values.yes_no(values.plain(lines)),
        "forms": lambda lines: values.mentoring_forms(lines, settings.mentoring_forms),
        "technology": rows.technology,
        "outgoing_number": _number,
        "number": _number,
    }
    if dated:
        return lambda lines: values.date_of(values.plain(lines))
    if last in ("model_tasks", "tasks", "social_partners", "risks"):
        return values.items
    return special.get(last, values.plain)


def read(entries: Sequence[Entry], settings: Settings, reading: Reading | None = None) -> Reading:
    reading = reading or Reading()
    for entry in entries:
        if entry.label == LOST_TABLE:
            reading.recognized += 1  # the form's own text: the right file, its table lost
            reading.refusals.append(Refusal(entry.where, "текст бланка вне таблицы", LOST))
            continue
        target = classify(entry.head) or classify(entry.label)
        if target is None:
            continue
        reading.recognized += 1
        if entry.stray:
            message = f"«{shown(' '.join(entry.stray))}» — {STRAY}"
            reading.refusals.append(Refusal(entry.where, entry.head, message, _path(target)))
        if not entry.lines:
            continue
        try:
            _take(reading, target, entry, settings)
        except ValueError as exc:
            reading.refusals.append(Refusal(entry.where, entry.label, str(exc), _path(target)))
    return reading


ROW_PATHS: dict[str, Path] = {  # what a row that was found but not read stands for
    "row3": ("passport", "forms"),
    "row5": ("passport", "goal"),
    "row6": ("passport", "conditions"),
    "row8": ("passport", "resources"),
    "row12": ("passport", "contact"),
}
UNREAD = (
    "не прочитано: «{text}» — не понять, к какой графе это относится; подпишите строку "
    "в Word ({example}) или впишите значение в файл площадки"
)
EXAMPLES = {"row12": "«Телефон: …», «Электронная почта: …»", "row8": "«Кадровые: …»"}


def _path(target: str) -> Path | None:
    if target.startswith("doc:"):
        key, _, part = target[4:].partition(".")
        return (
            ("application", "documents", key, part) if part else ("application", "documents", key)
        )
    if target in ROW_PATHS:
        return ROW_PATHS[target]
    return tuple(target.split(".")) if "." in target else None


MAX_FIELD = 20_000  # characters of one field; the longest passport answer is a page


def _take(reading: Reading, target: str, entry: Entry, settings: Settings) -> None:
    lines = entry.lines
    length = sum(len(line) for line in lines)
    if length > MAX_FIELD:
        raise ValueError(
            f"текста {length} знаков, больше {MAX_FIELD} — это не значение одной графы; "
            "не прочитано: сократите текст в Word или впишите значение в файл площадки"
        )
    if target.startswith("doc:") and "." not in target:
        found = rows.document(target[4:], lines, entry.label)
        if not found:
            raise ValueError(
                f"не прочитано: «{shown(' '.join(lines))}» — нет ни номера (№ …), ни даты, ни "
                "ссылки; напишите, например, «приказ от 01.09.2023 № 141, https://…»"
            )
        for path, value in found:
            reading.put(path, value, entry)
        return
    if target in rows.ROW_SUBFIELDS or target == "row12":
        if target == "row12":
            parts, unread = contact.read(lines)
        else:
            parts, unread = rows.split_row(target, lines)
        for path, part in parts:
            _one(reading, path, part, entry, settings)
        if unread:
            example = EXAMPLES.get(target, "«Цель: …»")
            message = UNREAD.format(text=shown(" / ".join(unread)), example=example)
            reading.refusals.append(Refusal(entry.where, entry.label, message, ROW_PATHS[target]))
        return
    if target == "practice":
        name = re.sub(r"\s*\(прилагается\)\.?$", "", values.plain(lines))
        reading.put(("passport", "practice_name"), name, entry)
        return
    if target == "signed":  # «Руководитель ОО (директор) ___ /М. П. Иванова/»
        inside = re.search(r"\(([^)]+)\)", entry.label)
        if inside:
            reading.put(("application", "signed_by", "position"), inside[1].strip(), entry)
        return
    if target == "organization.head":
        return
    field_path = _path(target)
    if field_path is not None:
        _one(reading, field_path, list(lines), entry, settings)


def _one(
    reading: Reading, path: Path, lines: Sequence[str], entry: Entry, settings: Settings
) -> None:
    if not any(line.strip() for line in lines):
        return
    try:
        value = _parser(path, settings)(lines)
    except ValueError as exc:
        reading.refusals.append(Refusal(entry.where, entry.label, str(exc), path))
        return
    links = ("website", "mentoring_page", "url")
    typed = " ".join(lines)
    added = path[-1] in links and isinstance(value, str) and value.lower() not in typed.lower()
    note = "в Word без https:// — дописано" if added and "://" not in typed else ""
    reading.put(path, value, entry, note)


def read_files(files: Sequence[FilePath], settings: Settings) -> Reading:
    """Every file read into one `Reading`; a file with no field of the forms is refused
    (exit 1) — it is most likely not the school's application or passport."""
    reading = Reading()
    for path in files:
        before = reading.recognized
        reading.sources.append(path.name)
        read(read_entries(path), settings, reading)
        if reading.recognized == before:
            raise RopcliError(
                f"{path.name}: не найдено ни одной графы заявки или паспорта практики "
                "(таблицы с названиями граф Приложения 1); ничего не записано",
                ExitCode.PROBLEMS,
            )
    return reading
