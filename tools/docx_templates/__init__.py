"""The reviewable source of the built-in Word templates (`templates/*.docx`).

A development tool, not part of the installed package: ropcli fills the committed `.docx`
files; this code only makes them. See `build.py`.
"""
