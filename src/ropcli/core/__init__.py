"""The bottom floor: what every other part of ropcli speaks.

Problems and exit codes, dates and their Russian forms, the vocabularies and their labels,
registry settings, where the built-in data lives, text made safe to print, the Jinja
sandbox for templates, and the few questions asked of git. Nothing here imports another
part of ropcli.
"""
