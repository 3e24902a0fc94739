"""Imports the built-in selection methods so that their registrations run."""

from newsbrief.select import concepts, ilp, lead, learned, learned_variants, submodular, variants

__all__ = ["concepts", "ilp", "lead", "learned", "learned_variants", "submodular", "variants"]
