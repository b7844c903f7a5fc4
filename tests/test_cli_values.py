"""Values typed in Russian wherever the screen shows Russian words — the same as the English
codes; a wrong value lists the Russian words; prompts check each answer as it is typed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from ropcli.cli import app, write_options
from ropcli.core.labels import lookup, municipality_words
from ropcli.core.vocab import MUNICIPALITIES
from tests.write_support import copy_sample, site_file

FULL_NAME = "Муниципальное казённое общеобразовательное учреждение «Хомутовская СОШ № 1»"


def run(root: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(
        app, ["--registry", str(root), *args], input=stdin, catch_exceptions=False
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def test_lookup_any_case_and_yo() -> None:
    table = {"expired": ("истёк",), "active": ("действует",)}
    assert lookup("ИСТЕК", table) == "expired"
    assert lookup(" истёк ", table) == "expired"
    assert lookup("Expired", table) == "expired"
    assert lookup("истекает", table) is None
    towns = municipality_words({k: v[0] for k, v in MUNICIPALITIES.items()})
    assert lookup("хомутовский район", towns) == "khomutovsky"
    assert lookup("Хомутовский", towns) == "khomutovsky"
    assert lookup("г. Курск", towns) == "kursk"
    assert lookup("город Железногорск", towns) == "zheleznogorsk"
    assert lookup("Железногорский район", towns) == "zheleznogorsky"


@pytest.mark.parametrize(
    ("english", "russian"),
    [
        (["report", "kursk-sosh-5", "--kind", "annual"], ["--kind", "Ежегодный"]),
        (["activity", "kursk-sosh-5", "--kind", "seminar"], ["--kind", "семинар"]),
        (["conclusion", "kursky-seym-sosh", "--decision", "approved"], ["--decision", "одобрено"]),
        (["revoke", "kursk-sosh-5", "--reason", "no_conditions"], ["--reason", "нет условий"]),
    ],
)
def test_record_takes_russian_words(root: Path, english: list[str], russian: list[str]) -> None:
    common = {
        "report": ["--year", "1", "--submitted", "2027-07-10"],
        "activity": ["--date", "2027-03-18", "--title", "Семинар"],
        "conclusion": ["--date", "2026-11-20", "--protocol", "5"],
        "revoke": ["--order", "1-9", "--order-date", "2027-02-01", "--agreed-expert",
                   "2027-01-20", "--agreed-center", "2027-01-25"],
    }[english[0]]  # fmt: skip
    coded = run(root, "record", *english, *common, "--dry-run")
    worded = run(root, "record", *english[:2], *russian, *common, "--dry-run")
    assert coded.exit_code == worded.exit_code
    assert coded.stdout == worded.stdout and coded.stdout


def test_new_takes_type_and_municipality_by_name(root: Path) -> None:
    result = run(
        root, "new", "khom-sosh-1", "--type", "Школа", "--municipality", "Хомутовский район"
    )
    assert result.exit_code == 0, result.output
    organization = yaml.safe_load(site_file(root, "khom-sosh-1").read_bytes())["organization"]
    assert organization["type"] == "school"
    assert organization["municipality"] == "khomutovsky"


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["record", "activity", "kursk-sosh-5", "--kind", "вебинар"], "семинар, стажировка"),
        (["record", "report", "kursk-sosh-5", "--kind", "годовой"], "ежегодный, итоговый"),
        (["new", "x-1", "--type", "гимназия"], "школа, дополнительное образование, колледж"),
        (["new", "x-1", "--municipality", "Хомутово"], "Хомутовский район"),
    ],
)
def test_wrong_value_lists_russian_words(root: Path, args: list[str], listed: str) -> None:
    result = run(root, *args)
    assert result.exit_code == 2
    assert listed in result.stderr
    assert not site_file(root, "x-1").exists()


def test_new_prompts_ask_again_and_keep_good_answers(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_options, "interactive", lambda: True)  # stdin is not a tty here
    answers = [
        FULL_NAME,
        "МКОУ «Хомутовская СОШ № 1»",
        "гимназия",  # not a type: asked again
        "колледж",
        "463200000",  # nine digits: asked again
        "4632000003",  # a wrong check digit: asked again
        "4632000002",
        "1024600000006",
        "Хомутово",  # no such municipality: asked again
        "хомутовский",
    ]
    result = run(root, "new", "khom-sosh-1", stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("попробуйте ещё раз") == 4
    assert "Ошибка: «гимназия» — нет такого типа" in result.stderr
    assert "контрольная цифра" in result.stderr
    organization = yaml.safe_load(site_file(root, "khom-sosh-1").read_bytes())["organization"]
    assert organization["full_name"] == FULL_NAME
    assert organization["type"] == "vocational"
    assert organization["inn"] == "4632000002"
    assert organization["municipality"] == "khomutovsky"


def test_record_prompt_asks_again_for_a_bad_date(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_options, "interactive", lambda: True)
    answers = "20.13.2026\n2026-10-20\nКомитет образования\n"
    result = run(root, "record", "agreement", "kursky-seym-sosh", "--dry-run", stdin=answers)
    assert "попробуйте ещё раз" in result.stderr
    assert "Error" not in result.output
    assert "municipal_agreement: {date: 2026-10-20" in result.stdout


def test_wrong_value_suggests_the_nearest_word(root: Path) -> None:
    result = run(root, "status", "--state", "истекло")
    assert result.exit_code == 2
    assert "(может быть, «истёк»?)" in result.stderr
