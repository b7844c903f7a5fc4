"""id-matches-file — the site id equals the file name.

Programs, orders and `ropcli show ID` find a site by its id, and people find its file by
name; when the two differ, one of them points at the wrong site.

Passes (file `sites/kursk-sosh-5.yaml`)::

    id: kursk-sosh-5

Fails (same file)::

    id: kursk-sosh-05     # rename the file or correct the id
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.problems import ERROR
from ropcli.validation.rules import Finding, SiteContext

ID = "id-matches-file"
SEVERITY = ERROR
SUMMARY = "id площадки совпадает с именем файла"
CLAUSE = None


def check(site: SiteContext) -> Iterator[Finding]:
    site_id = site.data.get("id")
    if isinstance(site_id, str) and site_id != site.stem:
        yield Finding(
            "/id",
            f"id «{site_id}» не совпадает с именем файла «{site.stem}»: исправьте id или "
            f"переименуйте файл в «{site_id}.yaml»",
        )
