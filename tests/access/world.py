"""One record of every kind, all belonging to client A, and one person per role (plus a contact of client B)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from core.roles import Role
from integrations.services.integrations import key_hash
from tests.accounts.factories import ClientContactFactory, ClientFactory, UserFactory
from tests.approvals.factories import ApprovalFactory
from tests.bridges.factories import BridgeFactory, ParticipantFactory
from tests.changes.factories import ChangeFactory, RollbackFactory
from tests.cmdb.factories import AssignmentFactory
from tests.communications.factories import CommunicationFactory, OutboxMessageFactory, StatusSubscriptionFactory
from tests.incidents.factories import AttachmentFactory, EscalationFactory, IncidentFactory, WorkNoteFactory
from tests.integrations.factories import AlertFactory, IntegrationFactory, WebhookFactory
from tests.oncall.factories import CalendarFeedFactory, LayerFactory, PageFactory, PolicyFactory
from tests.problems.factories import ProblemFactory
from tests.reports.factories import RCAFactory, ReportFactory, ReviewFactory
from tests.response.factories import ActionItemFactory
from tests.sla.factories import SLAAgreementFactory

STAFF_ROLES = tuple(role for role in Role.values if role != Role.CLIENT_CONTACT)
ACTORS = ("anonymous", *STAFF_ROLES, "contact", "other_contact")
"""Who tries every route: nobody signed in, each staff role, client A's contact and client B's contact."""


class World:
    def __init__(self) -> None:
        client = ClientFactory(client_name="Client A")
        self.people: dict[str, Any] = {role: UserFactory(role=role) for role in STAFF_ROLES}
        self.people["anonymous"] = None
        self.people["contact"] = ClientContactFactory(client=client)
        self.people["other_contact"] = ClientContactFactory(client=ClientFactory(client_name="Client B"))
        manager = self.people[Role.INCIDENT_MANAGER]
        ci = AssignmentFactory(client=client).ci
        incident = IncidentFactory(
            severity="P2", status="in_progress", assigned_to=manager, reported_by=self.people["contact"]
        )
        incident.ci_links.create(ci=ci)
        resolved = IncidentFactory(severity="P2", status="resolved", assigned_to=manager)
        resolved.ci_links.create(ci=ci)
        bridge = BridgeFactory(incident=incident, bridge_host=manager)
        change = ChangeFactory(incident=incident)
        self.records: dict[str, Any] = {
            "client": client,
            "user": self.people["contact"],
            "ci": ci,
            "agreement": SLAAgreementFactory(client=client),
            "incident": incident,
            "note": WorkNoteFactory(incident=incident),
            "escalation": EscalationFactory(incident=incident),
            "attachment": AttachmentFactory(
                reference_id=incident.pk, file=ContentFile(b"tail -f", name="capture.txt"), file_url=""
            ),
            "bridge": bridge,
            "participant": ParticipantFactory(bridge=bridge),
            "problem": ProblemFactory(),
            "communication": CommunicationFactory(incident=incident),
            "change": change,
            "rollback": RollbackFactory(change=ChangeFactory(status="implemented")),
            "approval": ApprovalFactory(reference_id=change.pk),
            "rca": RCAFactory(incident=resolved),
            "review": ReviewFactory(incident=resolved),
            "report": ReportFactory(incident=resolved),
            "action_item": ActionItemFactory(incident=resolved),
            "outbox": OutboxMessageFactory(status="failed"),
            "rca_incident": resolved,
            "subscription": StatusSubscriptionFactory(token="matrix-token"),
            "schedule": LayerFactory(schedule__client=client).schedule,
            "policy": PolicyFactory(),
            "page": PageFactory(incident=incident),
            "calendar": CalendarFeedFactory(token="matrix-token"),
            "integration": (integration := IntegrationFactory(client=client, key_hash=key_hash("matrix-token"))),
            "alert": AlertFactory(integration=integration, incident=incident),
            "webhook": WebhookFactory(client=client),
        }
