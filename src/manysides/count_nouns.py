"""Count nouns that say how many but not who: shared by the stages that compare figures."""

from __future__ import annotations

# Nouns naming people in general. In ``facts`` a count of them ("3,000 people") is no evidence
# that two sentences count the same thing; in ``quantity_compare`` such a subject may be the
# same people as any other subject ("two people died" / "two passengers were killed").
GENERIC_PEOPLE = frozenset({"people", "person", "individual"})
