"""Values and file names of the register never reach a terminal or a CI log raw: control
characters are escaped, and no line of human output starts with `::` (a GitHub Actions
workflow command). Machine formats stay valid JSON."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ropcli.core.safetext import SafeStream, printable
from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed

FORGED = "x\\n::error file=a.yaml::forged\\e[2J\\u202e"


def _forged_registry(tmp_path: Path) -> Path:
    import shutil

    registry = tmp_path / "registry"
    shutil.copytree(SAMPLE_REGISTRY, registry)
    site = registry / "sites" / "kursk-sosh-5.yaml"
    text = site.read_text(encoding="utf-8")
    text = re.sub(r"short_name: .*", lambda _: f'short_name: "{FORGED}"', text, count=1)
    site.write_text(text, encoding="utf-8")
    other = registry / "sites" / "kursk-sosh-12.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace(
            "schema_version: 1", f'schema_version: "{FORGED}"', 1
        ),
        encoding="utf-8",
    )
    return registry


def _assert_clean(output: str) -> None:
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    assert "\x1b" not in output and "\u202e" not in output


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["show", "kursk-sosh-5", "--on", "2026-09-01"],
        ["status", "--on", "2026-09-01"],
        ["reports", "--all", "--on", "2026-09-01"],
    ],
)
def test_forged_value_is_escaped_in_human_output(tmp_path: Path, args: list[str]) -> None:
    registry = _forged_registry(tmp_path)
    result = invoke(registry, *args)
    assert result.exit_code in (0, 1), result.output
    _assert_clean(result.stdout + result.stderr)
    assert "\\::error file=a.yaml::forged\\x1b[2J" in result.stdout or "\\x1b" in result.stdout


def test_github_format_annotates_but_cannot_be_forged(tmp_path: Path) -> None:
    registry = _forged_registry(tmp_path)
    result = invoke(registry, "validate", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(line.startswith("::error file=sites/") for line in annotations)
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("format", ["json", "sarif", "gitlab"])
def test_machine_formats_stay_valid_json(tmp_path: Path, format: str) -> None:
    registry = _forged_registry(tmp_path)
    result = invoke(registry, "validate", "--format", format)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert "forged" in json.dumps(data, ensure_ascii=False)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
@pytest.mark.parametrize("format", ["text", "json", "sarif", "gitlab", "github"])
def test_file_name_that_is_not_utf8(tmp_path: Path, format: str) -> None:
    registry = tmp_path / "registry"
    (registry / "sites").mkdir(parents=True)
    (registry / "ropcli.yaml").write_text("region: Курская область\n", encoding="utf-8")
    name = os.path.join(os.fsencode(registry / "sites"), b"bad-\xff\x1b[2J.yaml")
    with open(name, "wb") as handle:
        handle.write(b"schema_version: 1\n")
    done = run_installed("--registry", str(registry), "validate", "--format", format)
    assert done.returncode == 1, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8")  # valid UTF-8, whatever the file name
    assert "\x1b" not in out
    assert ("%FF%1B" if format == "sarif" else "\\xff") in out
    if format in ("json", "sarif", "gitlab"):
        json.loads(out)


@given(st.text())
def test_printable_is_one_safe_line(text: str) -> None:
    shown = printable(text)
    assert "\n" not in shown and "\x1b" not in shown
    assert all(not (0xD800 <= ord(c) <= 0xDFFF) for c in shown)
    shown.encode("utf-8")


@given(st.lists(st.text(), max_size=5))
def test_stream_never_starts_a_line_with_a_workflow_command(pieces: list[str]) -> None:
    target = io.StringIO()
    stream = SafeStream(target)
    for piece in pieces:
        stream.write(piece)
    stream.flush()
    out = target.getvalue()
    for line in out.split("\n"):
        assert not line.lstrip(" \t").startswith("::")
    assert "\x1b" not in out
    out.encode("utf-8")
