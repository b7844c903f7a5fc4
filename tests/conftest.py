"""Shared fixtures: real registries in tmp_path and the CLI through typer's runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ropcli.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLE_REGISTRY = REPO / "registry"
DATA = Path(__file__).resolve().parent / "data"
# A complete, valid site file (a frozen copy of a sample site, id "site"); tests change
# one line of it and assert where the problem is reported.
SITE_TEXT = (DATA / "site.yaml").read_text(encoding="utf-8")
SETTINGS_TEXT = "region: Курская область\n"

MakeRegistry = Callable[..., Path]
RunCli = Callable[..., Result]


def edited(text: str, *replacements: tuple[str, str]) -> str:
    """`text` with each (old, new) replaced once; fails loudly if `old` is not there."""
    for old, new in replacements:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the user's cache folder, and behave the same inside
    GitHub Actions (where `validate` would otherwise pick the `github` format)."""
    monkeypatch.setenv("ROPCLI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "ROPCLI_REGISTRY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_registry(tmp_path: Path) -> MakeRegistry:
    def make(sites: dict[str, str | bytes], settings: str | None = SETTINGS_TEXT) -> Path:
        root = tmp_path / "registry"
        (root / "sites").mkdir(parents=True, exist_ok=True)
        if settings is not None:
            (root / "ropcli.yaml").write_text(settings, encoding="utf-8")
        for name, content in sites.items():
            path = root / "sites" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        return root

    return make


@pytest.fixture
def cli() -> RunCli:
    def run(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return run
