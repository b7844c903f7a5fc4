"""Presentation of lifecycle results: rich tables, the terminal timeline, CSV, iCalendar.

Views only lay out what `ropcli.register.at_date` and `ropcli.lifecycle` computed; no date
arithmetic of the regulation happens here.
"""
