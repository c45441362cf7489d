"""Reference data set tables owned by bridges."""

from collections import defaultdict
from typing import Any

from bridges.models import Bridge, BridgeParticipant
from core.importing import TableSpec, register
from core.importing.registry import ImportContext, as_utc


def _one_active_bridge(row: dict[str, Any], ctx: ImportContext) -> str | None:
    if row["status"] != "active":
        return None
    active = [
        other_id
        for other_id, other in ctx.rows["bridges"].items()
        if str(other.get("incident_id")) == str(row["incident_id"]) and other.get("status") == "active"
    ]
    if len(active) > 1:
        return f"incident {row['incident_id']} would have more than one active bridge"
    return None


def _left_when_rejoined(row: dict[str, Any], ctx: ImportContext) -> None:
    """Someone who joined the same bridge again later had left it then: their earlier stay ends there."""
    joins = ctx.memo.get("participant_joins")
    if joins is None:
        joins = defaultdict(list)
        for other in ctx.rows["bridge_participants"].values():
            joins[(int(other["bridge_id"]), int(other["user_id"]))].append(as_utc(other.get("joined_at")))
        ctx.memo["participant_joins"] = joins
    later = sorted(
        moment
        for moment in joins.get((row["bridge_id"], row["user_id"]), [])
        if moment is not None and row.get("joined_at") is not None and moment > row["joined_at"]
    )
    if later:
        row["left_at"] = later[0]


register(
    TableSpec(
        table="bridges",
        model=Bridge,
        id_key="bridge_id",
        order=75,
        columns=("bridge_number", "incident_id", "bridge_type", "start_time", "end_time", "status", "created_at"),
        renames={"bridge_host": "bridge_host_id"},
        references={"incident_id": "incidents", "bridge_host_id": "users"},
        required=("bridge_number", "incident_id", "bridge_type", "bridge_host_id", "status"),
        unique=("bridge_number",),
        checks=(_one_active_bridge,),
        number=("bridge_number", "BRG"),
    )
)
register(
    TableSpec(
        table="bridge_participants",
        model=BridgeParticipant,
        id_key="participant_id",
        order=76,
        columns=("bridge_id", "user_id", "role_in_bridge", "joined_at"),
        references={"bridge_id": "bridges", "user_id": "users"},
        required=("bridge_id", "user_id", "role_in_bridge"),
        derive=(_left_when_rejoined,),
    )
)
