"""`--format json`: exactly SPEC §3, the result's own `to_dict()`."""

from __future__ import annotations

import json
from typing import IO

from ropcli.check import CheckResult


def report(result: CheckResult, stream: IO[str], *, color: bool = False) -> None:
    json.dump(result.to_dict(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
