"""``python -m newsbrief.cli``."""

from newsbrief.cli import main

main()
