"""``python -m newsbrief.cli``."""

from newsbrief.cli import main

if __name__ == "__main__":
    main()
