"""Reference data set tables owned by the SLA app: the agreements."""

from typing import Any

from core.importing import TableSpec, register
from core.importing.registry import ImportContext, after_import
from sla.choices import AgreementStatus
from sla.models import SLAAgreement


def _one_active_per_client(row: dict[str, Any], ctx: ImportContext) -> str | None:
    if row.get("status") != AgreementStatus.ACTIVE:
        return None
    client = str(row["client_id"])
    others = [
        other_id
        for other_id, other in ctx.rows["sla_agreements"].items()
        if str(other.get("client_id")) == client and other.get("status") == AgreementStatus.ACTIVE
    ]
    stored = SLAAgreement.objects.filter(client_id=row["client_id"], status=AgreementStatus.ACTIVE)
    if len(others) > 1 or stored.exclude(pk__in=others).exists():
        return f"client {client} would have more than one active agreement"
    return None


def _dates_in_order(row: dict[str, Any], ctx: ImportContext) -> str | None:
    expiration, effective = row.get("expiration_date"), row.get("effective_date")
    if expiration is not None and effective is not None and expiration < effective:
        return "expiration_date is before effective_date"
    return None


register(
    TableSpec(
        table="sla_agreements",
        model=SLAAgreement,
        id_key="sla_id",
        order=50,
        columns=(
            "client_id",
            "tier",
            "support_coverage",
            "effective_date",
            "expiration_date",
            "status",
            "created_at",
            "updated_at",
        ),
        renames={"created_by": "created_by_id"},
        references={"client_id": "clients", "created_by_id": "users"},
        required=("client_id", "tier", "support_coverage", "effective_date", "status"),
        checks=(_dates_in_order, _one_active_per_client),
    )
)


@after_import
def _derive_incident_slas() -> None:
    """Imported incidents get their SLA due times like new ones do."""
    from incidents.models import Incident
    from sla.services.clocks import sla_refresh

    ids = list(Incident.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        sla_refresh(incidents=Incident.objects.filter(pk__in=ids[start : start + 500]))
