"""Reference data set tables owned by problem management."""

from core.importing import TableSpec, register
from problems.models import Problem, ProblemCI

register(
    TableSpec(
        table="problem_tickets",
        model=Problem,
        id_key="problem_id",
        order=60,
        columns=(
            "problem_number",
            "title",
            "description",
            "status",
            "category",
            "detected_at",
            "resolved_at",
            "closed_at",
            "created_at",
            "updated_at",
        ),
        renames={"reported_by": "reported_by_id", "assigned_to": "assigned_to_id"},
        references={"reported_by_id": "users", "assigned_to_id": "users"},
        required=("problem_number", "title", "description", "status", "category", "reported_by_id"),
        unique=("problem_number",),
        number=("problem_number", "PRB"),
    )
)
register(
    TableSpec(
        table="problem_configuration_items",
        model=ProblemCI,
        id_key="problem_ci_id",
        order=65,
        columns=("problem_id", "ci_id", "created_at"),
        references={"problem_id": "problem_tickets", "ci_id": "configuration_items"},
        required=("problem_id", "ci_id"),
        unique=(("problem_id", "ci_id"),),
    )
)
