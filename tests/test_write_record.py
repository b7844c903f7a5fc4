"""`ropcli record …`: each subcommand appends its lines and nothing else, refuses what the
rules reject with the file byte-identical, and writes atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from ropcli.cli import write_options
from ropcli.core.problems import RopcliError
from ropcli.yamlio import LAYOUTS, round_trip_dump, round_trip_load
from tests.conftest import SITE_TEXT, MakeRegistry, RunCli, edited
from tests.write_support import (
    added_lines,
    assert_inserted,
    copy_sample,
    printed_diff_adds,
    site_file,
)

COORDINATOR = "Управление образования Администрации Курского района"
KIRO = "ОГБУ ДПО «Курский институт развития образования»"

# The life of the draft sample site (application 2026-10-05), one command at a time, with
# the exact lines each one must add — in the sample files' style: flow maps, ISO dates
# unquoted, numbers of orders and protocols quoted, new sections after a blank line.
LIFE = [
    (
        ["agreement", "--date", "2026-10-20", "--coordinator", COORDINATOR],
        [
            "\n",
            "review:\n",
            f"  municipal_agreement: {{date: 2026-10-20, coordinator: {COORDINATOR}}}\n",
        ],
    ),
    (
        ["conclusion", "--date", "2026-11-20", "--protocol", "5", "--decision", "approved"],
        ['  expert_conclusion: {date: 2026-11-20, protocol: "5", decision: approved}\n'],
    ),
    (
        ["assign", "--order", "1-801", "--order-date", "2026-12-01", "--start", "2027-01-01",
         "--years", "2"],
        [
            "\n",
            "history:\n",
            "  - event: assigned\n",
            '    order: {number: "1-801", date: 2026-12-01}\n',
            "    term: {start: 2027-01-01, years: 2}\n",
        ],
    ),
    (
        ["activity", "--date", "2027-03-18", "--kind", "seminar", "--participants", "25",
         "--title", "Наставничество в сельской школе: первые итоги"],
        [
            "\n",
            "activities:\n",
            '  - {date: 2027-03-18, kind: seminar, title: "Наставничество в сельской школе: '
            'первые итоги", participants: 25}\n',
        ],
    ),
    (  # reports go before activities (the order of docs/format.md), after a blank line
        ["report", "--kind", "annual", "--year", "1", "--submitted", "2028-01-20",
         "--agreed", "2028-01-15", "--url", "https://seym-sosh.example.ru/otchet.pdf"],
        [
            "\n",
            "reports:\n",
            "  - {kind: annual, term: 1, year: 1, submitted: 2028-01-20, agreed: 2028-01-15, "
            "url: https://seym-sosh.example.ru/otchet.pdf}\n",
        ],
    ),
    (
        ["extension-request", "--date", "2028-09-01", "--innovation", "Сетевая школа наставника"],
        [
            "  - event: extension_requested\n",
            "    date: 2028-09-01\n",
            "    innovation: Сетевая школа наставника\n",
        ],
    ),
    (  # the new term starts the day after the last one ends; 3 years by default
        ["extend", "--order", "1-902", "--order-date", "2028-12-10"],
        [
            "  - event: extended\n",
            '    order: {number: "1-902", date: 2028-12-10}\n',
            "    term: {start: 2029-01-01, years: 3}\n",
        ],
    ),
    (
        ["report", "--kind", "final", "--term", "1", "--submitted", "2029-01-20"],
        ["  - {kind: final, term: 1, submitted: 2029-01-20}\n"],
    ),
    (
        ["cooperation", "--partner", KIRO, "--number", "12/27", "--date", "2027-02-01"],
        ["\n", "agreements:\n", f'  - {{partner: {KIRO}, number: "12/27", date: 2027-02-01}}\n'],
    ),
    (
        ["revoke", "--order", "1-1001", "--order-date", "2030-02-01",
         "--reason", "no_conditions", "--agreed-expert", "2030-01-20",
         "--agreed-center", "2030-01-25"],
        [
            "  - event: revoked\n",
            '    order: {number: "1-1001", date: 2030-02-01}\n',
            "    date: 2030-02-01\n",
            "    reason: no_conditions\n",
            "    agreed: {expert_commission: 2030-01-20, regional_center: 2030-01-25}\n",
        ],
    ),
    (  # a mistake in what was recorded: a new entry, the old value stays (п. 6.1)
        ["correction", "--pointer", "/activities/0/participants", "--value", "27",
         "--reason", "по листу регистрации", "--date", "2030-02-05"],
        [
            "\n",
            "corrections:\n",
            "  - {date: 2030-02-05, pointer: /activities/0/participants, value: 27, reason: по "
            "листу регистрации}\n",
        ],
    ),
]  # fmt: skip


def test_each_record_subcommand_appends_only_its_lines(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, "kursky-seym-sosh")
    for args, block in LIFE:
        before = path.read_bytes()
        result = cli("--registry", str(root), "record", args[0], "kursky-seym-sosh", *args[1:])
        assert result.exit_code == 0, result.output
        after = path.read_bytes()
        assert_inserted(before, after, block)
        shown = [line for line in printed_diff_adds(result.stdout) if line]  # blank lines
        assert shown == [line.rstrip("\n") for line in block if line.strip()]  # may shift
        assert "Записано в sites/kursky-seym-sosh.yaml" in result.stderr
    assert cli("--registry", str(root), "validate", "--strict").exit_code == 0
    assert {c[0][0] for c in LIFE} == set(write_cli_commands())


def write_cli_commands() -> list[str]:
    from ropcli.cli.write import record_app

    return [command.name or "" for command in record_app.registered_commands]


def test_comments_between_events_and_after_the_last_are_kept(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, "kursk-sosh-5")
    original = path.read_text(encoding="utf-8")
    text = edited(
        original,
        (
            "    term: {start: 2026-06-20, years: 3}\n",
            "    term: {start: 2026-06-20, years: 3}\n"
            "  # Второй срок идёт; следующее событие — ниже.\n",
        ),
    )
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = cli(
        "--registry", str(root), "record", "revoke", "kursk-sosh-5", "--order", "1-50",
        "--order-date", "2027-03-01", "--reason", "negative_effects",
        "--agreed-expert", "2027-02-20", "--agreed-center", "2027-02-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    comments = [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]
    assert [ln for ln in after.splitlines() if ln.lstrip().startswith("#")] == comments
    added = added_lines(before, path.read_bytes())
    assert added[0] == "  - event: revoked\n"
    # The new event stands right after the last one, before the comment that followed it.
    assert "  - event: revoked\n    order" in after.split("# Второй срок идёт")[0]


def test_crlf_and_byte_order_mark_stay(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, "kursk-sosh-5")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = cli(
        "--registry", str(root), "record", "activity", "kursk-sosh-5", "--date", "2027-03-10",
        "--kind", "lecture", "--title", "Лекция для кураторов",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\n") == after.count(b"\r\n")
    assert added_lines(before, after) == [
        "  - {date: 2027-03-10, kind: lecture, title: Лекция для кураторов}\r\n"
    ]
    assert "\r" not in result.stdout  # the printed diff shows plain lines


def test_a_file_in_another_layout_gets_lines_in_its_own_layout(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    # tests/data/site.yaml splits flow maps over lines by hand: ruamel.yaml would not
    # write it so, and none of those lines may change.
    root = make_registry({"site.yaml": SITE_TEXT})
    before = (root / "sites" / "site.yaml").read_bytes()
    args = ["--kind", "annual", "--term", "2", "--year", "1", "--submitted", "2027-07-01"]
    result = cli("--registry", str(root), "record", "report", "site", *args)
    assert result.exit_code == 0, result.output
    assert "переписана" not in result.stderr
    after = (root / "sites" / "site.yaml").read_bytes()
    assert added_lines(before, after) == [
        "  - {kind: annual, term: 2, year: 1, submitted: 2027-07-01}\n"
    ]


@pytest.mark.parametrize("layout", LAYOUTS[1:])
def test_other_indentation_styles_are_followed(
    layout: tuple[int, int, int], make_registry: MakeRegistry, cli: RunCli
) -> None:
    content = round_trip_dump(round_trip_load(SITE_TEXT), layout)
    root = make_registry({"site.yaml": content})
    path = root / "sites" / "site.yaml"
    before = path.read_bytes()
    result = cli(
        "--registry", str(root), "record", "extension-request", "site", "--date", "2027-03-01",
        "--innovation", "Новая практика",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    added = added_lines(before, path.read_bytes())
    assert added[0] == " " * layout[2] + "- event: extension_requested\n"
    assert yaml.safe_load(path.read_bytes())["history"][-1]["innovation"] == "Новая практика"
    assert cli("--registry", str(root), "validate").exit_code == 0


def test_long_text_is_folded_like_the_sample(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, "kursk-sosh-12")
    innovation = (
        "Сетевая «Школа наставника» для школ Железнодорожного округа: ученики-наставники "
        "8–10 классов ведут группы младших школьников по программе «Ровесник — ровеснику»"
    )
    args = ["--date", "2026-11-20", "--innovation", innovation]
    result = cli("--registry", str(root), "record", "extension-request", "kursk-sosh-12", *args)
    assert result.exit_code == 0, result.output
    assert "    innovation: >-\n" in path.read_text(encoding="utf-8")
    assert yaml.safe_load(path.read_bytes())["history"][-1]["innovation"] == innovation


REFUSED = [
    # a report for a year the term does not have (a warning the file did not have)
    ("kursk-sosh-5", ["report", "--kind", "annual", "--year", "5", "--submitted", "2027-08-01"],
     "report-reference"),
    # an extension overlapping the current term
    ("oboyan-gimn-1", ["extend", "--order", "1-700", "--order-date", "2026-09-25",
                       "--start", "2026-09-15"], "extension"),
    # an order before the expert conclusion (16.07.2026)
    ("medven-sosh-1", ["assign", "--order", "1-600", "--order-date", "2026-07-01",
                       "--start", "2026-09-01"], "order-after-review"),
    # a term longer than the cap
    ("medven-sosh-1", ["assign", "--order", "1-600", "--order-date", "2026-08-20",
                       "--start", "2026-09-01", "--years", "4"], "term-cap"),
]  # fmt: skip


@pytest.mark.parametrize(("site", "args", "rule"), REFUSED)
@pytest.mark.parametrize("dry_run", [False, True])
def test_invalid_result_is_refused_and_the_file_untouched(
    tmp_path: Path, cli: RunCli, site: str, args: list[str], rule: str, dry_run: bool
) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, site)
    before = path.read_bytes()
    extra = ["--dry-run"] if dry_run else []
    result = cli("--registry", str(root), "record", args[0], site, *args[1:], *extra)
    assert result.exit_code == 1
    assert f"[{rule}" in result.stderr and f"sites/{site}.yaml не изменён" in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == before


@pytest.mark.parametrize("dry_run", [False, True])
def test_warnings_on_lines_the_record_did_not_write_are_shown_not_blocking(
    tmp_path: Path, cli: RunCli, dry_run: bool
) -> None:
    # The order makes the events held before the status «вне срока статуса»: worth a look,
    # but the Ministry's order is a fact and must be recordable.
    root = copy_sample(tmp_path)
    path = site_file(root, "kursk-kits")
    before = path.read_bytes()
    args = ["--order-number", "1-999", "--order-date", "2026-11-25"]
    extra = ["--dry-run"] if dry_run else []
    result = cli("--registry", str(root), "record", "assign", "kursk-kits", *args, *extra)
    assert result.exit_code == 0, result.output
    assert "в других местах sites/kursk-kits.yaml появляются предупреждения" in result.stderr
    assert result.stderr.count("[schedule-dates") == 2
    assert (path.read_bytes() == before) is dry_run
    if not dry_run:
        assert yaml.safe_load(path.read_bytes())["history"][-1]["order"]["number"] == "1-999"


def test_a_recorded_review_is_not_replaced(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, "kursk-sosh-5").read_bytes()
    args = ["--date", "2023-04-27", "--coordinator", "Комитет"]
    result = cli("--registry", str(root), "record", "agreement", "kursk-sosh-5", *args)
    assert result.exit_code == 1 and "уже записано" in result.stderr
    assert site_file(root, "kursk-sosh-5").read_bytes() == before


def test_a_file_with_errors_is_not_touched(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry(
        {"site.yaml": edited(SITE_TEXT, ('inn: "4632024170"', 'inn: "463202417"'))}
    )
    before = (root / "sites" / "site.yaml").read_bytes()
    args = ["--date", "2027-03-10", "--kind", "seminar", "--title", "Семинар"]
    result = cli("--registry", str(root), "record", "activity", "site", *args)
    assert result.exit_code == 1
    assert "уже есть ошибки (1)" in result.stderr and "[pattern" in result.stderr
    assert (root / "sites" / "site.yaml").read_bytes() == before


def test_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, "zhel-cdt").read_bytes()
    args = ["--partner", "МБОУ «СОШ № 1»", "--number", "3", "--date", "2026-09-15", "--dry-run"]
    result = cli("--registry", str(root), "record", "cooperation", "zhel-cdt", *args)
    assert result.exit_code == 0
    assert result.stdout.startswith("--- a/sites/zhel-cdt.yaml\n+++ b/sites/zhel-cdt.yaml\n")
    assert printed_diff_adds(result.stdout) == [
        '  - {partner: МБОУ «СОШ № 1», number: "3", date: 2026-09-15}'
    ]
    assert "--dry-run" in result.stderr
    assert site_file(root, "zhel-cdt").read_bytes() == before


def test_a_write_that_fails_before_the_rename_leaves_the_original(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path)
    path = site_file(root, "kursk-sosh-5")
    before = path.read_bytes()
    listing = sorted(p.name for p in path.parent.iterdir())

    def broken_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    args = ["--date", "2027-03-10", "--kind", "seminar", "--title", "Семинар"]
    result = cli("--registry", str(root), "record", "activity", "kursk-sosh-5", *args)
    assert result.exit_code == 3
    assert "не удалось записать sites/kursk-sosh-5.yaml" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["activity", "no-such-site", "--date", "2027-01-01"], "нет площадки"),
        (["activity", "Bad_Id"], "не годится как id"),
        (["activity", "kursk-sosh-5\n", "--date", "2027-01-01"], "не годится как id"),
        (["activity", "kursk-sosh-5", "--date", "2027-13-01"], "такого дня в календаре нет"),
        (["activity", "kursk-sosh-5", "--date", "2027-01-01", "--kind", "party"], "нет такого"),
        (["agreement", "kursky-seym-sosh", "--date", "2026-10-20"], "не указано --coordinator"),
        (["assign", "medven-sosh-1", "--years", "2", "--end", "2028-01-01"], "что-то одно"),
        (["report", "kursk-sosh-5", "--kind", "final", "--year", "1"], "нет года"),
        (["report", "kursk-sosh-5", "--kind", "annual", "--submitted", "2027-01-01"], "--year"),
        (["activity", "kursk-sosh-5", "--date", "2027-01-01", "--kind", "seminar",
          "--title", "   "], "пустое значение"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(tmp_path: Path, cli: RunCli, args: list[str], message: str) -> None:
    root = copy_sample(tmp_path)
    result = cli("--registry", str(root), "record", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_prompts_ask_for_missing_values_on_a_terminal(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from ropcli.cli import app

    monkeypatch.setattr(write_options, "interactive", lambda: True)
    root = copy_sample(tmp_path)
    answers = f"2026-10-32\n20.10.2026\n{COORDINATOR}\n"  # a wrong date is asked again
    result = CliRunner().invoke(
        app, ["--registry", str(root), "record", "agreement", "kursky-seym-sosh"], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "такого дня в календаре нет" in result.output
    assert "municipal_agreement: {date: 2026-10-20, coordinator: Управление" in site_file(
        root, "kursky-seym-sosh"
    ).read_text(encoding="utf-8")


def test_every_write_command_has_help(cli: RunCli) -> None:
    for name in ["new", *(["record", c] for c in write_cli_commands())]:
        words = [name] if isinstance(name, str) else name
        result = cli(*words, "--help")
        assert result.exit_code == 0 and len(result.stdout.split("\n\n")[1].strip()) > 20


def test_a_file_saved_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    from datetime import date

    from ropcli.editing import records
    from ropcli.editing.transaction import commit, edit_site
    from ropcli.validation.registry import open_registry

    root = copy_sample(tmp_path)
    change = edit_site(
        open_registry(root), "zhel-cdt", records.cooperation("КГУ", "7", date(2026, 9, 15))
    )
    site_file(root, "zhel-cdt").write_bytes((change.before or b"") + b"# edited meanwhile\n")
    with pytest.raises(RopcliError, match="изменился"):
        commit(change)
    assert site_file(root, "zhel-cdt").read_bytes().endswith(b"# edited meanwhile\n")


def test_extension_ordered_after_a_lapse_starts_on_the_order_date(
    tmp_path: Path, cli: RunCli
) -> None:
    """oboyan-gimn-1's term ended 30.09.2026 and an extension was requested; an order of
    01.12.2026 cannot start a term in October — the same term `render order-extend` drafts."""
    root = copy_sample(tmp_path)
    args = ["--order", "1-900", "--order-date", "2026-12-01"]
    result = cli("--registry", str(root), "record", "extend", "oboyan-gimn-1", *args)
    assert result.exit_code == 0, result.output
    history = yaml.safe_load(site_file(root, "oboyan-gimn-1").read_bytes())["history"]
    assert str(history[-1]["term"]["start"]) == "2026-12-01"


def test_agreement_recorded_later_completes_the_report_entry(tmp_path: Path, cli: RunCli) -> None:
    """kursk-sosh-12's annual report for year 2 was handed in without the coordinator's
    agreement (5.3); recording it later completes that entry, and the report is accepted."""
    root = copy_sample(tmp_path)
    path = site_file(root, "kursk-sosh-12")
    before = path.read_bytes()
    report = ["report", "kursk-sosh-12", "--kind", "annual", "--term", "1", "--year", "2"]
    result = cli(
        "--registry",
        str(root),
        "record",
        *report,
        "--submitted",
        "2026-03-24",
        "--agreed",
        "2026-03-20",
    )
    assert result.exit_code == 0, result.output
    changed = [
        ln for ln in path.read_text("utf-8").splitlines() if "kind: annual, term: 1, year: 2" in ln
    ]
    assert len(changed) == 1 and changed[0].endswith(", agreed: 2026-03-20}")
    assert len(path.read_bytes().splitlines()) == len(before.splitlines())
    state = cli(
        "--registry",
        str(root),
        "reports",
        "kursk-sosh-12",
        "--on",
        "2026-09-01",
        "--all",
        "--format",
        "json",
    )
    year2 = [r for r in json.loads(state.stdout)["reports"] if r["year"] == 2]
    assert year2[0]["state"] == "ok"
    again = cli("--registry", str(root), "record", *report, "--submitted", "2026-03-25")
    assert again.exit_code == 1 and "считается первая сдача" in again.stderr
