"""Free text written by `ropcli record` reads back as itself: property tests of the write path.

A value that is safe unquoted after «key:» at block level may be special inside a flow map
(`{title: …}`), where `,`, `[`, `]`, `{`, `}`, `?` and a leading `:` end or break a plain
scalar — and libyaml and PyYAML's own reader disagree about `a?b` there. Every value
below goes through the real write path (round trip, splice, the full check, the atomic
replace) into real files, and is read back with both readers.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ropcli.editing import records
from ropcli.editing.transaction import Operation, commit, edit_site
from ropcli.validation.check import check
from ropcli.validation.registry import open_registry
from ropcli.yamlio import block_map, flow_map, round_trip_dump, round_trip_load, scalar, text
from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed

READERS = tuple(dict.fromkeys((getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis folder in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces a person may type that mean something to YAML, and words around them.
SPECIAL = [
    " ",
    "  ",
    '"',
    "'",
    ": ",
    ":",
    " #",
    "#",
    ",",
    ", ",
    "{",
    "}",
    "[",
    "]",
    "!",
    "&",
    "*",
    "%",
    "@",
    "`",
    "?",
    "? ",
    "-",
    "- ",
    "|",
    ">",
    "\\",
    "«",
    "»",
    "—",
    "😀",
    "👩‍🏫",
    "ё",
    "Наставничество",
    "итоги года",
    "yes",
    "No",
    "null",
    "~",
    "2026-01-01",
    "2026-13-45",
    "12:30",
    "0x1F",
    "1e3",
    ".inf",
    "---",
    "...",
    "<<",
    "=",
    "\\n",
    "%TAG",
    "!!str",
]
PRINTABLE = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")
) | st.just(" ")
PIECE = st.sampled_from(SPECIAL) | st.text(PRINTABLE, min_size=1, max_size=6)
TEXT = st.lists(PIECE, min_size=1, max_size=14).map("".join)
# What the command line passes on: one line, single spaces, nothing around (cli.prompts.words).
WORDS = TEXT.map(lambda value: " ".join(value.split())).filter(bool)

CASES = [":итоги года", "a?b", "?x", "x: y", "a, b", "[x]", "{x}", " lead", "trail ", "#x", "!x"]


def read_back(content: bytes | str) -> list[Any]:
    """The file as each PyYAML reader takes it, and as ruamel.yaml's round trip does."""
    source = content.decode("utf-8") if isinstance(content, bytes) else content
    return [yaml.load(source, Loader=reader) for reader in READERS] + [round_trip_load(source)]


@given(TEXT)
@settings(PROPERTY, max_examples=400)
@example(":итоги года")
@example("a?b")
def test_text_reads_back_in_flow_and_block_maps(value: str) -> None:
    flow = round_trip_dump(block_map(entry=flow_map(title=text(value, flow=True), n=1)))
    block = round_trip_dump(block_map(innovation=text(value), after=1))
    for data in read_back(flow):
        assert data["entry"]["title"] == value, flow
    for data in read_back(block):
        assert data["innovation"] == value, block
    assert yaml.load(f"v: {scalar(text(value, flow=True))}", Loader=yaml.SafeLoader)["v"] == value


