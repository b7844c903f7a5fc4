"""Registries written as real files into `tmp_path`, and a runner for the lifecycle CLI tests.

`write_site` fills `tests/data/lifecycle/site-base.yaml` (a complete application and
passport) and appends the lifecycle sections a test is about — `review`, `history`,
`reports` — as YAML text, so a test reads like the site file it describes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

import ropcli.cli.lifecycle  # noqa: F401  (registers status, reports, show)
from ropcli.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_REGISTRY = ROOT / "registry"
BASE_SITE = ROOT / "tests" / "data" / "lifecycle" / "site-base.yaml"
GOLDEN = ROOT / "tests" / "golden"
UPDATE_GOLDEN = os.environ.get("ROPCLI_UPDATE_GOLDEN") == "1"

APPROVED = """
review:
  municipal_agreement: {date: 2023-04-26, coordinator: Комитет образования города Курска}
  expert_conclusion: {date: 2023-05-25, protocol: "4", decision: approved}
"""


def _inn(serial: int) -> str:
    body = f"4632{serial:05d}"
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return body + str(sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11 % 10)


def _ogrn(serial: int) -> str:
    body = f"102460{serial:06d}"
    return body + str(int(body) % 11 % 10)


def write_registry(root: Path, settings: str = "region: Курская область\n") -> Path:
    (root / "sites").mkdir(parents=True, exist_ok=True)
    (root / "ropcli.yaml").write_text(settings, encoding="utf-8")
    return root


def write_site(
    registry: Path, site_id: str, lifecycle: str = "", *, serial: int, short: str = ""
) -> Path:
    """A valid site file `sites/<site_id>.yaml`; `serial` makes its ИНН and ОГРН unique."""
    text = BASE_SITE.read_text(encoding="utf-8")
    for key, value in {
        "__ID__": site_id,
        "__SHORT__": short or f"Школа № {serial}",
        "__INN__": _inn(serial),
        "__OGRN__": _ogrn(serial),
        "__MUNICIPALITY__": "kursk",
    }.items():
        text = text.replace(key, value)
    path = registry / "sites" / f"{site_id}.yaml"
    path.write_text(text + textwrap.dedent(lifecycle), encoding="utf-8")
    return path


def invoke(registry: Path, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(app, ["--registry", str(registry), *args], catch_exceptions=False)


def invoke_json(registry: Path, *args: str) -> Any:
    result = invoke(registry, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def run_installed(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The installed `ropcli` script (the entry point users run) in a fresh process;
    `python -m ropcli` where the script is not on PATH or beside the interpreter."""
    beside = Path(sys.executable).with_name("ropcli")
    found = shutil.which("ropcli") or (str(beside) if beside.exists() else None)
    command = [found] if found else [sys.executable, "-m", "ropcli"]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([*command, *args], capture_output=True, check=False, timeout=60, env=env)


def check_golden(name: str, actual: str) -> None:
    """Compare with `tests/golden/<name>`; ROPCLI_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            raise AssertionError(f"{path} did not exist and was written; check it and re-run")
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path} differs; if the change is intended, re-run with ROPCLI_UPDATE_GOLDEN=1"
    )


ALPHA = (
    APPROVED
    + """
history:
  - event: assigned
    order: {number: "1-512", date: 2023-06-14}
    term: {start: 2023-06-20, years: 3}
reports:
  - {kind: annual, term: 1, year: 1, submitted: 2024-07-08, agreed: 2024-07-03}
  - {kind: annual, term: 1, year: 2, submitted: 2025-08-01, agreed: 2025-07-30}
"""
)
BETA = (
    APPROVED
    + """
history:
  - event: assigned
    order: {number: "1-97", date: 2024-02-26}
    term: {start: 2024-03-01, end: 2027-02-28}
"""
)
OMEGA = (
    APPROVED
    + """
history:
  - event: assigned
    order: {number: "1-389", date: 2023-06-14}
    term: {start: 2023-06-20, years: 3}
  - event: revoked
    order: {number: "1-214", date: 2024-09-10}
    date: 2024-09-10
    reason: no_conditions
    agreed: {expert_commission: 2024-09-02, regional_center: 2024-09-05}
reports:
  - {kind: annual, term: 1, year: 1, submitted: 2024-07-01, agreed: 2024-06-28}
"""
)


def lifecycle_registry(root: Path, settings: str = "region: Курская область\n") -> Path:
    """Five sites whose states at 2025-09-01 are worked out by hand in the tests:

    * alpha — term 1 2023-06-20..2026-06-19 (years: 3); annual 1 ok, annual 2 late
      (due 2025-07-19, submitted 2025-08-01), final upcoming; expiring from 2026-03-21;
    * beta  — term 1 2024-03-01..2027-02-28 (end:); annual 1 missing since 2025-03-31;
    * gamma — approved, no order yet;  delta — application only (submitted);
    * omega — revoked from 2024-09-10; only annual 1 (ok) is required.
    """
    write_registry(root, settings)
    write_site(root, "alpha", ALPHA, serial=1, short="МБОУ «СОШ № 1»")
    write_site(root, "beta", BETA, serial=2, short="МБОУ «СОШ № 2»")
    write_site(root, "gamma", APPROVED, serial=3, short="МБОУ «СОШ № 3»")
    write_site(root, "delta", "", serial=4, short="МБОУ «СОШ № 4»")
    write_site(root, "omega", OMEGA, serial=5, short="МБОУ «СОШ № 5»")
    return root
