"""Where the built-in schemas and templates are.

In a wheel they sit inside the package (`ropcli/schemas`, `ropcli/templates`, mapped there
by pyproject.toml); in a source checkout or an editable install they are the top-level
`schemas/` and `templates/` folders. One lookup serves both.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the `ropcli` package folder


def data_dir(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name
