"""`ropcli fill` on files edited by hand: a list with an empty item, a section of the wrong
type; answers pasted from Word (non-breaking spaces, soft hyphens)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ropcli.editing.answers import parse_answer, read_data, save_answer
from ropcli.editing.questionnaire import empty_fields
from ropcli.editing.scaffold import render
from ropcli.editing.transaction import commit
from ropcli.validation.registry import Registry, open_registry
from tests.conftest import SETTINGS_TEXT

SITE = "demo-one"


def _registry(tmp_path: Path, *replacements: tuple[str, str]) -> Registry:
    root = tmp_path / "registry"
    (root / "sites").mkdir(parents=True)
    (root / "ropcli.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
    registry = open_registry(root)
    text = render(registry, SITE, {"type": "school"})
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    (root / "sites" / f"{SITE}.yaml").write_text(text, encoding="utf-8")
    return registry


def _save(registry: Registry, pointer: str, answer: str) -> str:
    data = read_data(registry, SITE)
    (field,) = [f for f in empty_fields(data, registry.settings, ()) if f.pointer == pointer]
    change, _ = save_answer(registry, SITE, field, parse_answer(field, answer))
    assert change.allowed, [p.message for p in change.problems]
    commit(change)
    return (registry.sites_dir / f"{SITE}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("item", ['- ""', "-", "- ''", "- null"])
def test_an_empty_item_of_a_list_is_replaced_by_the_answer(tmp_path: Path, item: str) -> None:
    registry = _registry(tmp_path, ("  model_tasks: []\n", f"  model_tasks:\n    {item}\n"))
    text = _save(registry, "/passport/model_tasks/0", "Адаптация молодых педагогов")
    assert yaml.safe_load(text)["passport"]["model_tasks"] == ["Адаптация молодых педагогов"]
    assert "# 5. Цель практики" in text
    fields = empty_fields(read_data(registry, SITE), registry.settings, ("passport",))
    assert not [f for f in fields if f.pointer.startswith("/passport/model_tasks")]


def test_the_second_empty_item_is_replaced_and_the_first_kept(tmp_path: Path) -> None:
    registry = _registry(
        tmp_path, ("  model_tasks: []\n", '  model_tasks:\n    - Первая\n    - ""\n')
    )
    text = _save(registry, "/passport/model_tasks/1", "Вторая")
    assert yaml.safe_load(text)["passport"]["model_tasks"] == ["Первая", "Вторая"]
