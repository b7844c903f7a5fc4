"""`python -m ropcli`: the same command line as the `ropcli` script."""

from ropcli.cli import main

main()
