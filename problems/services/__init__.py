"""Every write to problem tickets: SOPs 6-9."""

from problems.services.problems import (
    CREATE_FIELDS,
    REQUIRED,
    UPDATE_FIELDS,
    problem_actions,
    problem_create,
    problem_link_ci,
    problem_link_incident,
    problem_next_statuses,
    problem_reference_resolve,
    problem_update,
)

__all__ = [
    "CREATE_FIELDS",
    "REQUIRED",
    "UPDATE_FIELDS",
    "problem_actions",
    "problem_create",
    "problem_link_ci",
    "problem_link_incident",
    "problem_next_statuses",
    "problem_reference_resolve",
    "problem_update",
]
