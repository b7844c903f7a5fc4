"""Regression tests of layout faults in the documents and one false warning: each would
fail on the code before its fix."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke
from tests.conftest import SITE_TEXT, MakeRegistry, edited
from tests.render_support import sample

ORDERS = [
    ["order-assign", "--on", "2026-11-25", "--order-date", "2026-12-01"],
    ["order-extend", "--on", "2026-11-25"],
    ["order-revoke", "rylsk-sosh-1", "--on", "2026-09-01"],
]


def _markdown(tmp_path: Path, args: list[str]) -> str:
    result = sample(tmp_path, *args, "-f", "md")
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.iterdir()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", ORDERS, ids=[a[0] for a in ORDERS])
def test_preamble_ends_with_a_comma_before_prikazyvayu(tmp_path: Path, args: list[str]) -> None:
    lines = [line for line in _markdown(tmp_path, args).splitlines() if line.strip()]
    before = lines[lines.index("ПРИКАЗЫВАЮ:") - 1]
    assert before.endswith(","), before[-80:]


@pytest.mark.parametrize("args", ORDERS, ids=[a[0] for a in ORDERS])
def test_the_regulation_says_whose_order_approved_it(tmp_path: Path, args: list[str]) -> None:
    text = _markdown(tmp_path, args)
    assert (
        "утверждённого приказом Министерства образования и науки Курской области "
        "от 28 ноября 2022 г. № 1-1187" in text
    )


def test_reminder_names_the_head_and_the_signatory(tmp_path: Path) -> None:
    text = _markdown(tmp_path, ["report-reminder", "kursk-sosh-12", "--on", "2026-09-01"])
    assert "Директору МБОУ «СОШ № 12»\\\nА. В. Гуляеву\n" in text
    assert text.rstrip().endswith("Ректор ОГБУ ДПО КИРО\\\nН. П. Морозова")
    assert "____________" not in text and "Руководителю" not in text


def test_recorded_revocation_is_named_after_its_order(tmp_path: Path) -> None:
    result = sample(tmp_path, "order-revoke", "rylsk-sosh-1", "--on", "2026-09-01")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["order-revoke-2026-03-16.docx"]


def test_register_list_has_no_id_column(tmp_path: Path) -> None:
    text = _markdown(tmp_path, ["registry-list", "--on", "2026-09-01"])
    header = next(line for line in text.splitlines() if line.startswith("| №"))
    assert header == (
        "| № | Образовательная организация | Муниципальное образование | Состояние "
        "| Срок статуса | Приказ |"
    )
    assert "kursk-sosh-5" not in text


def test_no_region_warning_for_an_ogrn_that_is_not_digits(make_registry: MakeRegistry) -> None:
    text = edited(SITE_TEXT, ('ogrn: "1024600003120"', 'ogrn: "102ск00000000"'))
    registry = make_registry({"site.yaml": text})
    result = invoke(registry, "validate", "--format", "json")
    rules = [p["rule"] for p in json.loads(result.stdout)["problems"]]
    assert rules and "ogrn-region" not in rules  # the format error alone
    moscow = make_registry({"site.yaml": edited(SITE_TEXT, ('"1024600003120"', '"1027700132195"'))})
    found = json.loads(invoke(moscow, "validate", "--format", "json").stdout)["problems"]
    assert "ogrn-region" in [p["rule"] for p in found]


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed: "
    "apt-get install libreoffice-writer-nogui poppler-utils",
)
@pytest.mark.parametrize("args", ORDERS, ids=[a[0] for a in ORDERS])
def test_appendix_header_does_not_break_a_word(tmp_path: Path, args: list[str]) -> None:
    result = sample(tmp_path, *args, "-f", "pdf")
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.iterdir()
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    lines = [line.strip() for line in done.stdout.decode("utf-8").splitlines()]
    assert "Муниципально" not in lines and "е образование" not in lines
    assert SAMPLE_REGISTRY.is_dir()


def test_state_words_agree_with_status() -> None:
    """«истёк», «снят досрочно» agree with «статус»; so do «одобрен», «отклонён» (not the
    feminine «одобрена», «отклонена»), and the earlier spellings are still understood."""
    from ropcli.core.labels import STATE_LABELS, STATE_WORDS, lookup

    participles = [
        STATE_LABELS[s].split()[0] for s in ("revoked", "expired", "approved", "rejected")
    ]
    assert participles == ["снят", "истёк", "одобрен", "отклонён"]
    assert lookup("одобрена", STATE_WORDS) == "approved"
    assert lookup("Отклонена", STATE_WORDS) == "rejected"
