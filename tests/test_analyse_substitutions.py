"""Near-copies that put another name in one place (analyse/substitutions.py): what a capital does not tell."""

from __future__ import annotations

from newsbrief.analyse.agreement import Unit
from newsbrief.analyse.substitutions import substitution_conflicts


def test_substitutions_a_headline_in_title_case_names_nothing_by_its_capitals():
    opens, ends = "Seminar on Solar Energy Opens in Yaounde", "Seminar on Solar Energy Ends in Yaounde"
    units = [Unit(1, 0, 0, len(opens), opens), Unit(2, 0, 0, len(ends), ends)]
    assert substitution_conflicts(units, [(0, 1, 0.9)], None) == []
    held = [Unit(1, 0, 0, 0, "The seminar on solar energy opened in Yaounde on Monday, officials said."),
            Unit(2, 0, 0, 0, "The seminar on solar energy opened in Douala on Monday, officials said.")]
    assert [c.second_value for _, c in substitution_conflicts(held, [(0, 1, 0.9)], None)] == ["Douala"]
