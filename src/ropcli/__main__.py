from ropcli.cli import main

main()
