"""The lifecycle of a location as one explicit table: which status may follow which (issue 4).

A location may be registered in any status (an existing building enters the register 'in use'); after that, only
the transitions below are allowed. Closed is final; a rejected plan may start again as an idea.
"""

IDEA = "idea"
PLANNED = "planned"
PERMIT_APPLIED = "permit_applied"
PERMITTED = "permitted"
UNDER_CONSTRUCTION = "under_construction"
IN_USE = "in_use"
PHASING_OUT = "phasing_out"
CLOSED = "closed"
REJECTED = "rejected"

TRANSITIONS: dict[str, frozenset[str]] = {
    IDEA: frozenset({PLANNED, REJECTED}),
    PLANNED: frozenset({PERMIT_APPLIED, IDEA, REJECTED}),
    PERMIT_APPLIED: frozenset({PERMITTED, REJECTED}),
    PERMITTED: frozenset({UNDER_CONSTRUCTION, IN_USE, REJECTED}),
    UNDER_CONSTRUCTION: frozenset({IN_USE, REJECTED}),  # rejected: a build that was abandoned
    IN_USE: frozenset({PHASING_OUT, CLOSED}),
    PHASING_OUT: frozenset({IN_USE, CLOSED}),
    CLOSED: frozenset(),
    REJECTED: frozenset({IDEA}),
}
# Statuses in which a location is still to come: they carry an expected delivery date and beds (the pipeline).
PIPELINE = frozenset({IDEA, PLANNED, PERMIT_APPLIED, PERMITTED, UNDER_CONSTRUCTION})


def allowed(current: str, new: str) -> bool:
    return new == current or new in TRANSITIONS.get(current, frozenset())
