"""Benchmark: `ropcli validate` against check-jsonschema on the same generated registers.

Run by hand, not in CI (timings on a shared machine are not tests):

    python -m pip install check-jsonschema        # the peer, in the same environment
    python benchmarks/validate_speed.py            # 100, 1,000 and 10,000 sites
    python benchmarks/validate_speed.py --sizes 100 1000 --repeat 5

Registers are generated from the sample sites in `registry/`: each copy gets its own id
(and file name), a checksum-valid ИНН and ОГРН, and dates shifted by whole years, so every
generated file is valid and distinct. Both tools read the same files; check-jsonschema
uses the project's own site schema (`schemas/site.schema.json`). Printed: medians of wall
time and peak memory (RSS of the child process) over the repeats, and the ratios the
performance targets are stated in (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "registry"
_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def inn(n: int) -> str:
    body = f"46{n:07d}"
    return body + str(sum(w * int(d) for w, d in zip(_INN_WEIGHTS, body, strict=True)) % 11 % 10)


def ogrn(n: int) -> str:
    body = f"10246{n:07d}"
    return body + str(int(body) % 11 % 10)


def shift_years(text: str, years: int) -> str:
    """Every date moved by whole years (29 February to 28 February where it must)."""

    def move(match: re.Match[str]) -> str:
        year, month, day = int(match[1]) + years, match[2], match[3]
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if (month, day) == ("02", "29") and not leap:
            day = "28"
        return f"{year}-{month}-{day}"

    text = _DATE.sub(move, text)
    # School years follow their dates.
    return re.sub(
        r"\b(20\d\d)/(20\d\d)\b", lambda m: f"{int(m[1]) + years}/{int(m[2]) + years}", text
    )


def generate(count: int, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    (target / "sites").mkdir(parents=True)
    shutil.copyfile(SAMPLE / "ropcli.yaml", target / "ropcli.yaml")
    samples = sorted((SAMPLE / "sites").glob("*.yaml"))
    for n in range(count):
        source = samples[n % len(samples)]
        site_id = f"{source.stem}-{n}"
        text = source.read_text("utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: {site_id}", text)
        text = re.sub(r'inn: "\d+"', f'inn: "{inn(n)}"', text, count=1)
        text = re.sub(r'ogrn: "\d+"', f'ogrn: "{ogrn(n)}"', text, count=1)
        text = shift_years(text, (n // len(samples)) % 3)
        (target / "sites" / f"{site_id}.yaml").write_text(text, "utf-8")
    return target


# Runs `command` in a fresh wrapper so the peak RSS is this run's alone (the largest of
# the process and its workers), not the largest of everything run so far.
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL).returncode\n"
    "t = time.perf_counter() - t\n"
    "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def run(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB and exit code of one run of `command`."""
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    elapsed, peak, code = done.stdout.split()
    return float(elapsed), int(peak), int(code)


def measure(label: str, command: list[str], repeat: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(repeat):
        elapsed, peak, code = run(command)
        if code != 0:
            sys.exit(f"{label}: exit code {code}: {' '.join(command)}")
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), int(statistics.median(peaks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ropcli-bench")
    args = parser.parse_args()
    ropcli = [sys.executable, "-m", "ropcli"]
    peer = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    peer = peer or shutil.which("check-jsonschema")
    if peer is None:
        sys.exit("check-jsonschema is not installed: python -m pip install check-jsonschema")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; repeats: {args.repeat}")
    print(f"{'sites':>6} {'tool':<34} {'median s':>9} {'peak MiB':>9} {'ratio':>7}")
    for size in args.sizes:
        root = generate(size, args.work / f"r{size}")
        cache = args.work / f"cache{size}"
        files = sorted(str(p) for p in (root / "sites").glob("*.yaml"))
        peer_time, peer_mem = measure(
            "check-jsonschema",
            [
                peer,
                "--schemafile",
                str(REPO / "schemas" / "site.schema.json"),
                *files,
            ],
            args.repeat,
        )
        rows = [("check-jsonschema", peer_time, peer_mem)]
        cold = [*ropcli, "--registry", str(root), "validate", "--no-cache"]
        rows.append(("ropcli validate, cold (--no-cache)", *measure("cold", cold, args.repeat)))
        shutil.rmtree(cache, ignore_errors=True)
        warm = [*ropcli, "--registry", str(root), "validate", "--cache-dir", str(cache)]
        run(warm)  # fills the cache
        rows.append(("ropcli validate, warm (cache)", *measure("warm", warm, args.repeat)))
        one = [*ropcli, "--registry", str(root), "validate", "--no-cache", files[0]]
        rows.append(("ropcli validate, one file", *measure("one", one, args.repeat)))
        peer_one = [peer, "--schemafile", str(REPO / "schemas" / "site.schema.json"), files[0]]
        rows.append(("check-jsonschema, one file", *measure("peer one", peer_one, args.repeat)))
        for label, seconds, peak in rows:
            ratio = seconds / peer_time
            print(f"{size:>6} {label:<34} {seconds:>9.2f} {peak / 1024:>9.1f} {ratio:>7.3f}")
    version = [*ropcli, "--version"]
    print(f"ropcli --version: {measure('version', version, args.repeat)[0]:.2f} s")


if __name__ == "__main__":
    main()
