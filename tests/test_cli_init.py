"""`ropcli init [DIR]`: a new registry that validates, with editor hints that resolve inside it,
CI files that parse, and a refusal to write into a folder that is not empty."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
import referencing.jsonschema
import yaml
from typer.testing import CliRunner, Result

from ropcli.cli import app
from tests.cli_support import run_installed
from tests.conftest import SITE_TEXT

SCHEMAS = ("site", "common", "application", "passport", "settings")


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (1.2 core: a date is a string)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def yaml12(text: str) -> Any:
    return yaml.load(text, Loader=_Yaml12Loader)


def site_validator(schemas: Path) -> jsonschema.Draft202012Validator:
    """What an editor does with the modeline: the schema and its $refs, from that folder."""

    def retrieve(uri: str) -> referencing.Resource[Any]:
        contents = json.loads((schemas / uri).read_text(encoding="utf-8"))
        return referencing.Resource.from_contents(contents, referencing.jsonschema.DRAFT202012)

    schema = json.loads((schemas / "site.schema.json").read_text(encoding="utf-8"))
    registry: referencing.Registry[Any] = referencing.Registry(retrieve=retrieve)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_init_new_validate(tmp_path: Path) -> None:
    root = tmp_path / "реестр"
    created = run("init", str(root))
    assert created.exit_code == 0, created.output
    for name in ("ropcli.yaml", "README.md", ".gitignore", ".github/workflows/ropcli.yml",
                 ".gitlab-ci.yml", ".pre-commit-config.yaml",
                 *(f"schemas/{s}.schema.json" for s in SCHEMAS)):  # fmt: skip
        assert (root / name).is_file(), name
        assert name in created.stdout
    assert (root / "sites").is_dir()
    assert run("--registry", str(root), "validate").exit_code == 0  # ropcli.yaml is valid

    given = ["--type", "школа", "--municipality", "Курск", "--inn", "4632000002",
             "--ogrn", "1024600000006"]  # fmt: skip
    new = run("--registry", str(root), "new", "kursk-sosh-27", *given)
    assert new.exit_code == 0, new.output
    site = root / "sites" / "kursk-sosh-27.yaml"
    text = site.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/site.schema.json\n")
    assert (site.parent / "../schemas/site.schema.json").resolve().is_file()
    pending = run("--registry", str(root), "validate", "--format", "json")
    assert pending.exit_code == 0  # a draft: the scaffold's fields left to fill, as warnings
    problems = json.loads(pending.stdout)["problems"]
    assert {p["file"] for p in problems} == {"sites/kursk-sosh-27.yaml"}
    assert f"Осталось заполнить полей: {len(problems)}." in new.stderr
    assert "Заполнить по вопросам: ropcli fill kursk-sosh-27" in new.stderr

    # A complete site in the new registry: valid for ropcli and for the editor's schemas.
    complete = SITE_TEXT.replace("id: site", "id: kursk-sosh-27", 1)
    site.write_text(complete, encoding="utf-8")
    done = run("--registry", str(root), "validate", "--strict")
    assert done.exit_code == 0, done.output
    errors = list(site_validator(root / "schemas").iter_errors(yaml12(complete)))
    assert errors == []


def test_ci_files_are_yaml_and_run_ropcli(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "r")).exit_code == 0
    for name in (".github/workflows/ropcli.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                 "ropcli.yaml"):  # fmt: skip
        data = yaml.safe_load((tmp_path / "r" / name).read_text(encoding="utf-8"))
        assert isinstance(data, dict), name
    github = (tmp_path / "r/.github/workflows/ropcli.yml").read_text(encoding="utf-8")
    assert 'ropcli diff --base "origin/${{ github.base_ref }}"' in github
    hooks = yaml.safe_load((tmp_path / "r/.pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "ropcli validate"
    settings = (tmp_path / "r/ropcli.yaml").read_text(encoding="utf-8")
    assert "signatory_name" in settings and "ОБЯЗАТЕЛЬНО для приказов" in settings


def test_a_folder_that_is_not_empty_is_refused_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "заметки.txt").write_text("моё", encoding="utf-8")
    refused = run("init", str(folder))
    assert refused.exit_code == 3
    assert "не пуста" in refused.stderr and "--force" in refused.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["заметки.txt"]
    forced = run("init", str(folder), "--force")
    assert forced.exit_code == 0
    assert (folder / "ropcli.yaml").is_file()
    assert (folder / "заметки.txt").read_text(encoding="utf-8") == "моё"


def test_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = run("init", str(target))
    assert result.exit_code == 3 and "файл, а не папка" in result.stderr


@pytest.mark.parametrize("quiet", [False, True])
def test_installed_init(tmp_path: Path, quiet: bool) -> None:
    args = ["init", str(tmp_path / "r"), *(["-q"] if quiet else [])]
    done = run_installed(*args)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "r" / "ropcli.yaml").is_file()
    assert (done.stdout == b"") == quiet
