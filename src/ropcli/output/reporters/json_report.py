"""`--format json`: exactly the contract in ARCHITECTURE.md, the result's own `to_dict()`."""

from __future__ import annotations

import json
from typing import IO

from ropcli.validation.check import CheckResult


def report(result: CheckResult, stream: IO[str], *, color: bool = False) -> None:
    # One write: json.dump would write each token separately (millions of calls for a file
    # with 100,000 problems).
    stream.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
