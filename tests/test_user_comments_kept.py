"""A user's own comments of the form «# key: …» survive every writer (record, fill, import)
byte for byte; only the scaffold's commented example of a key the edit writes is dropped."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from ropcli.editing import scaffold
from ropcli.editing.answers import parse_answer, read_data, save_answer
from ropcli.editing.examples import scaffold_examples
from ropcli.editing.questionnaire import empty_fields
from ropcli.editing.transaction import commit, edit_text
from ropcli.validation.registry import open_registry
from tests.cli_support import SAMPLE_REGISTRY, invoke
from tests.import_support import SCHOOL, fill, render

OLD_SITE = "  # website: https://old-sosh5.example.ru (старый сайт, до 2024 г.)\n"
OWN = (
    "  # address: 305000, г. Курск, ул. Старая, д. 2 (до переезда)\n",
    "  # website: https://old.example.ru\n",
    "  # social_partners: спросить у завуча\n",
)


def _with_line(path: Path, after: str, line: str) -> str:
    text = path.read_text(encoding="utf-8")
    head, tail = text.split(after, 1)
    text = head + after + line + tail
    path.write_text(text, encoding="utf-8")
    return text


def test_record_keeps_a_commented_key_of_the_user(tmp_path: Path) -> None:
    registry = tmp_path / "reg"
    shutil.copytree(SAMPLE_REGISTRY, registry)
    site = registry / "sites" / "kursk-sosh-5.yaml"
    website = next(line for line in site.read_text(encoding="utf-8").splitlines(True)
                   if line.startswith("  website:"))  # fmt: skip
    before = _with_line(site, website, OLD_SITE)
    result = invoke(
        registry, "record", "activity", "kursk-sosh-5", "--date", "2026-11-20",
        "--kind", "семинар", "--title", "Тест", "--participants", "10",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = site.read_text(encoding="utf-8")
    assert website + OLD_SITE in after
    assert after.startswith(before.rsplit("activities:", 1)[0])  # nothing above the record
    assert "-  # website" not in result.output


def _new_site(tmp_path: Path) -> tuple[Any, Path]:
    root = tmp_path / "reg"
    assert invoke(root, "init", str(root)).exit_code == 0
    registry = open_registry(root)
    path = registry.sites_dir / "sosh-7.yaml"
    path.write_text(scaffold.render(registry, "sosh-7", {"type": "school"}), encoding="utf-8")
    _with_line(path, "  municipality:\n", "".join(OWN))
    return registry, path


def _answer(registry: Any, pointer: str, answer: str) -> None:
    data = read_data(registry, "sosh-7")
    (field,) = [f for f in empty_fields(data, registry.settings, ()) if f.pointer == pointer]
    change, _ = save_answer(registry, "sosh-7", field, parse_answer(field, answer))
    assert change.allowed, [p.message for p in change.problems]
    commit(change)


def test_fill_keeps_the_users_commented_keys_and_drops_the_scaffolds_example(
    tmp_path: Path,
) -> None:
    registry, path = _new_site(tmp_path)
    _answer(registry, "/organization/website", "https://sosh7.example.ru")
    text = path.read_text(encoding="utf-8")
    assert "".join(OWN) in text
    assert "# address: 305000, г. Курск, ул. Примерная, д. 1" in text  # address not written
    assert yaml.safe_load(text)["organization"]["website"] == "https://sosh7.example.ru"


def test_writing_a_key_drops_only_the_scaffolds_example_of_it(tmp_path: Path) -> None:
    _, path = _new_site(tmp_path)

    def answer(data: Any) -> None:
        data["organization"].insert(6, "address", "305000, г. Курск, ул. Новая, д. 3")
        data["passport"].insert(6, "social_partners", ["Курский университет"])

    edited, _ = edit_text(path.read_text(encoding="utf-8"), answer)
    assert "".join(OWN) in edited
    assert "ул. Примерная" not in edited and "ОГБУ ДПО" not in edited
    assert "уберите «#»" not in edited
    again, _ = edit_text(edited, lambda data: data["organization"].__setitem__("website", "x"))
    assert "".join(OWN) in again  # a key written again: the user's comment is no example


def test_an_example_stays_when_the_edit_does_not_write_its_key(tmp_path: Path) -> None:
    _, path = _new_site(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "  website:\n", "  website:\n  address: г. Курск\n"
    )  # typed by hand below the example: the example is the user's to delete

    def answer(data: Any) -> None:
        data["organization"]["website"] = "https://sosh7.example.ru"

    edited, _ = edit_text(text, answer)
    assert "# address: 305000, г. Курск, ул. Примерная, д. 1" in edited
    assert "".join(OWN) in edited


def test_import_keeps_the_users_commented_keys(tmp_path: Path) -> None:
    registry, path = _new_site(tmp_path)
    form = fill(
        render(registry.root, tmp_path / "blank", "application-form"), tmp_path / "a.docx", SCHOOL
    )
    result = invoke(registry.root, "import", str(form), "--id", "sosh-7", "--force")
    assert result.exit_code in (0, 1), result.output
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["organization"]["website"]
    assert "".join(OWN) in text


def test_the_examples_are_the_scaffolds_exact_lines() -> None:
    examples = scaffold_examples()
    assert set(examples) == {"address", "social_partners"}
    assert examples["address"][1] == "# address: 305000, г. Курск, ул. Примерная, д. 1"
    assert all("уберите «#»" in lines[0] for lines in examples.values())
