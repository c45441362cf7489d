"""The problem ticket lifecycle as data: which status may follow which."""

from problems.choices import ProblemStatus

PROBLEM_TRANSITIONS: dict[str, frozenset[str]] = {
    ProblemStatus.OPEN: frozenset({ProblemStatus.INVESTIGATING, ProblemStatus.RESOLVED, ProblemStatus.CLOSED}),
    ProblemStatus.INVESTIGATING: frozenset({ProblemStatus.RESOLVED, ProblemStatus.CLOSED}),
    ProblemStatus.RESOLVED: frozenset({ProblemStatus.CLOSED, ProblemStatus.INVESTIGATING}),
    ProblemStatus.CLOSED: frozenset(),
}
"""A resolved problem reopens to investigating; closed is final."""