@contextmanager
def registry_copy(*site_ids: str) -> Iterator[Path]:
    """The sample registry's settings and the named sites, in a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "registry"
        (root / "sites").mkdir(parents=True)
        shutil.copy(SAMPLE_REGISTRY / "ropcli.yaml", root / "ropcli.yaml")
        for site_id in site_ids:
            shutil.copy(SAMPLE_REGISTRY / "sites" / f"{site_id}.yaml", root / "sites")
        yield root


def write_and_read(site_id: str, operation: Operation, *path: str | int) -> list[Any]:
    """Record through the library (check, splice, atomic replace); the value read back from
    the written file by every reader; the file is then checked again from disk."""
    with registry_copy(site_id) as root:
        registry = open_registry(root)
        change = edit_site(registry, site_id, operation)
        assert change.allowed, change.problems
        assert not change.reformatted  # only the new lines were added
        commit(change)
        written = change.path.read_bytes()
        assert check(open_registry(root), [change.path]).problems == []
    values = []
    for data in read_back(written):
        for step in path:
            data = data[step]
        values.append(data)
    return values


@pytest.mark.slow
@given(TEXT)
@PROPERTY
def test_activity_title_round_trips(title: str) -> None:
    operation = records.activity(date(2026, 11, 20), "seminar", title, 12)
    assert set(write_and_read("kursk-sosh-5", operation, "activities", -1, "title")) == {title}


@pytest.mark.slow
@given(TEXT)
@PROPERTY
def test_coordinator_round_trips(coordinator: str) -> None:
    operation = records.agreement(date(2026, 10, 20), coordinator)
    path = ("review", "municipal_agreement", "coordinator")
    assert set(write_and_read("kursky-seym-sosh", operation, *path)) == {coordinator}


@pytest.mark.slow
@given(TEXT)
@PROPERTY
def test_innovation_round_trips(innovation: str) -> None:
    operation = records.extension_request(date(2026, 11, 20), innovation)
    path = ("history", -1, "innovation")
    assert set(write_and_read("kursk-sosh-12", operation, *path)) == {innovation}


@pytest.mark.slow
@given(WORDS)
@settings(PROPERTY, max_examples=20)
@example(":итоги года")
@example("a?b")
def test_record_activity_on_the_command_line_round_trips(title: str) -> None:
    with registry_copy("kursk-sosh-5") as root:
        args = ["--date", "2026-11-20", "--kind", "seminar", "--title", title]
        result = invoke(root, "record", "activity", "kursk-sosh-5", *args)
        assert result.exit_code == 0, result.output
        content = (root / "sites" / "kursk-sosh-5.yaml").read_bytes()
        assert {data["activities"][-1]["title"] for data in read_back(content)} == {title}
        assert invoke(root, "validate", "--strict").exit_code == 0


@pytest.mark.parametrize("value", CASES)
def test_special_values_through_every_record_command(tmp_path: Path, value: str) -> None:
    shown = " ".join(value.split())  # the command line takes one line of words
    with registry_copy("kursk-sosh-5", "kursky-seym-sosh", "kursk-sosh-12") as root:
        commands = [
            ("kursk-sosh-5", ["activity", "--date", "2026-11-20", "--kind", "seminar", "--title"]),
            ("kursky-seym-sosh", ["agreement", "--date", "2026-10-20", "--coordinator"]),
            ("kursk-sosh-12", ["extension-request", "--date", "2026-11-20", "--innovation"]),
            ("kursk-sosh-5", ["cooperation", "--number", "5", "--date", "2026-11-20", "--partner"]),
        ]
        for site_id, args in commands:
            result = invoke(root, "record", args[0], site_id, *args[1:], value)
            assert result.exit_code == 0, result.output
        sites = {
            s: yaml.safe_load((root / "sites" / f"{s}.yaml").read_text("utf-8"))
            for s in ("kursk-sosh-5", "kursky-seym-sosh", "kursk-sosh-12")
        }
        assert sites["kursk-sosh-5"]["activities"][-1]["title"] == shown
        assert sites["kursk-sosh-5"]["agreements"][-1]["partner"] == shown
        assert sites["kursky-seym-sosh"]["review"]["municipal_agreement"]["coordinator"] == shown
        assert sites["kursk-sosh-12"]["history"][-1]["innovation"] == shown


def test_installed_ropcli_records_a_title_starting_with_a_colon(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE_REGISTRY, root)
    args = ["--date", "2026-11-20", "--kind", "seminar", "--title", ":итоги года"]
    done = run_installed("--registry", str(root), "record", "activity", "kursk-sosh-5", *args)
    assert done.returncode == 0, done.stderr.decode()
    lines = (root / "sites" / "kursk-sosh-5.yaml").read_text("utf-8").splitlines()
    assert '  - {date: 2026-11-20, kind: seminar, title: ":итоги года"}' in lines
