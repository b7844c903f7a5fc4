"""Lifecycle arithmetic (docs/format.md): terms, status at D, required reports and their states.

Sites are built from small dicts with fixed dates; the clock is never read. The common
story: applied 2024-04-15, approved 2024-05-20, assigned by order of 2024-06-20 for three
years (term 1 = 2024-06-20..2027-06-19).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from ropcli.core.settings import Settings
from ropcli.lifecycle import (
    REPORT_STATES,
    STATES,
    ReportEntry,
    ReportStatus,
    SiteStatus,
    Term,
    anniversary,
    cap_end,
    next_deadline,
    parse_date,
    report_entries,
    required_reports,
    revocation,
    site_status,
    term_end,
    terms,
    unrequired_report_entries,
)

D = date.fromisoformat
DEFAULTS = Settings()


def assigned(order: str = "2024-06-20", start: str = "2024-06-20", **term: Any) -> dict[str, Any]:
    term = term or {"years": 3}
    return {"event": "assigned", "order": {"number": "1-456", "date": order},
            "term": {"start": start, **term}}  # fmt: skip


def extended(order: str, start: str, **term: Any) -> dict[str, Any]:
    return {"event": "extended", "order": {"number": "1-300", "date": order},
            "term": {"start": start, **term}}  # fmt: skip


def revoked(effective: str, order: str | None = None) -> dict[str, Any]:
    return {"event": "revoked", "order": {"number": "1-77", "date": order or effective},
            "date": effective, "reason": "negative_effects"}  # fmt: skip


def annual(term: int, year: int, submitted: str, agreed: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": "annual", "term": term, "year": year, "submitted": submitted}
    if agreed:
        entry["agreed"] = agreed
    return entry


def final(term: int, submitted: str) -> dict[str, Any]:
    return {"kind": "final", "term": term, "submitted": submitted}


def site(
    *history: dict[str, Any],
    reports: list[dict[str, Any]] | None = None,
    decision: str | None = "approved",
    decision_date: str = "2024-05-20",
    application: str = "2024-04-15",
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "kursk-sosh-5", "application": {"date": application}}
    if decision:
        data["review"] = {"expert_conclusion": {"date": decision_date, "decision": decision}}
    if history:
        data["history"] = list(history)
    if reports is not None:
        data["reports"] = reports
    return data


def status(data: dict[str, Any], on: str, settings: Settings = DEFAULTS) -> tuple[Any, ...]:
    s = site_status(data, settings, D(on))
    return (s.state, s.term, _iso(s.term_start), _iso(s.term_end), s.days_left)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


TERM1 = (1, "2024-06-20", "2027-06-19")

# ---------------------------------------------------------------- dates and terms


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-20", date(2024, 6, 20)),
        (date(2024, 6, 20), date(2024, 6, 20)),
        (datetime(2024, 6, 20, 13, 5), date(2024, 6, 20)),
    ],
)
def test_parse_date(value: Any, expected: date) -> None:
    assert parse_date(value) == expected
    assert type(parse_date(value)) is date


@pytest.mark.parametrize("value", ["20.06.2024", "20240620", "2024-02-30", "2024-6-20", ""])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        ("2024-06-20", 1, "2025-06-20"),
        ("2024-02-29", 1, "2025-03-01"),  # no 29 Feb in 2025: the anniversary is 1 March
        ("2024-02-29", 4, "2028-02-29"),
        ("2024-02-29", 0, "2024-02-29"),
    ],
)
def test_anniversary(start: str, years: int, expected: str) -> None:
    assert anniversary(D(start), years) == D(expected)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ({"start": "2024-02-29", "years": 3}, "2027-02-28"),
        ({"start": "2024-06-20", "years": 3}, "2027-06-19"),
        ({"start": "2024-06-20", "years": 1}, "2025-06-19"),
        ({"start": "2024-06-20", "end": "2026-12-31"}, "2026-12-31"),
        ({"start": date(2024, 6, 20), "end": date(2026, 12, 31)}, "2026-12-31"),
    ],
)
def test_term_end(term: dict[str, Any], expected: str) -> None:
    assert term_end(term) == D(expected)


def test_cap_end() -> None:
    last = cap_end(D("2024-09-01"), 3)
    assert last == D("2027-08-31")
    assert D("2027-08-31") <= last < D("2027-09-01")  # ..2027-08-31 passes, ..2027-09-01 fails
    assert cap_end(D("2024-02-29"), 3) == D("2027-02-28")
    assert cap_end(D("2024-09-01"), 2) == D("2026-08-31")


def test_terms_numbered_by_history_and_filtered_by_order_date() -> None:
    data = site(
        assigned(),
        {"event": "extension_requested", "date": "2027-03-01"},
        extended("2027-06-01", "2027-06-20", end="2029-06-19"),
    )
    first = Term(1, D("2024-06-20"), D("2027-06-19"), 0, "assigned", "1-456", D("2024-06-20"))
    second = Term(2, D("2027-06-20"), D("2029-06-19"), 2, "extended", "1-300", D("2027-06-01"))
    assert terms(data) == [first, second]
    assert terms(data, D("2027-06-01")) == [first, second]
    assert terms(data, D("2027-05-31")) == [first]
    assert terms(data, D("2024-06-19")) == []


# ---------------------------------------------------------------- status at D

BASE = site(assigned())
STATUS_TABLE = [
    # (id, site, D, (state, term, term_start, term_end, days_left))
    ("draft: application after D", BASE, "2024-04-14", ("draft", None, None, None, None)),
    ("draft: no application date", site(application=None, decision=None), "2025-01-01",  # type: ignore[arg-type]
     ("draft", None, None, None, None)),
    ("submitted on the application day", BASE, "2024-04-15", ("submitted", None, None, None, None)),
    ("submitted: decision after D", BASE, "2024-05-19", ("submitted", None, None, None, None)),
    ("approved on the decision day", BASE, "2024-05-20", ("approved", None, None, None, None)),
    ("approved: order known, term starts later",
     site(assigned("2024-06-10", "2024-07-01")), "2024-06-15",
     ("approved", None, None, None, None)),
    ("approved: order without recorded review",
     site(assigned("2024-06-10", "2024-07-01"), decision=None), "2024-06-15",
     ("approved", None, None, None, None)),
    ("rejected", site(decision="rejected"), "2024-06-01", ("rejected", None, None, None, None)),
    ("active on the first day", BASE, "2024-06-20", ("active", *TERM1, 1094)),
    ("active (ARCHITECTURE.md example)", BASE, "2025-01-15", ("active", *TERM1, 885)),
    ("active at 91 days", BASE, "2027-03-20", ("active", *TERM1, 91)),
    ("expiring at exactly 90 days", BASE, "2027-03-21", ("expiring", *TERM1, 90)),
    ("expiring, 0 days left on the last day", BASE, "2027-06-19", ("expiring", *TERM1, 0)),
    ("expired the day after", BASE, "2027-06-20", ("expired", *TERM1, None)),
    ("expired years later", BASE, "2031-01-01", ("expired", *TERM1, None)),
    ("revoked on its date", site(assigned(), revoked("2025-02-10")), "2025-02-10",
     ("revoked", *TERM1, None)),
    ("not revoked the day before", site(assigned(), revoked("2025-02-10")), "2025-02-09",
     ("active", *TERM1, 860)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "on", "expected"),
    [row[1:] for row in STATUS_TABLE],
    ids=[row[0] for row in STATUS_TABLE],
)
def test_status_table(data: dict[str, Any], on: str, expected: tuple[Any, ...]) -> None:
    assert status(data, on) == expected


def test_status_table_covers_every_state() -> None:
    assert {row[3][0] for row in STATUS_TABLE} == set(STATES)


def test_term_by_end_and_by_years_give_the_same_status() -> None:
    by_end = site(assigned(end="2027-06-19"))
    assert status(by_end, "2025-01-15") == status(BASE, "2025-01-15")


def test_dates_as_date_objects() -> None:
    data = site(assigned(order=D("2024-06-20"), start=D("2024-06-20"), years=3))  # type: ignore[arg-type]
    assert status(data, "2025-01-15") == ("active", *TERM1, 885)


CONTIGUOUS = site(assigned(), extended("2027-06-01", "2027-06-20", end="2029-06-19"))
GAP = site(assigned(), extended("2027-06-01", "2027-07-01", end="2029-06-19"))
TERM2 = (2, "2027-06-20", "2029-06-19")


@pytest.mark.parametrize(
    ("data", "on", "expected"),
    [
        # Before the extension order exists, the status ends 2027-06-19: expiring.
        (CONTIGUOUS, "2027-05-01", ("expiring", *TERM1, 49)),
        (CONTIGUOUS, "2027-05-31", ("expiring", *TERM1, 19)),
        # Once ordered, term 2 starts the next day: the status goes on, days_left stays term 1's.
        (CONTIGUOUS, "2027-06-01", ("active", *TERM1, 18)),
        (CONTIGUOUS, "2027-06-19", ("active", *TERM1, 0)),
        (CONTIGUOUS, "2027-06-20", ("active", *TERM2, 730)),
        (CONTIGUOUS, "2029-06-19", ("expiring", *TERM2, 0)),
        (CONTIGUOUS, "2029-06-20", ("expired", *TERM2, None)),
        # Term 2 starts 2027-07-01, not the day after: no chaining, and a gap.
        (GAP, "2027-06-10", ("expiring", *TERM1, 9)),
        (GAP, "2027-06-20", ("expired", *TERM1, None)),
        (GAP, "2027-06-30", ("expired", *TERM1, None)),
        (GAP, "2027-07-01", ("active", 2, "2027-07-01", "2029-06-19", 719)),
    ],
)
def test_extension(data: dict[str, Any], on: str, expected: tuple[Any, ...]) -> None:
    assert status(data, on) == expected


@pytest.mark.parametrize(
    ("data", "on", "expected"),
    [
        # Revoked during term 2: the term shown is the one revoked.
        (site(assigned(), extended("2027-06-01", "2027-06-20", end="2029-06-19"),
              revoked("2028-02-10")), "2028-03-01", ("revoked", *TERM2, None)),
        # Revoked stays revoked, even after the term would have ended.
        (site(assigned(), revoked("2025-02-10")), "2030-01-01", ("revoked", *TERM1, None)),
        # Order issued in advance: not revoked yet, but the status ends 2025-02-09.
        (site(assigned(), revoked("2025-02-10", order="2025-01-10")), "2025-01-09",
         ("active", *TERM1, 891)),
        (site(assigned(), revoked("2025-02-10", order="2025-01-10")), "2025-01-20",
         ("expiring", *TERM1, 880)),
        # Retroactive date: nothing is revoked until the order exists.
        (site(assigned(), revoked("2025-02-10", order="2025-02-15")), "2025-02-12",
         ("active", *TERM1, 857)),
        (site(assigned(), revoked("2025-02-10", order="2025-02-15")), "2025-02-15",
         ("revoked", *TERM1, None)),
    ],
)  # fmt: skip
def test_revocation_status(data: dict[str, Any], on: str, expected: tuple[Any, ...]) -> None:
    assert status(data, on) == expected


def test_revocation_lookup() -> None:
    event = revoked("2025-02-10", order="2025-01-10")
    data = site(assigned(), event)
    assert revocation(data, D("2025-01-09")) is None
    assert revocation(data, D("2025-01-10")) == (D("2025-02-10"), event)
    assert revocation(data) == (D("2025-02-10"), event)
    assert revocation(BASE) is None


@pytest.mark.parametrize(
    ("within", "on", "expected"),
    [(30, "2027-05-01", "active"), (49, "2027-05-01", "expiring"), (120, "2027-02-19", "expiring")],
)
def test_expiring_within_days_setting(within: int, on: str, expected: str) -> None:
    settings = Settings(expiring_within_days=within)
    assert site_status(BASE, settings, D(on)).state == expected
    assert site_status(BASE, DEFAULTS, D("2027-02-19")).state == "active"


def test_status_to_dict() -> None:
    assert site_status(BASE, DEFAULTS, D("2025-01-15")).to_dict() == {
        "id": "kursk-sosh-5",
        "state": "active",
        "term": 1,
        "term_start": "2024-06-20",
        "term_end": "2027-06-19",
        "days_left": 885,
    }
    as_json = json.dumps(site_status(BASE, DEFAULTS, D("2024-05-20")).to_dict())
    assert as_json == (
        '{"id": "kursk-sosh-5", "state": "approved", "term": null, '
        '"term_start": null, "term_end": null, "days_left": null}'
    )
    assert SiteStatus("x", "draft") == SiteStatus("x", "draft", None, None, None, None)


# ---------------------------------------------------------------- reports


def reports_at(
    data: dict[str, Any], on: str, settings: Settings = DEFAULTS
) -> list[tuple[Any, ...]]:
    return [
        (r.kind, r.term, r.year, _iso(r.period_start), _iso(r.period_end), _iso(r.due), r.state)
        for r in required_reports(data, settings, D(on))
    ]


A1 = ("annual", 1, 1, "2024-06-20", "2025-06-19", "2025-07-19")
A2 = ("annual", 1, 2, "2025-06-20", "2026-06-19", "2026-07-19")
F1 = ("final", 1, None, "2024-06-20", "2027-06-19", "2027-07-19")


def test_three_year_term_needs_two_annual_and_a_final() -> None:
    assert reports_at(BASE, "2024-07-01") == [
        (*A1, "upcoming"),
        (*A2, "upcoming"),
        (*F1, "upcoming"),
    ]
    assert reports_at(BASE, "2030-01-01") == [(*A1, "missing"), (*A2, "missing"), (*F1, "missing")]


@pytest.mark.parametrize(
    ("term", "expected_years"),
    [
        ({"years": 1}, []),
        ({"years": 2}, [1]),
        ({"end": "2026-12-31"}, [1, 2]),  # year 3 would end after the term
        ({"end": "2026-06-19"}, [1]),  # year 2 ends with the term: the final covers it
        ({"end": "2026-06-20"}, [1, 2]),
    ],
)
def test_annual_years_end_strictly_before_the_term(
    term: dict[str, Any], expected_years: list[int]
) -> None:
    rows = required_reports(site(assigned(**term)), DEFAULTS, D("2024-07-01"))
    assert [r.year for r in rows if r.kind == "annual"] == expected_years
    assert [r.kind for r in rows][-1] == "final"


def test_leap_day_term_years() -> None:
    rows = reports_at(site(assigned("2024-02-29", "2024-02-29", years=3)), "2024-03-01")
    assert rows == [
        ("annual", 1, 1, "2024-02-29", "2025-02-28", "2025-03-30", "upcoming"),
        ("annual", 1, 2, "2025-03-01", "2026-02-28", "2026-03-30", "upcoming"),
        ("final", 1, None, "2024-02-29", "2027-02-28", "2027-03-30", "upcoming"),
    ]


REPORT_TABLE = [
    # (id, report entries, D, (state, submitted, agreed)) for annual report (1, 1)
    ("upcoming on the period's last day", [], "2025-06-19", ("upcoming", None, None)),
    ("due the day after the period", [], "2025-06-20", ("due", None, None)),
    ("due on the due day", [], "2025-07-19", ("due", None, None)),
    ("missing the day after due", [], "2025-07-20", ("missing", None, None)),
    ("ok", [annual(1, 1, "2025-07-10", "2025-07-05")], "2025-08-01",
     ("ok", "2025-07-10", "2025-07-05")),
    ("ok when submitted on the due day", [annual(1, 1, "2025-07-19", "2025-07-19")], "2025-08-01",
     ("ok", "2025-07-19", "2025-07-19")),
    ("late", [annual(1, 1, "2025-07-20", "2025-07-15")], "2025-08-01",
     ("late", "2025-07-20", "2025-07-15")),
    ("late even without agreement", [annual(1, 1, "2025-07-20")], "2025-08-01",
     ("late", "2025-07-20", None)),
    ("unagreed", [annual(1, 1, "2025-07-10")], "2025-08-01", ("unagreed", "2025-07-10", None)),
    ("unagreed: agreement after D", [annual(1, 1, "2025-07-10", "2025-07-25")], "2025-07-20",
     ("unagreed", "2025-07-10", "2025-07-25")),
    ("ok once the agreement exists", [annual(1, 1, "2025-07-10", "2025-07-25")], "2025-07-25",
     ("ok", "2025-07-10", "2025-07-25")),
    ("submitted after D does not exist yet", [annual(1, 1, "2025-07-10", "2025-07-05")],
     "2025-07-09", ("due", None, None)),
    ("earliest entry counts (ok)",
     [annual(1, 1, "2025-08-01", "2025-07-30"), annual(1, 1, "2025-07-10", "2025-07-05")],
     "2025-09-01", ("ok", "2025-07-10", "2025-07-05")),
    ("earliest entry counts (late)",
     [annual(1, 1, "2025-07-25", "2025-07-20"), annual(1, 1, "2025-08-01", "2025-07-30")],
     "2025-09-01", ("late", "2025-07-25", "2025-07-20")),
    ("other term or year does not count", [annual(1, 2, "2025-07-10", "2025-07-05"),
     annual(2, 1, "2025-07-10", "2025-07-05"), final(1, "2025-07-10")], "2025-08-01",
     ("missing", None, None)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("entries", "on", "expected"),
    [row[1:] for row in REPORT_TABLE],
    ids=[row[0] for row in REPORT_TABLE],
)
def test_report_state_table(
    entries: list[dict[str, Any]], on: str, expected: tuple[Any, ...]
) -> None:
    first = required_reports(site(assigned(), reports=entries), DEFAULTS, D(on))[0]
    assert (first.kind, first.term, first.year) == ("annual", 1, 1)
    assert (first.state, _iso(first.submitted), _iso(first.agreed)) == expected


def test_report_state_table_covers_every_state() -> None:
    assert {row[3][0] for row in REPORT_TABLE} == set(REPORT_STATES)


def test_final_report_needs_no_agreement() -> None:
    data = site(assigned(), reports=[final(1, "2027-07-01")])
    assert reports_at(data, "2027-08-01")[-1] == (*F1, "ok")
    data = site(assigned(), reports=[final(1, "2027-07-20")])
    assert reports_at(data, "2027-08-01")[-1] == (*F1, "late")


def test_report_url_is_carried() -> None:
    entry = {**annual(1, 1, "2025-07-10", "2025-07-05"), "url": "https://example.ru/r.pdf"}
    first = required_reports(site(assigned(), reports=[entry]), DEFAULTS, D("2025-08-01"))[0]
    assert first.url == "https://example.ru/r.pdf"


def test_due_days_settings() -> None:
    settings = Settings(annual_due_days=60, final_due_days=45)
    assert reports_at(BASE, "2025-08-01", settings) == [
        ("annual", 1, 1, "2024-06-20", "2025-06-19", "2025-08-18", "due"),
        ("annual", 1, 2, "2025-06-20", "2026-06-19", "2026-08-18", "upcoming"),
        ("final", 1, None, "2024-06-20", "2027-06-19", "2027-08-03", "upcoming"),
    ]


def test_extension_reports_exist_once_ordered() -> None:
    before = reports_at(CONTIGUOUS, "2027-05-31")
    assert before == [(*A1, "missing"), (*A2, "missing"), (*F1, "upcoming")]
    assert reports_at(CONTIGUOUS, "2027-06-01") == [
        *before,
        ("annual", 2, 1, "2027-06-20", "2028-06-19", "2028-07-19", "upcoming"),
        # Term 2 ends with its year 2, so year 2 needs no annual report.
        ("final", 2, None, "2027-06-20", "2029-06-19", "2029-07-19", "upcoming"),
    ]


@pytest.mark.parametrize(
    ("effective", "expected"),
    [
        ("2025-02-10", []),
        ("2025-06-19", []),  # the period ends on R: not required
        ("2025-06-20", [("annual", 1, 1)]),
        ("2027-06-19", [("annual", 1, 1), ("annual", 1, 2)]),
        ("2027-06-20", [("annual", 1, 1), ("annual", 1, 2), ("final", 1, None)]),
    ],
)
def test_nothing_required_after_revocation(effective: str, expected: list[tuple[Any, ...]]) -> None:
    rows = required_reports(site(assigned(), revoked(effective)), DEFAULTS, D("2030-01-01"))
    assert [(r.kind, r.term, r.year) for r in rows] == expected


def test_revocation_unknown_at_d_does_not_cut_reports() -> None:
    data = site(assigned(), revoked("2025-02-10"))
    assert [r.kind for r in required_reports(data, DEFAULTS, D("2025-02-09"))] == [
        "annual",
        "annual",
        "final",
    ]


def test_reports_to_dict() -> None:
    row = required_reports(BASE, DEFAULTS, D("2025-08-01"))[0]
    assert row.to_dict() == {
        "site": "kursk-sosh-5",
        "kind": "annual",
        "term": 1,
        "year": 1,
        "period_end": "2025-06-19",
        "due": "2025-07-19",
        "state": "missing",
        "submitted": None,
        "agreed": None,
    }
    data = site(assigned(), reports=[final(1, "2027-07-01")])
    final_row = required_reports(data, DEFAULTS, D("2027-08-01"))[-1]
    assert json.dumps(final_row.to_dict()) == (
        '{"site": "kursk-sosh-5", "kind": "final", "term": 1, "year": null, '
        '"period_end": "2027-06-19", "due": "2027-07-19", "state": "ok", '
        '"submitted": "2027-07-01", "agreed": null}'
    )
    assert isinstance(final_row, ReportStatus)


def test_report_entries_list_interim_and_respect_d() -> None:
    entries = [
        {"kind": "interim", "term": 1, "submitted": "2024-12-20", "url": "https://e.ru/i"},
        annual(1, 1, "2025-07-10", "2025-07-05"),
    ]
    data = site(assigned(), reports=entries)
    interim = ReportEntry(0, "interim", 1, None, D("2024-12-20"), None, "https://e.ru/i")
    assert report_entries(data, D("2025-01-01")) == [interim]
    assert [e.index for e in report_entries(data)] == [0, 1]
    # Interim entries are never required.
    assert {r.kind for r in required_reports(data, DEFAULTS, D("2030-01-01"))} == {
        "annual",
        "final",
    }


def test_unrequired_report_entries() -> None:
    entries = [
        annual(1, 1, "2025-07-10", "2025-07-05"),  # 0 required
        annual(1, 3, "2027-07-10"),  # 1 year 3 is the term's last: the final covers it
        final(2, "2027-07-10"),  # 2 there is no term 2
        {"kind": "interim", "term": 1, "submitted": "2025-01-10"},  # 3 never required, fine
        final(1, "2027-07-10"),  # 4 required
    ]
    assert unrequired_report_entries(site(assigned(), reports=entries), DEFAULTS) == [1, 2]
    cut = site(assigned(), revoked("2026-01-10"), reports=entries)
    assert unrequired_report_entries(cut, DEFAULTS) == [1, 2, 4]
    assert unrequired_report_entries(BASE, DEFAULTS) == []


@pytest.mark.parametrize(
    ("entries", "on", "expected"),
    [
        ([], "2025-07-01", ("annual", 1, "2025-07-19")),
        ([], "2025-07-19", ("annual", 1, "2025-07-19")),
        ([], "2025-07-20", ("annual", 2, "2026-07-19")),  # year 1 is missing: past its due
        ([annual(1, 1, "2025-07-10")], "2025-07-15", ("annual", 2, "2026-07-19")),
        ([annual(1, 1, "2025-07-10")], "2025-07-09", ("annual", 1, "2025-07-19")),
        ([], "2026-08-01", ("final", None, "2027-07-19")),
        ([], "2027-07-20", None),
    ],
)
def test_next_deadline(
    entries: list[dict[str, Any]], on: str, expected: tuple[Any, ...] | None
) -> None:
    found = next_deadline(site(assigned(), reports=entries), DEFAULTS, D(on))
    assert (found and (found.kind, found.year, found.due.isoformat())) == expected


def test_extension_starts_the_next_day_or_on_a_later_order() -> None:
    from ropcli.lifecycle import extension_start

    assert extension_start(date(2026, 6, 19), date(2026, 6, 5)) == date(2026, 6, 20)
    assert extension_start(date(2026, 9, 30), date(2026, 12, 1)) == date(2026, 12, 1)
