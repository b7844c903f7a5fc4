"""Helpers of the write tests (`ropcli new`, `ropcli record`): a copy of the sample
registry to change, and assertions that a write only added lines."""

from __future__ import annotations

import shutil
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "registry"


def copy_sample(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root)
    return root


def site_file(root: Path, site_id: str) -> Path:
    return root / "sites" / f"{site_id}.yaml"


def lines(content: bytes) -> list[bytes]:
    return content.splitlines(keepends=True)


def added_lines(before: bytes, after: bytes) -> list[str]:
    """The lines `after` adds to `before`; fails if any line of `before` changed or went."""
    old, new = lines(before), lines(after)
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    changed = [op for op in opcodes if op[0] not in ("equal", "insert")]
    assert not changed, f"lines of the original changed: {changed}"
    return [
        line.decode() for tag, _, _, j1, j2 in opcodes if tag == "insert" for line in new[j1:j2]
    ]


def assert_inserted(before: bytes, after: bytes, block: list[str]) -> None:
    """`after` is `before` with exactly `block` inserted at one place."""
    old, encoded = lines(before), [line.encode() for line in block]
    assert any(old[:k] + encoded + old[k:] == lines(after) for k in range(len(old) + 1)), (
        f"expected {block} inserted; added: {added_lines(before, after)}"
    )


def printed_diff_adds(stdout: str) -> list[str]:
    """The «+» lines of a printed unified diff; fails if it removes any line."""
    body = [ln for ln in stdout.splitlines() if not ln.startswith(("+++", "---"))]
    assert not [ln for ln in body if ln.startswith("-")], stdout
    return [ln[1:] for ln in body if ln.startswith("+")]
