"""Documents from templates (`ropcli render`, docs/render.md): Ministry order drafts, the
application, the passport, a reminder letter, the register.

`render(registry, check_result, request)` returns the files' names and bytes; the catalog
of documents is `DOCUMENTS`. Templates live in the top-level `templates/` folder (inside
the package in a wheel); `<registry>/templates/` overrides them by name.

Modules: `names` (the documents and formats, light enough for the command line to import
at start-up), `catalog` (what each document needs), `context` and `request` (what a
template sees), `render` (the library call), `environment` and `docx` (Jinja and Word),
`orders`, `letters`, `words` (the wording).
"""
