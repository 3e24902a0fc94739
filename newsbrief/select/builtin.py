"""Imports the built-in selection methods so that their registrations run."""

from newsbrief.select import concepts, lead

__all__ = ["concepts", "lead"]
