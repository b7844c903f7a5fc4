"""ropcli — the register of regional mentoring support sites of Kursk region."""

__version__ = "0.1.0"
