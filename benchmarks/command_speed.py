"""Benchmark: every command of ropcli, cold and warm, next to check-jsonschema on the same files.

Run by hand, not in CI (timings on a shared machine are not tests):

    python -m pip install check-jsonschema        # the peer, in the same environment
    python benchmarks/command_speed.py --sizes 1000 2000 --repeat 3
    python benchmarks/command_speed.py --sizes 10000 --repeat 1 --no-peer-whole
    python benchmarks/command_speed.py --sizes 10000 --repeat 5 --no-peer-whole \
        --only "validate FILE" "show ID" "render passport ID" "record activity ID --dry-run"

Registers are generated as in `validate_speed.py`. For each size: check-jsonschema on the
whole register and on one file; then each command in a fresh process, *cold* (an empty
cache folder before every run) and *warm* (the cache filled and the files older than the
identifier index's racy window, so unchanged files are known by their stamps). Printed:
median wall time, median peak RSS of the process and its workers (`getrusage` of the
children, in a fresh wrapper per run), and the ratio each target is stated in
(docs/performance.md): one-site commands against check-jsonschema on that file and the
`status`/`reports` tables against their own `--format json`, each pair run in turns.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate_speed import REPO, generate, measure, run

ROPCLI = [sys.executable, "-m", "ropcli"]
SCHEMA = str(REPO / "schemas" / "site.schema.json")
RACY_WAIT = 2.5  # seconds: longer than the index's racy window (ropcli.validation.stamps)


def active_site(root: Path, cache: Path) -> tuple[str, str]:
    """An active site and a day inside its term, so `record activity` is accepted."""
    done = subprocess.run(
        [*ROPCLI, "--registry", str(root), "status", "--format", "json", "--state", "active"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "ROPCLI_CACHE_DIR": str(cache)},
    )
    site = json.loads(done.stdout)["sites"][0]
    day = date.fromisoformat(site["term_start"]) + timedelta(days=30)
    return site["id"], day.isoformat()


def commands(root: Path, site: str, day: str) -> dict[str, list[str]]:
    base = [*ROPCLI, "--registry", str(root)]
    file = str(root / "sites" / f"{site}.yaml")
    return {
        "validate": [*base, "validate"],
        "validate FILE": [*base, "validate", file],
        "status": [*base, "status"],
        "status --format json": [*base, "status", "--format", "json"],
        "reports --all": [*base, "reports", "--all"],
        "reports --all --format json": [*base, "reports", "--all", "--format", "json"],
        "show ID": [*base, "show", site],
        "render passport ID": [*base, "render", "passport", site, "-f", "md", "-o", "-"],
        "record activity ID --dry-run": [
            *base, "record", "activity", site, "--date", day, "--kind", "lecture",
            "--title", "Лекция", "--dry-run",
        ],
    }  # fmt: skip


def cold(label: str, command: list[str], cache: Path, repeat: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        os.environ["ROPCLI_CACHE_DIR"] = str(cache)
        elapsed, peak, code = run(command)
        if code != 0:
            sys.exit(f"{label} (cold): exit code {code}")
        times.append(elapsed)
        peaks.append(peak)
    return sorted(times)[len(times) // 2], sorted(peaks)[len(peaks) // 2]


# The tables, compared with their own JSON run in turns (the target: at most 1.2 ×).
TABLE_TWINS = {"status": "status --format json", "reports --all": "reports --all --format json"}
ONE_SITE = ("validate FILE", "show ID", "render passport ID", "record activity ID --dry-run")


def paired(
    label: str, command: list[str], peer: list[str] | None, repeat: int
) -> tuple[tuple[float, int], tuple[float, int] | None]:
    """Medians of `command` and of `peer` run in turns, so a busy machine slows both alike."""
    mine: list[tuple[float, int]] = []
    theirs: list[tuple[float, int]] = []
    for _ in range(repeat):
        elapsed, peak, code = run(command)
        if code != 0:
            sys.exit(f"{label}: exit code {code}")
        mine.append((elapsed, peak))
        if peer is not None:
            elapsed, peak, _ = run(peer)
            theirs.append((elapsed, peak))

    def median(rows: list[tuple[float, int]]) -> tuple[float, int]:
        times, peaks = sorted(r[0] for r in rows), sorted(r[1] for r in rows)
        return times[len(times) // 2], peaks[len(peaks) // 2]

    return median(mine), (median(theirs) if theirs else None)


def peer_note(alone: bool, base: tuple[float, int] | None) -> str:
    return f"  (check-jsonschema, that file: {base[0]:.2f} s)" if alone and base else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-peer-whole", action="store_true", help="skip the slow peer run")
    parser.add_argument("--only", nargs="+", metavar="COMMAND", help='e.g. "show ID"')
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ropcli-cmds")
    args = parser.parse_args()
    peer = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    peer = peer or shutil.which("check-jsonschema")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; repeats: {args.repeat}")
    pair = paired("version", [*ROPCLI, "--version"], [sys.executable, "-c", "pass"], 5)
    version, baseline = pair[0][0], pair[1][0] if pair[1] else 0.0
    print(f"python -c pass: {baseline:.3f} s; ropcli --version: {version:.3f} s "
          f"({version / baseline:.1f}×)")  # fmt: skip
    pair = paired("help", [*ROPCLI, "--help"], [sys.executable, "-c", "pass"], 5)
    shown, baseline = pair[0][0], pair[1][0] if pair[1] else 0.0
    print(f"python -c pass: {baseline:.3f} s; ropcli --help: {shown:.3f} s "
          f"({shown / baseline:.1f}×)")  # fmt: skip
    print(f"{'sites':>6} {'command':<30} {'cold s':>7} {'MiB':>6} {'warm s':>7} {'MiB':>6} "
          f"{'ratio':>7}  (warm / check-jsonschema)")  # fmt: skip
    for size in args.sizes:
        root = generate(size, args.work / f"r{size}")
        cache = args.work / f"cache{size}"
        files = sorted(str(p) for p in (root / "sites").glob("*.yaml"))
        whole = None
        if peer is not None and not args.no_peer_whole:
            whole = measure("peer", [peer, "--schemafile", SCHEMA, *files], 1)
            print(f"{size:>6} {'check-jsonschema, all files':<30} {whole[0]:>7.2f} "
                  f"{whole[1] / 1024:>6.1f}")  # fmt: skip
        shutil.rmtree(cache, ignore_errors=True)
        site, day = active_site(root, cache)
        table = commands(root, site, day)
        chosen = {k: v for k, v in table.items() if not args.only or k in args.only}
        cold_rows = {
            label: cold(label, command, cache, args.repeat) for label, command in chosen.items()
        }
        os.environ["ROPCLI_CACHE_DIR"] = str(cache)
        run(table["validate"])  # fills the cache
        time.sleep(RACY_WAIT)  # files and rows older than the racy window
        run(table["validate"])  # the index records the stamps
        peer_one = [peer, "--schemafile", SCHEMA, files[0]] if peer else None
        for label, command in chosen.items():
            run(command)  # what this command keeps (data, summaries) is in the cache
            alone = label in ONE_SITE
            json_twin = TABLE_TWINS.get(label)
            peer_cmd = peer_one if alone else (table[json_twin] if json_twin else None)
            warm, base = paired(label, command, peer_cmd, args.repeat)
            note = peer_note(alone, base)
            if json_twin and base:  # a table against its own JSON, run in turns
                note = f"  (÷ {json_twin}, in turns: {base[0]:.2f} s)"
            else:
                base = base if alone else whole
            ratio = f"{warm[0] / base[0]:>7.3f}" if base else f"{'—':>7}"
            c = cold_rows[label]
            print(f"{size:>6} {label:<30} {c[0]:>7.2f} {c[1] / 1024:>6.1f} {warm[0]:>7.2f} "
                  f"{warm[1] / 1024:>6.1f} {ratio}{note}")  # fmt: skip
        sys.stdout.flush()


if __name__ == "__main__":
    main()
