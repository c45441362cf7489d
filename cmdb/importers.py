"""Reference data set tables owned by the CMDB: configuration items and their client assignments."""

from cmdb.models import CIClientAssignment, ConfigurationItem
from core.importing import TableSpec, register

register(
    TableSpec(
        table="configuration_items",
        model=ConfigurationItem,
        id_key="ci_id",
        order=30,
        columns=("ci_name", "ci_type", "environment", "operational_status", "created_at", "updated_at"),
        renames={"responsible_owner": "responsible_owner_id"},
        references={"responsible_owner_id": "users"},
        required=("ci_name", "ci_type", "environment", "operational_status", "responsible_owner_id"),
    )
)


register(
    TableSpec(
        table="ci_client_assignments",
        model=CIClientAssignment,
        id_key="assignment_id",
        order=40,
        columns=("ci_id", "client_id", "created_at"),
        references={"ci_id": "configuration_items", "client_id": "clients"},
        required=("ci_id", "client_id"),
        unique=(("ci_id", "client_id"),),
    )
)
