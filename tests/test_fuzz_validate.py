"""Property: whatever bytes a site file holds, `validate` answers with a report and an exit
code — 0, 1 or 3 — in bounded time, never with an exception.

Hypothesis feeds random bytes, YAML-ish text built from the language's odd corners (anchors,
tags, base-60 numbers, deep nesting, stray control characters, every kind of line break),
generated mappings, and the sample site with one value replaced by an odd scalar — the
last gets past the schema to the domain rules. Each file is checked next to a valid site
(so the registry-wide rules compare them), through the CLI in-process with exceptions
propagating (`catch_exceptions=False`), in every output format; the near-valid sites once
more through the library, many more of them in the same time.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropcli.validation.check import check
from ropcli.validation.registry import Registry, open_registry
from tests.conftest import SETTINGS_TEXT, SITE_TEXT, RunCli

SECONDS_PER_EXAMPLE = 10.0  # generous for a shared machine; a file takes milliseconds
FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,  # no .hypothesis folder in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD_SCALARS = [
    "~",
    "null",
    "yes",
    "No",
    "on",
    "y",
    ".nan",
    "-.inf",
    "+.INF",
    "0o17",
    "0x1F",
    "0b101",
    "017",
    "1_000",
    "1:2:3",
    "-1:30.5",
    "190:20:30.15",
    "1e999",
    "-0",
    "0.",
    ".5e-3",
    "2024-02-29",
    "2024-02-30",
    "2023-13-01",
    "0001-01-01",
    "9999-12-31",
    "20.06.2024",
    "2024-06-20T10:00:00Z",
    "2024-6-2",
    "1900-01-01",
    "2199-12-31",
    "2200-01-01",
    '""',
    "''",
    '"\\u0000"',
    '"\\x07"',
    "'a''b'",
    "|-\n  text",
    ">\n  folded",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: {b: c}}",
    "!!str 1",
    "!!int x",
    "!!binary aGk=",
    "!!python/none",
    "!custom x",
    "&a 1",
    "*a",
    "? complex",
    "<<: {x: 1}",
    "- item",
    "'unclosed",
    '"unclosed',
    "a: b: c",
    "@at",
    "`tick",
    "%percent",
    "#not-a-comment",
    "9" * 30,
    "9" * 200,
    "1:" * 60 + "1",
    "-" * 3,
    "." * 3,
    "\t",
    "\u2028",
    "\x85",
    "\ufeff",
    "яндекс",
]
PIECES = [
    *ODD_SCALARS,
    "key",
    "schema_version",
    "id",
    "organization",
    "inn",
    "term",
    "start",
    "history",
    "reports",
    ":",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&anchor ",
    "*anchor",
    "!!map ",
    "!!seq ",
    "!tag ",
    "%YAML 1.1",
    "%TAG ! tag:x,2002:",
    "---",
    "...",
    " ",
    "  ",
    "    ",
    "\t",
    "#",
    "# comment",
    '"',
    "'",
    "|",
    ">",
    "\\",
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x9b",
    "\ud7ff",
    "\ufffe",
    "\U0001f600",
]

keys = st.one_of(
    st.sampled_from(["schema_version", "id", "organization", "inn", "term", "x", "<<", "?"]),
    st.text(max_size=12),
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(ODD_SCALARS),
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=40,
)


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    """Lines of pieces of YAML syntax, joined by random line breaks."""
    lines = draw(
        st.lists(
            st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
            min_size=1,
            max_size=30,
        )
    )
    return draw(st.sampled_from(["\n", "\r", "\r\n"])).join(lines)


@st.composite
def generated_mapping(draw: st.DrawFn) -> str:
    """A mapping dumped by PyYAML in block or flow style, sometimes with an anchor put in."""
    data = draw(st.dictionaries(keys, values, min_size=1, max_size=8))
    flow = draw(st.sampled_from([False, True, None]))
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=draw(st.booleans()))
    if draw(st.booleans()):
        text = text.replace(": ", ": &a ", 1) + "alias: *a\n"
    return text


@st.composite
def deep(draw: st.DrawFn) -> str:
    depth = draw(st.integers(min_value=1, max_value=3000))
    kind = draw(st.sampled_from(["flow-list", "flow-map", "block-map", "block-list"]))
    if kind == "flow-list":
        body = "[" * depth + "]" * depth
    elif kind == "flow-map":
        body = "{a: " * depth + "1" + "}" * depth
    elif kind == "block-map":
        body = "\n" + "".join(" " * (i + 1) + "k:\n" for i in range(min(depth, 400)))
    else:
        body = "- " * depth + "1"
    return "schema_version: 1\nid: fuzz\nx: " + body + "\n"


@st.composite
def mutated_site(draw: st.DrawFn) -> str:
    """The valid sample site with a few lines changed: a value replaced (an odd scalar, any
    text, a number, a date that may not exist), a line dropped or repeated elsewhere."""
    lines = SITE_TEXT.split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        change = draw(st.sampled_from(["odd", "text", "number", "date", "drop", "repeat"]))
        head, colon, _ = lines[index].partition(": ")
        if change == "drop":
            del lines[index]
        elif change == "repeat":
            lines.insert(index, draw(st.sampled_from(lines)))
        elif colon:
            lines[index] = head + ": " + draw(new_values[change])
    return "\n".join(lines)


new_values = {
    "odd": st.sampled_from(ODD_SCALARS),
    "text": st.text(max_size=20),
    "number": st.integers(min_value=-(10**6), max_value=10**12).map(str),
    "date": st.builds(
        "{}-{:02d}-{:02d}".format,
        st.integers(min_value=1899, max_value=2201),
        st.integers(min_value=0, max_value=13),
        st.integers(min_value=0, max_value=32),
    ),
}
site_files = st.one_of(
    st.binary(max_size=2048),
    yamlish().map(lambda text: text.encode("utf-8", errors="surrogatepass")),
    generated_mapping().map(str.encode),
    deep().map(str.encode),
    mutated_site().map(lambda text: text.encode("utf-8", errors="surrogatepass")),
)
formats = st.sampled_from(["text", "json", "sarif", "github", "gitlab"])


def validate(cli: RunCli, content: bytes, fmt: str, by_name: bool, cache: bool) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "sites").mkdir()
        (root / "ropcli.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
        (root / "sites" / "site.yaml").write_text(SITE_TEXT, encoding="utf-8")
        (root / "sites" / "fuzz.yaml").write_bytes(content)
        args = ["--registry", str(root), "validate", "--format", fmt]
        if by_name:
            args.append(str(root / "sites" / "fuzz.yaml"))
        if not cache:
            args.append("--no-cache")
        started = time.monotonic()
        result = cli(*args)
        assert time.monotonic() - started < SECONDS_PER_EXAMPLE
        assert "Traceback" not in result.stdout + result.stderr
        return result.exit_code


@FUZZ
@given(content=site_files, fmt=formats, by_name=st.booleans(), cache=st.booleans())
def test_validate_answers_whatever_the_file_holds(
    cli: RunCli, content: bytes, fmt: str, by_name: bool, cache: bool
) -> None:
    assert validate(cli, content, fmt, by_name, cache) in (0, 1, 3)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """One registry for every example: its schema is compiled once, so 200 near-valid sites
    take seconds (a CLI run builds the reference validator again for each)."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "sites").mkdir()
    (root / "ropcli.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
    (root / "sites" / "site.yaml").write_text(SITE_TEXT, encoding="utf-8")
    return open_registry(root)


@FUZZ
@given(site=mutated_site())
def test_odd_values_in_a_valid_site_reach_the_rules_without_a_crash(
    shared: Registry, site: str
) -> None:
    (shared.root / "sites" / "fuzz.yaml").write_text(site, encoding="utf-8", newline="")
    started = time.monotonic()
    result = check(shared)
    assert time.monotonic() - started < SECONDS_PER_EXAMPLE
    json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False)
    assert all(p.file in ("sites/fuzz.yaml", "sites/site.yaml") for p in result.problems)
