"""Every rule has a passing and a failing example, with the reported line and column.

The examples are one-line edits of `tests/data/site.yaml`, a complete valid site file, so
each case reads as "change this line, and the problem is reported here". A new rule
without a case here fails `test_every_rule_has_cases`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from ropcli.core.problems import Problem
from ropcli.validation.check import check
from ropcli.validation.registry import open_registry
from ropcli.validation.rulebook import rule_table
from tests.conftest import SITE_TEXT, MakeRegistry, edited

Edit = tuple[str, str]
REVOKED = (
    "    term: {start: 2026-06-20, years: 3}\n",
    "    term: {start: 2026-06-20, years: 3}\n"
    "  - event: revoked\n"
    '    order: {number: "1-77", date: 2027-02-10}\n'
    "    date: 2027-02-10\n"
    "    reason: negative_effects\n"
    "    agreed: {expert_commission: 2027-02-01, regional_center: 2027-02-03}\n",
)
OTHER_SITE = edited(SITE_TEXT, ("id: site", "id: other"))


@dataclass(frozen=True)
class Case:
    failing: tuple[Edit, ...]
    expect: tuple[tuple[int, int], ...]
    passing: tuple[Edit, ...] = ()
    others: dict[str, str] = field(default_factory=dict)  # more site files (registry rules)
    passing_others: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {
    # Schema (format) rules.
    "required": Case(failing=(("  short_name: МБОУ «СОШ № 5»\n", ""),), expect=((5, 1),)),
    "unknown-key": Case(failing=(("short_name:", "short_nme:"),), expect=((7, 3),)),
    "type": Case(failing=(('inn: "4632024170"', "inn: 4632024170"),), expect=((9, 8),)),
    "vocabulary": Case(
        failing=(("municipality: kursk", "municipality: moskva"),),
        expect=((11, 17),),
        passing=(("municipality: kursk", "municipality: kursky"),),
    ),
    "date-format": Case(failing=(("date: 2023-04-14", "date: 14.04.2023"),), expect=((18, 9),)),
    "url-format": Case(
        failing=(("website: https://sosh5-kursk.example.ru", "website: sosh5-kursk.example.ru"),),
        expect=((13, 12),),
    ),
    "pattern": Case(
        failing=(("      school_year: 2022/2023", "      school_year: 2022-2023"),),
        expect=((34, 20),),
    ),
    "schema": Case(
        failing=(
            (
                'forms: ["учитель – учитель", "руководитель образовательной организации – '
                'педагог"]',
                "forms: []",
            ),
        ),
        expect=((39, 3),),
    ),
    # Domain rules.
    "id-matches-file": Case(failing=(("id: site", "id: site-5"),), expect=((3, 5),)),
    "unique-identifiers": Case(
        failing=(),
        expect=((9, 8), (10, 9)),
        others={"a-site.yaml": edited(OTHER_SITE, ("id: other", "id: a-site"))},
        passing_others={
            "a-site.yaml": edited(
                OTHER_SITE,
                ("id: other", "id: a-site"),
                ('"4632024170"', '"4632000002"'),
                ('"1024600003120"', '"1024600000006"'),
            )
        },
    ),
    "identifier-checksums": Case(
        failing=(('inn: "4632024170"', 'inn: "4632024171"'),),
        expect=((9, 8),),
        passing=(('inn: "4632024170"', 'inn: "4632000010"'),),
    ),
    "ogrn-region": Case(
        failing=(('ogrn: "1024600003120"', 'ogrn: "1027700132195"'),), expect=((10, 9),)
    ),
    "full-name": Case(
        failing=(
            ("head: {name: Воронцова Елена Николаевна", "head: {name: Воронцова Е. Н."),
            ("signed_by: {name: Воронцова Елена Николаевна", "signed_by: {name: Е.Н. Воронцова"),
            ("    name: Малахова Ирина Сергеевна", "    name: Малахова"),
        ),
        expect=((14, 16), (35, 21), (115, 11)),
        passing=(
            ("head: {name: Воронцова Елена Николаевна", "head: {name: Воронцова-Ильина Елена"),
        ),
    ),
    "school-year": Case(
        failing=(("school_year: 2022/2023}", "school_year: 2021/2022}"),), expect=((27, 113),)
    ),
    "application-dates": Case(
        failing=(('{number: "98-о", date: 2021-08-30', '{number: "98-о", date: 2023-08-30'),),
        expect=((22, 30),),
    ),
    "review-order": Case(
        failing=(
            ("municipal_agreement: {date: 2023-04-26", "municipal_agreement: {date: 2023-04-10"),
        ),
        expect=((121, 31),),
    ),
    "order-after-review": Case(
        failing=(("decision: approved", "decision: rejected"),), expect=((135, 36),)
    ),
    "history-order": Case(
        failing=(('{number: "1-398", date: 2026-06-05}', '{number: "1-398", date: 2025-06-05}'),),
        expect=((144, 5),),
    ),
    "term-order": Case(
        failing=(
            ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2023-06-19}"),
        ),
        expect=((136, 36),),
    ),
    "term-after-order": Case(
        failing=(('{number: "1-512", date: 2023-06-14}', '{number: "1-512", date: 2023-06-24}'),),
        expect=((136, 19),),
        passing=(('{number: "1-512", date: 2023-06-14}', '{number: "1-512", date: 2023-06-20}'),),
    ),
    "term-cap": Case(
        failing=(
            ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2026-06-20}"),
        ),
        expect=((136, 36),),
        passing=(
            ("term: {start: 2023-06-20, years: 3}", "term: {start: 2023-06-20, end: 2026-06-19}"),
        ),
    ),
    "extension": Case(
        failing=(("term: {start: 2026-06-20, years: 3}", "term: {start: 2026-06-19, years: 3}"),),
        expect=((146, 19),),
    ),
    "revocation": Case(
        failing=(REVOKED, ("expert_commission: 2027-02-01", "expert_commission: 2027-02-15")),
        expect=((151, 33),),
        passing=(REVOKED,),
    ),
    "report-reference": Case(
        failing=(("{kind: annual, term: 1, year: 2,", "{kind: annual, term: 1, year: 3,"),),
        expect=((150, 5),),
    ),
    "report-after-period-start": Case(
        failing=(
            (
                "year: 2, submitted: 2025-07-11, agreed: 2025-07-07",
                "year: 2, submitted: 2024-06-11, agreed: 2024-06-07",
            ),
        ),
        expect=((150, 49), (150, 69)),
        passing=(
            (
                "year: 2, submitted: 2025-07-11, agreed: 2025-07-07",
                "year: 2, submitted: 2024-06-20, agreed: 2024-06-20",
            ),
        ),
    ),
    "correction": Case(
        failing=(
            (
                '"17/23", date: 2023-09-01}\n',
                '"17/23", date: 2023-09-01}\n\ncorrections:\n'
                "  - {date: 2026-09-01, pointer: /reports/5/submitted, value: 2024-07-09, "
                "reason: опечатка}\n",
            ),
        ),
        expect=((163, 33),),
        passing=(
            (
                '"17/23", date: 2023-09-01}\n',
                '"17/23", date: 2023-09-01}\n\ncorrections:\n'
                "  - {date: 2026-09-01, pointer: /reports/0/submitted, value: 2024-07-09, "
                "reason: опечатка}\n",
            ),
        ),
    ),
    "incomplete": Case(  # a draft: no application date; an empty field is one warning
        failing=(
            ("  date: 2023-04-14\n", ""),
            ("website: https://sosh5-kursk.example.ru", "website:"),
        ),
        expect=((13, 11), (16, 1)),  # the empty value; the missing date at «application:»
    ),
    "schedule-dates": Case(
        failing=(("{date: 2025-02-13, kind: internship", "{date: 2022-02-13, kind: internship"),),
        expect=((156, 12),),
    ),
}


def problems_for(make_registry: MakeRegistry, text: str, others: dict[str, str]) -> list[Problem]:
    root = make_registry({"site.yaml": text, **others})
    result = check(open_registry(root), [root / "sites" / "site.yaml"])
    return result.problems


def test_base_site_is_clean(make_registry: MakeRegistry) -> None:
    assert problems_for(make_registry, SITE_TEXT, {}) == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_where_it_should(rule: str, make_registry: MakeRegistry) -> None:
    case = CASES[rule]
    found = problems_for(make_registry, edited(SITE_TEXT, *case.failing), case.others)
    assert [(p.line, p.column) for p in found if p.rule == rule] == list(case.expect), found


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes_its_example(rule: str, make_registry: MakeRegistry) -> None:
    case = CASES[rule]
    assert problems_for(make_registry, edited(SITE_TEXT, *case.passing), case.passing_others) == []


def test_every_rule_has_cases() -> None:
    from tests.test_loader import LOADER_CASES

    documented = {row["id"] for row in rule_table() if row["source"] != "pull-request"}
    assert documented == set(CASES) | set(LOADER_CASES)
    # The pull-request rules are exercised on real git repositories in test_diff.py and
    # test_diff_hostile.py.
    pull_request = {row["id"] for row in rule_table() if row["source"] == "pull-request"}
    assert pull_request == {
        "site-deleted",
        "site-renamed",
        "site-symlink",
        "append-only",
        "id-changed",
        "review-rewritten",
        "settings-changed",
        "template-changed",
        "registry-moved",
    }


def test_every_domain_rule_documents_itself() -> None:
    from ropcli.validation.rules import RULES

    for rule_id, module in RULES.items():
        doc = module.__doc__ or ""
        assert doc.startswith(f"{rule_id} — "), rule_id
        assert "Passes" in doc and ("Fails" in doc or "Warns" in doc), rule_id
        assert module.SUMMARY and module.SEVERITY in ("error", "warning"), rule_id
