"""A site's lifecycle summary: the part of its data that `status` and `reports` read.

The lifecycle (`terms`, `states`, `reports`) reads only the id, the application's date, the
review, the history and the reports of a site; the tables and exports add the
organization's names and municipality. `summary(data)` keeps exactly these, so the cache
can hand `status` and `reports` a few hundred bytes a site instead of its whole file, and
every lifecycle function gives the same answer on the summary as on the data
(`tests/test_cache_everywhere.py` compares them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KEPT = ("id", "review", "history", "reports")
ORGANIZATION = ("short_name", "full_name", "municipality")


def summary(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the lifecycle and the status and report views read of `data`."""
    kept = {key: data[key] for key in KEPT if key in data}
    application = data.get("application")
    if isinstance(application, Mapping) and "date" in application:
        kept["application"] = {"date": application["date"]}
    elif application is not None and not isinstance(application, Mapping):
        kept["application"] = application  # as it is: the lifecycle sees what it would
    organization = data.get("organization")
    if isinstance(organization, Mapping):
        kept["organization"] = {k: organization[k] for k in ORGANIZATION if k in organization}
    elif organization is not None:
        kept["organization"] = organization
    return kept
