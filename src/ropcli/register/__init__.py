"""The whole register at a date D: every site's state and required reports, from the
checked files (what `status`, `reports` and `show` print)."""
