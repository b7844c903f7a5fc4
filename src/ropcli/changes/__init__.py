"""Checking a change of the register against a git revision (`ropcli diff --base REF`):
the register only grows, history is never rewritten."""
