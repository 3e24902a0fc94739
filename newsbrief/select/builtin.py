"""Imports the built-in selection methods so that their registrations run."""

from newsbrief.select import concepts, ilp, lead, learned, submodular, variants

__all__ = ["concepts", "ilp", "lead", "learned", "submodular", "variants"]
