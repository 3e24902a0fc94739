"""Given names (the US census lists shipped by the ``names`` package): "Stephane Auge" is a person.

spaCy's small model calls many people organisations or places from the few words
around them ("Filippo Radicchi" ORG, "Andreas Klöden" GPE); a reader knows the
first word for a given name. The 1990 US census lists 1,219 male and 4,275 female
given names with their frequencies; a name in both lists has a gender only when
one list holds nine tenths of its frequency. Without the package nothing is a given name.
"""

from __future__ import annotations

from functools import lru_cache

# Share of a given name's census frequency that one sex must hold for the name to have a gender.
GENDER_SHARE = 0.9


@lru_cache(maxsize=1)
def _census() -> dict[str, tuple[float, float]]:
    """Given name (lower case) -> (male frequency, female frequency) in per cent; empty without the package."""
    try:
        from importlib.resources import files

        root = files("names")
        tables = [(root / f"dist.{sex}.first").read_text("ascii") for sex in ("male", "female")]
    except (ImportError, OSError, ValueError):
        return {}
    found: dict[str, list[float]] = {}
    for column, table in enumerate(tables):
        for line in table.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                found.setdefault(parts[0].lower(), [0.0, 0.0])[column] = float(parts[1])
    return {name: (male, female) for name, (male, female) in found.items()}


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name of the census lists ("Meghan", "Rodrigo"); hyphenated: its first part."""
    return word.split("-")[0].lower() in _census()


def given_name_gender(word: str) -> str | None:
    """"m" or "f" for a given name one sex holds nine tenths of (Wendy: f), else None (Jordan, unknown words)."""
    male, female = _census().get(word.split("-")[0].lower(), (0.0, 0.0))
    total = male + female
    if not total:
        return None
    if male >= GENDER_SHARE * total:
        return "m"
    if female >= GENDER_SHARE * total:
        return "f"
    return None
