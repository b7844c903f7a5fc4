"""Word files into the register (`ropcli import`): a school's filled application and
passport — the blank forms of `ropcli render application-form`/`passport-form`, the
documents `ropcli render application|passport` makes, or any Word file whose tables carry
the regulation's labels — read into the fields of a site file (docs/import.md).

`reading` (a .docx → labelled entries), `labels` (a label → the field it names), `values`
(text → a value of the site file's format), `rows` (rows of several fields, documents as
one reference), `compose` (entries → fields and problems), `fields` (the fields' Russian
names), `apply` (fields → a checked change of `sites/ID.yaml`). Nothing here prints or
exits.
"""
