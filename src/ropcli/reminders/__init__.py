"""Reminders that are sent: which letters the register owes its sites at a date D, their
text from a sandboxed template, the SMTP sending and the ledger of what was sent
(docs/reminders.md).

* `schedule` — the stages of each occasion (a report due, a term ending without an
  extension request) from the `reminders:` settings; pure arithmetic over one site at D;
* `letter` — one `email.message.EmailMessage` per site and occasion;
* `plan` — the whole register at D: what is due and not yet in the ledger;
* `ledger` — the JSON file of what was sent, written atomically;
* `mail` — the `mail:` settings and the SMTP sending, one error per message.

Nothing here prints or exits; `ropcli.cli.remind` does.
"""
