"""The wheel ships everything: every subpackage and every schema and template file.

pyproject.toml lists packages by hand (schemas/ and templates/ are mapped into the
package), so a new subpackage or a template of a new kind must be added there too — these
tests say so before a user's install breaks. CI also installs the built wheel into a fresh
environment and runs it from another folder (.ci/run).
"""

from __future__ import annotations

import fnmatch
import tomllib

from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_subpackage_is_listed() -> None:
    source = REPO / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")
    }
    assert found <= set(SETUPTOOLS["packages"])


def test_every_schema_and_template_file_is_package_data() -> None:
    for package, folder in (
        ("ropcli.schemas", "schemas"),
        ("ropcli.templates", "templates"),
    ):
        patterns = SETUPTOOLS["package-data"][package]
        assert SETUPTOOLS["package-dir"][package] == folder
        for path in (REPO / folder).iterdir():
            if path.is_file() and path.suffix != ".py":
                assert any(fnmatch.fnmatch(path.name, p) for p in patterns), path.name
