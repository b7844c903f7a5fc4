"""The open register: a static website, an Atom feed and an open dataset built from the
register at a date D (`ropcli publish`, docs/publish.md).

A library floor beside `documents`: it returns the files of the site as bytes by their
relative paths and never writes, prints or reads the clock. Only public data goes in:
sites in state `draft` never, contact phone and e-mail only with `publish: {contacts: true}`.
"""

from ropcli.publish.build import build_site

__all__ = ["build_site"]
