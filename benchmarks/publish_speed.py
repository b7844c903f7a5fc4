"""Benchmark: `ropcli publish` on generated registers of growing size — is the build linear?

Run by hand, not in CI (timings on a shared machine are not tests):

    python benchmarks/publish_speed.py                 # 100, 300 and 1,000 sites
    python benchmarks/publish_speed.py --sizes 1000 --repeat 3

Registers are generated from the sample sites exactly as `validate_speed.py` does (each
copy its own id, ИНН and ОГРН, dates shifted by whole years). Each run is the installed
command in a fresh process with a fresh cache, so the time includes reading and checking
the register. Printed: the median wall time, the time per site, and the size of the site.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_speed import generate

ON = "2026-09-01"


def run_once(registry: Path, out: Path, cache: Path) -> float:
    env = {**os.environ, "ROPCLI_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "ropcli", "--registry", str(registry), "-q", "publish"]
    started = time.perf_counter()
    subprocess.run(
        [*command, "--out", str(out), "--on", ON, "--force"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'сайтов':>7} {'медиана, с':>11} {'мс на площадку':>15} {'размер сайта, МБ':>17}")
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            registry = generate(size, Path(work) / f"registry-{size}")
            out = Path(work) / f"site-{size}"
            times = [
                run_once(registry, out, Path(tempfile.mkdtemp(dir=work)))
                for _ in range(args.repeat)
            ]
            median = statistics.median(times)
            megabytes = folder_size(out) / 1_000_000
            print(f"{size:>7} {median:>11.2f} {1000 * median / size:>15.1f} {megabytes:>17.1f}")


if __name__ == "__main__":
    main()
