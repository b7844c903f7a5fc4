"""The layout keeps its promises: every module imports alone (an import circle hides behind
whatever the test suite imported first), the floors import only downwards, modules say
what they are and stay small, and the repository cites no document it does not contain."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "ropcli"
MAX_LINES = 330  # "about 300": a module that grows past this is split


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _import_alone(module: str) -> tuple[str, int, str]:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return module, done.returncode, done.stderr[-2000:]


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    modules = [m for m in _modules() if m != "ropcli.__main__"]  # that one runs the CLI
    assert len(modules) > 80
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [r for r in pool.map(_import_alone, modules) if r[1] != 0]
    assert not failures, "\n\n".join(f"{m}:\n{err}" for m, _, err in failures)


def test_floors_import_only_downwards() -> None:
    """The import-linter contract in pyproject.toml (CI runs `lint-imports` too)."""
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed: python -m pip install -e '.[test]'")
    done = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]
    assert "KEPT" in done.stdout


def test_nothing_outside_the_cli_imports_it() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if PACKAGE / "cli" in path.parents or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ropcli.cli"):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


@pytest.mark.parametrize("module", _modules())
def test_module_says_what_it_is_and_stays_small(module: str) -> None:
    parts = module.split(".")
    path = PACKAGE.parent.joinpath(*parts)
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and docstring.strip(), f"{module}: no docstring saying what it is"
    assert len(text.splitlines()) <= MAX_LINES, f"{module}: over {MAX_LINES} lines; split it"


# Documents the project was built from, which a clone of the repository does not have.
OUTSIDE = re.compile(
    r"SPEC *§|STYLE *§|\bSPEC\.md\b|\bSTYLE\.md\b|\.\./shared\b|domain-notes|"
    r"\bthe [a-z-]+ issue\b|\bissue #?\d+\b|\(issue[:)]",
    re.IGNORECASE,
)


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    files = []
    for name in listed.stdout.splitlines():
        path = REPO / name
        if path.suffix in (".docx", ".png") or not path.is_file():
            continue
        files.append(path)
    return files


def test_no_reference_to_documents_outside_the_repository() -> None:
    found = []
    for path in _tracked_text_files():
        if path == Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:120]}")
    assert found == [], "\n".join(found)


def test_the_pattern_catches_what_it_is_for() -> None:
    # Built from pieces, so this file does not itself cite what it forbids.
    spec, style, shared = "SP" + "EC §3", "ST" + "YLE §4", "../sh" + "ared/regulation.md"
    for line in (f"see {spec}", style, shared, "(iss" + "ue: performance)"):
        assert OUTSIDE.search(line), line
    for line in ("the ОГРН was issued in Kursk", "a special case", "GitHub issues"):
        assert not OUTSIDE.search(line), line
