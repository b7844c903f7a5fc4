"""PDF from the Word (or HTML) documents, through LibreOffice run headless:
`soffice --headless --convert-to pdf` in a temporary folder, every file of a run in one
call, with its own profile (a LibreOffice already open on the desktop does not take the
job over) and a time limit. LibreOffice missing, failing or too slow is «cannot run»
(exit 3) with what to install; nothing is written then.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ropcli.core.problems import ExitCode, RopcliError, os_reason

PACKAGE = "libreoffice-writer-nogui"
TIMEOUT_ENV = "ROPCLI_PDF_TIMEOUT"
DEFAULT_TIMEOUT = 180  # seconds for the whole batch; a cold start alone takes several


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _timeout() -> int:
    raw = os.environ.get(TIMEOUT_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_TIMEOUT


def to_pdf(files: Sequence[tuple[str, bytes]]) -> list[bytes]:
    """The PDF of each (file name, content) — `.docx` or `.html` — in the same order."""
    program = soffice()
    if program is None:
        raise RopcliError(
            "для --format pdf нужен LibreOffice, а он не установлен: установите пакет "
            f"{PACKAGE} (apt-get install -y {PACKAGE}) или выберите --format docx",
            ExitCode.CANNOT_RUN,
        )
    with tempfile.TemporaryDirectory(prefix="ropcli-pdf-") as folder:
        work = Path(folder)
        source, out, profile = work / "in", work / "out", work / "profile"
        source.mkdir()
        paths = []
        for index, (name, content) in enumerate(files):
            path = source / f"{index:04d}{Path(name).suffix}"
            path.write_bytes(content)
            paths.append(path)
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, paths),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=_timeout(), check=False, cwd=work
            )
        except subprocess.TimeoutExpired:
            raise RopcliError(
                f"LibreOffice не успел сделать PDF за {_timeout()} с (можно увеличить: "
                f"{TIMEOUT_ENV}); ни один файл не записан",
                ExitCode.CANNOT_RUN,
            ) from None
        except OSError as exc:
            raise RopcliError(
                f"LibreOffice не запустился ({program}): {os_reason(exc)}",
                ExitCode.CANNOT_RUN,
            ) from None
        results = [out / f"{path.stem}.pdf" for path in paths]
        missing = [files[i][0] for i, r in enumerate(results) if not r.is_file()]
        if missing:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise RopcliError(
                f"LibreOffice не сделал PDF из {', '.join(missing)} (код {done.returncode}"
                f"{'; ' + said[0] if said[0] else ''}); ни один файл не записан",
                ExitCode.CANNOT_RUN,
            )
        return [r.read_bytes() for r in results]
