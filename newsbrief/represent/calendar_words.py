"""The names of the months and weekdays as news writes them.

Many readers need them: the date finders read them as dates, and the name readers leave them out
of names ("Sept." is no party, "Monday" no place). One list, so that they all leave out the same words.
"""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# The short forms a wire story writes before a day ("Sept. 24"); May has none.
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Every calendar word, capitalised as written.
CALENDAR_NAMES = frozenset(MONTHS + MONTH_SHORT + WEEKDAYS)
