"""The lifecycle of one site at a date D: terms, state, required reports (п. 4.2.5, 5.3,
6.8–6.10).

Pure arithmetic over the plain data of one schema-valid site file: no clock (D is always a
parameter), no I/O, no printing. Status is computed, never stored, so the same file
answers "what was true on D" for any D.

"Known at D" is the one rule behind every function: an event exists from its `order.date`
(or its `date` when it has no order), a report from its `submitted`, an agreement or an
expert decision from its own date. Term numbers, however, are counted over the whole
history, so term 2 stays term 2 whatever D is and report entries keep pointing at it.

* `terms` — dates, anniversaries (29 February → 1 March), the cap, events, revocation;
* `states` — the state table (revoked, active, expiring, expired, approved, rejected,
  submitted, draft);
* `reports` — required annual and final reports, their due dates and states.
"""

from .reports import (
    ReportEntry,
    ReportStatus,
    next_deadline,
    report_entries,
    required_reports,
    unrequired_report_entries,
)
from .states import SiteStatus, site_status
from .terms import (
    REPORT_STATES,
    STATES,
    TERM_EVENTS,
    Site,
    Term,
    anniversary,
    cap_end,
    event_date,
    extension_start,
    parse_date,
    revocation,
    term_end,
    terms,
)

__all__ = [
    "REPORT_STATES",
    "STATES",
    "TERM_EVENTS",
    "ReportEntry",
    "ReportStatus",
    "Site",
    "SiteStatus",
    "Term",
    "anniversary",
    "cap_end",
    "event_date",
    "extension_start",
    "next_deadline",
    "parse_date",
    "report_entries",
    "required_reports",
    "revocation",
    "site_status",
    "term_end",
    "terms",
    "unrequired_report_entries",
]
