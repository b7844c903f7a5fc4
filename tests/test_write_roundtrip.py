"""The round trip under every write: sample files load and dump byte for byte, and an edit
is put into the original text without touching its other lines (`ropcli.yamlio.splice`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from ropcli.editing import records
from ropcli.editing.transaction import edit_text
from ropcli.yamlio import round_trip_dump, round_trip_load, text
from tests.conftest import SITE_TEXT
from tests.write_support import SAMPLE, added_lines

SAMPLE_FILES = sorted((SAMPLE / "sites").glob("*.yaml"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_sample_site_loads_and_dumps_byte_for_byte(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    assert round_trip_dump(round_trip_load(content)) == content


@pytest.mark.parametrize("path", [*SAMPLE_FILES, SAMPLE / "ropcli.yaml"], ids=lambda p: p.stem)
def test_an_edit_that_changes_nothing_leaves_the_text(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    assert edit_text(content, lambda data: None) == (content, False)


def test_a_hand_written_file_keeps_its_layout() -> None:
    # ruamel.yaml would join the hand-split flow maps of this file into one line each.
    assert round_trip_dump(round_trip_load(SITE_TEXT)) != SITE_TEXT
    assert edit_text(SITE_TEXT, lambda data: None) == (SITE_TEXT, False)


REQUEST = records.extension_request(date(2026, 3, 1), "Новая практика")
REQUEST_LINES = [
    "  - event: extension_requested\n",
    "    date: 2026-03-01\n",
    "    innovation: Новая практика\n",
]


def _edit(content: str) -> tuple[str, bool]:
    return edit_text(content, REQUEST)


def test_trailing_comments_and_blank_lines_stay_after_the_new_entry() -> None:
    content = (
        "id: x\nhistory:\n  - event: assigned\n    term: {start: 2024-06-20, years: 3}  # eol\n"
        "  # комментарий после последнего события\n\nreports: []\n"
    )
    result, reformatted = _edit(content)
    assert not reformatted
    assert result == content.replace("# eol\n", "# eol\n" + "".join(REQUEST_LINES))


def test_a_last_line_without_line_end_gets_one() -> None:
    result, reformatted = _edit("id: x\nhistory:\n  - event: assigned")
    assert not reformatted
    assert result == "id: x\nhistory:\n  - event: assigned\n" + "".join(REQUEST_LINES)


def test_an_empty_key_is_filled() -> None:
    result, _ = _edit("id: x\nhistory:\n\nreports: []\n")
    assert result == "id: x\nhistory:\n" + "".join(REQUEST_LINES) + "\nreports: []\n"


def test_mixed_line_ends_are_kept_line_by_line() -> None:
    content = "id: x\r\nhistory:\n  - event: assigned\r\n  - event: extended\r\n"
    result, reformatted = _edit(content)
    assert not reformatted
    assert result == content + "".join(line.replace("\n", "\r\n") for line in REQUEST_LINES)


def test_when_no_line_merge_reads_back_right_the_whole_file_is_rewritten() -> None:
    # A «|+» block scalar at the very end keeps its trailing blank line: ruamel.yaml then
    # ends the document with «...», and no line-by-line merge gives the same data.
    content = "id: x\nhistory:\n  - event: assigned\n    innovation: |+\n      keep\n\n"
    result, reformatted = _edit(content)
    assert reformatted
    data: Any = yaml.safe_load(result)
    assert data["history"][0]["innovation"] == "keep\n\n"
    assert data["history"][1] == {
        "event": "extension_requested",
        "date": date(2026, 3, 1),
        "innovation": "Новая практика",
    }


def test_new_entries_only_add_lines_to_every_sample() -> None:
    for path in SAMPLE_FILES:
        content = path.read_text(encoding="utf-8")
        result, reformatted = edit_text(content, records.cooperation("КГУ", "7", date(2027, 1, 1)))
        assert not reformatted
        added = added_lines(content.encode(), result.encode())
        assert added[-1] == '  - {partner: КГУ, number: "7", date: 2027-01-01}\n', path.name


@pytest.mark.parametrize(
    "value", ["yes", "on", "12:30", "a: b", "2024-06-20", "123", " пробел", "x # y", "[x]"]
)
def test_text_reads_back_as_the_same_text(value: str) -> None:
    dumped = round_trip_dump({"key": text(value)})
    assert yaml.safe_load(dumped) == {"key": value}


def test_long_text_is_folded_and_reads_back_the_same() -> None:
    value = " ".join(["наставничество"] * 20)
    dumped = round_trip_dump({"key": text(value)})
    assert dumped.startswith("key: >-\n") and max(len(ln) for ln in dumped.splitlines()) < 100
    assert yaml.safe_load(dumped) == {"key": value}
