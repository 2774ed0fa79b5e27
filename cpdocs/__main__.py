"""`python -m cpdocs` runs the command line."""

from cpdocs.cli import main

main()
