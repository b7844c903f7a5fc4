"""Checking a register: the JSON Schemas, the rules of the regulation, the whole-register
check with its cache, and the registry folder itself (discovery, settings).

Everything here records problems (`ropcli.core.problems.Problem`) and returns them; a
bad file never stops the check of the others.
"""
