"""`ropcli fill` on files edited by hand: a list with an empty item, a section of the wrong
type; answers pasted from Word (non-breaking spaces, soft hyphens)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropcli.core.pasted import DROPPED, tidy
from ropcli.editing.answers import BadAnswer, parse_answer, read_data, save_answer
from ropcli.editing.questionnaire import Field, empty_fields
from ropcli.editing.scaffold import render
from ropcli.editing.transaction import commit
from ropcli.validation.registry import Registry, open_registry
from tests.conftest import SETTINGS_TEXT, RunCli

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


INVISIBLE = "\u00a0\u202f\u2007\u2009\u2003\u3000\u00ad\u200b\u2060\ufeff"
PASTED = st.text(
    st.one_of(st.characters(codec="utf-8").filter(str.isprintable), st.sampled_from(INVISIBLE)),
    min_size=1,
    max_size=60,
)


@pytest.fixture(scope="module")
def goal(tmp_path_factory: pytest.TempPathFactory) -> Field:
    registry = _registry(tmp_path_factory.mktemp("goal"))
    data = read_data(registry, SITE)
    (field,) = [
        f for f in empty_fields(data, registry.settings, ()) if f.pointer == "/passport/goal"
    ]
    return field


@settings(max_examples=300, deadline=None)
@given(answer=PASTED)
def test_pasted_spaces_are_spaces_and_soft_hyphens_are_dropped(goal: Field, answer: str) -> None:
    expected = "".join(" " if c in INVISIBLE[:6] else c for c in answer if c not in DROPPED)
    if not expected.strip():
        with pytest.raises(BadAnswer, match="пустой ответ"):
            parse_answer(goal, answer)
        return
    value = parse_answer(goal, answer)
    assert value == expected.strip()
    assert not any((c.isspace() and c != " ") or c in DROPPED for c in value)
    assert " ".join(tidy(answer).split()) == " ".join(answer.translate(_GONE).split())  # import


_GONE = str.maketrans("", "", DROPPED)


@settings(max_examples=200, deadline=None)
@given(
    answer=st.tuples(PASTED, st.characters(categories=["Cc"]), PASTED).map("x".join),
)
def test_real_control_characters_are_refused(goal: Field, answer: str) -> None:
    """Inside the answer (at its ends, tabs and line breaks are stripped as spaces are)."""
    with pytest.raises(BadAnswer, match="управляющие символы"):
        parse_answer(goal, answer)


@pytest.mark.parametrize(
    ("answer", "says"),
    [("два\tслова", "табуляция"), ("a\u202eb", "U+202E"), ("a\x1bb", "U+001B")],
)
def test_the_refusal_names_the_character(goal: Field, answer: str, says: str) -> None:
    with pytest.raises(BadAnswer, match=re.escape(says)):
        parse_answer(goal, answer)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=st.text(st.characters(codec="utf-8"), min_size=1, max_size=40))
def test_every_accepted_answer_is_saved_and_read_back(
    tmp_path_factory: pytest.TempPathFactory, answer: str
) -> None:
    registry = _registry(tmp_path_factory.mktemp("saved"))
    data = read_data(registry, SITE)
    (field,) = [
        f for f in empty_fields(data, registry.settings, ()) if f.pointer == "/passport/goal"
    ]
    try:
        value = parse_answer(field, answer)
    except BadAnswer:
        return
    text = _save(registry, "/passport/goal", answer)
    assert yaml.safe_load(text)["passport"]["goal"] == value == tidy(answer).strip()


def test_a_word_paste_is_saved_with_plain_spaces(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    text = _save(
        registry, "/passport/goal", "Закрепление\u00a0молодых педа\u00adгогов\u202f— 80\u00a0%"
    )
    assert "  goal: Закрепление молодых педагогов — 80 %\n" in text


def _passport_is(tmp_path: Path, value: str) -> Registry:
    registry = _registry(tmp_path)
    path = registry.sites_dir / f"{SITE}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\npassport:")] + f"\npassport: {value}\n", encoding="utf-8")
    return registry


@pytest.mark.parametrize(("value", "shown"), [("5", "passport: 5"), ("[a, b]", "passport: список")])
def test_a_section_of_the_wrong_type_is_named_not_called_complete(
    tmp_path: Path, cli: RunCli, value: str, shown: str
) -> None:
    registry = _passport_is(tmp_path, value)
    for listing in ((), ("--list",)):
        result = cli("--registry", str(registry.root), "fill", SITE, "--only", "паспорт", *listing)
        assert result.exit_code == 1, result.stderr
        assert f"неверный тип: «Паспорт практики» ({shown})" in result.stderr
        assert f"ropcli validate sites/{SITE}.yaml" in result.stderr
        assert "пустых полей нет" not in result.stderr


def test_the_other_sections_are_still_listed_with_a_warning(tmp_path: Path, cli: RunCli) -> None:
    registry = _passport_is(tmp_path, "5")
    result = cli("--registry", str(registry.root), "fill", SITE, "--list")
    assert result.exit_code == 0
    assert "/organization/full_name\t" in result.stdout and "/passport/" not in result.stdout
    assert "Внимание: в sites/demo-one.yaml неверный тип: «Паспорт практики»" in result.stderr
