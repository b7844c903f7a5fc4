"""Benchmark: how long `ropcli validate` takes on files a hostile pull request could add.

Run by hand, not in CI (timings on a shared machine are not tests):

    python benchmarks/hostile_input.py                       # every case, JSON output
    python benchmarks/hostile_input.py --keys 10000 60000    # only these unknown-key files
    python benchmarks/hostile_input.py --format text         # with the text report too

Each case is a register of one clean sample site plus one hostile file, checked by the
installed command in a child process (`--no-cache`, so every run reads and parses):

* `keys-N` — a file of N unknown keys (N problems, each with its line);
* `digits-5000` — `schema_version:` with 5,000 digits (over Python's int conversion limit);
* `sexagesimal-200000` — a YAML 1.1 base-60 number of 200,000 parts (`1:2:3:…`);
* `deep-5000` — 5,000 nested flow lists.

Printed: the median wall time over the repeats, the exit code, and the size of the output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SITE = REPO / "registry" / "sites" / "kursk-sosh-5.yaml"


def unknown_keys(count: int) -> str:
    return "schema_version: 1\n" + "".join(f"x{i:x}: 0\n" for i in range(count))


CASES: dict[str, Callable[[], str]] = {
    "digits-5000": lambda: "schema_version: " + "7" * 5000 + "\n",
    "sexagesimal-200000": lambda: (
        "schema_version: 1\nid: " + ":".join(str(i % 60) for i in range(1, 200_001)) + "\n"
    ),
    "deep-5000": lambda: "schema_version: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n",
}


def ropcli() -> list[str]:
    exe = shutil.which("ropcli", path=str(Path(sys.executable).parent)) or shutil.which("ropcli")
    return [exe] if exe else [sys.executable, "-m", "ropcli"]


def measure(text: str, fmt: str, repeat: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "sites").mkdir()
        (root / "ropcli.yaml").write_text("region: Курская область\n", encoding="utf-8")
        shutil.copy(SAMPLE_SITE, root / "sites" / SAMPLE_SITE.name)
        (root / "sites" / "hostile.yaml").write_text(text, encoding="utf-8")
        command = [*ropcli(), "--registry", str(root), "validate", "--no-cache", "--format", fmt]
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            done = subprocess.run(
                command, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, check=False
            )
            times.append(time.perf_counter() - started)
        return statistics.median(times), done.returncode, len(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, nargs="*", default=[10_000, 60_000, 100_000])
    parser.add_argument("--format", default="json", choices=["json", "text"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = {f"keys-{n}": (lambda n=n: unknown_keys(n)) for n in args.keys}
    cases.update(CASES)
    print(f"{'case':<22} {'bytes':>9} {'seconds':>8} {'exit':>5} {'output':>11}")
    for name, make in cases.items():
        text = make()
        seconds, code, output = measure(text, args.format, args.repeat)
        size = len(text.encode())
        print(f"{name:<22} {size:>9} {seconds:>8.2f} {code:>5} {output:>11}", flush=True)


if __name__ == "__main__":
    main()
