"""What ropcli shows and writes for people and programs: reporters of check results
(text, json, github, sarif, gitlab), terminal views and exports of the register, and
output files."""
