"""A small generated demo organisation for `make run`, built through the services like real data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import client_create, user_create
from cmdb.services import ci_assign_client, ci_create
from core.actor import Actor, Source
from sla.services import sla_agreement_create

DEMO_PASSWORD = "tracer-demo-2026"
ADMIN_EMAIL = "admin@tracer.example"

STAFF = [
    ("Ada", "Okafor", "ada.okafor@tracer.example", "incident_manager", "Europe/London"),
    ("Marco", "Rossi", "marco.rossi@tracer.example", "incident_manager", "Europe/Rome"),
    ("Priya", "Nair", "priya.nair@tracer.example", "technical_support", "Asia/Kolkata"),
    ("Tom", "Becker", "tom.becker@tracer.example", "technical_support", "Europe/Berlin"),
    ("Lena", "Park", "lena.park@tracer.example", "account_manager", "America/New_York"),
    ("Grace", "Hughes", "grace.hughes@tracer.example", "executive", "America/Chicago"),
    ("Sam", "Ortiz", "sam.ortiz@tracer.example", "system_administrator", "America/Los_Angeles"),
]
CLIENTS = [
    ("Northwind Logistics", "REG100201", "enterprise", "24x7", "email", "premium"),
    ("Bluebird Health", "REG100202", "mid_market", "24x7", "portal", "standard"),
    ("Cedar & Pine Retail", "REG100203", "smb", "business_hours", "phone", "basic"),
    ("Quanta Labs", "REG100204", "startup", "on_call", "slack", "standard"),
]
CIS = [
    ("payments-api", "application", "production", "operational", (0, 1)),
    ("orders-db-primary", "database", "production", "operational", (0,)),
    ("edge-lb-eu", "network", "production", "degraded", (0, 1, 2)),
    ("patient-portal", "service", "production", "operational", (1,)),
    ("storefront-web", "application", "production", "operational", (2,)),
    ("object-store", "storage", "production", "operational", (0, 3)),
    ("ml-training-cluster", "server", "staging", "down", (3,)),
    ("ci-runners", "server", "development", "operational", ()),
]


@dataclass
class DemoLogin:
    email: str
    password: str
    created: bool


def demo_logins() -> list[tuple[str, str]]:
    """(role, email) of one demo user per role, in the order a first visitor would try them; empty when the demo
    organisation is not loaded."""
    contact = f"contact@{CLIENTS[0][0].split()[0].lower()}.example"
    emails = [ADMIN_EMAIL, *(email for _first, _last, email, _role, _tz in STAFF), contact]
    found = {user.email: user for user in User.objects.filter(email__in=emails, status="active")}
    rows: list[tuple[str, str]] = []
    roles: set[str] = set()
    for email in emails:
        user = found.get(email)
        if user is not None and user.role not in roles:
            roles.add(user.role)
            rows.append((user.get_role_display(), email))
    return rows


@transaction.atomic
def demo_data_load() -> DemoLogin:
    """Create the demo organisation once; later calls only return the login."""
    if User.objects.filter(email=ADMIN_EMAIL).exists():
        return DemoLogin(ADMIN_EMAIL, DEMO_PASSWORD, created=False)
    system = Actor.system(Source.CLI)
    admin = user_create(
        actor=system,
        email=ADMIN_EMAIL,
        first_name="Alex",
        last_name="Admin",
        role="system_administrator",
        password=DEMO_PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    staff = [
        user_create(
            actor=system, first_name=first, last_name=last, email=email, role=role, timezone=tz, password=DEMO_PASSWORD
        )
        for first, last, email, role, tz in STAFF
    ]
    as_admin = Actor(user=admin, source=Source.CLI)
    clients = []
    for name, registration, kind, coverage, channel, tier in CLIENTS:
        slug = name.split()[0].lower()
        client = client_create(
            actor=as_admin,
            client_name=name,
            registration_number=registration,
            company_type=kind,
            support_coverage=coverage,
            preferred_communication=channel,
            on_call_emails=f"oncall@{slug}.example",
        )
        sla_agreement_create(
            actor=as_admin,
            client=client,
            tier=tier,
            support_coverage=coverage,
            effective_date=timezone.now().date() - dt.timedelta(days=90),
        )
        user_create(
            actor=system,
            first_name="Contact",
            last_name=name.split()[0],
            email=f"contact@{slug}.example",
            role="client_contact",
            client=client,
            password=DEMO_PASSWORD,
        )
        clients.append(client)
    owners = [person for person in staff if person.role in {"technical_support", "system_administrator"}]
    for index, (name, kind, environment, state, depends) in enumerate(CIS):
        ci = ci_create(
            actor=as_admin,
            ci_name=name,
            ci_type=kind,
            environment=environment,
            operational_status=state,
            responsible_owner=owners[index % len(owners)],
        )
        for position in depends:
            ci_assign_client(actor=as_admin, ci=ci, client=clients[position])
    _demo_oncall(actor=as_admin, staff=staff, client=clients[0])
    _demo_incidents(admin=admin, staff=staff)
    return DemoLogin(ADMIN_EMAIL, DEMO_PASSWORD, created=True)


def _demo_oncall(*, actor: Actor, staff: list[User], client: Any) -> None:
    """A desk-wide incident-manager rota, the first client's engineer rota, and its escalation policy."""
    from oncall.services import policy_create, schedule_create

    by_role = {role: [p.pk for p in staff if p.role == role] for role in ("incident_manager", "technical_support")}
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    schedule_create(actor=actor, data={
        "name": "Incident managers", "time_zone": "Europe/London",
        "layers": [{"name": "Weekly", "rotation": "weekly", "handoff_time": "09:00", "start": str(monday),
                    "users": by_role["incident_manager"]}],
    })  # fmt: skip
    engineers = schedule_create(actor=actor, data={
        "name": f"{client.client_name} engineers", "client": client.pk, "time_zone": "Europe/Berlin",
        "layers": [{"name": "Days", "rotation": "daily", "handoff_time": "08:00", "start": str(monday),
                    "users": by_role["technical_support"]}],
    })  # fmt: skip
    policy_create(actor=actor, data={
        "name": f"{client.client_name} escalation", "clients": [client.pk], "repeats": 1,
        "steps": [{"wait_minutes": 10, "targets": [{"kind": "schedule", "schedule": engineers.pk}]},
                  {"wait_minutes": 15, "targets": [{"kind": "incident_managers"}]}],
    })  # fmt: skip


def _demo_incidents(*, admin: User, staff: list[User]) -> None:
    """A live P1 with its bridge, a P3 under way and a resolved P2, so every page has something to show."""
    from bridges.services import bridge_add_participants
    from cmdb.models import ConfigurationItem
    from incidents.services import escalation_create, incident_create, incident_transition, work_note_create

    by_email = {person.email: person for person in staff}
    manager, other_manager = by_email["ada.okafor@tracer.example"], by_email["marco.rossi@tracer.example"]
    engineer, executive = by_email["priya.nair@tracer.example"], by_email["grace.hughes@tracer.example"]
    acting = Actor(user=manager, source=Source.CLI)
    ci_ids = dict(ConfigurationItem.objects.values_list("ci_name", "pk"))
    now = timezone.now()
    outage = incident_create(
        actor=acting, title="Card payments failing for all customers", category="software", impact="critical",
        urgency="critical", reported_by=engineer.pk, assigned_to=manager.pk,
        description="payments-api returns 502 for every authorisation since the 14:05 deploy.",
        detection_time=now - dt.timedelta(minutes=25), configuration_items=[ci_ids["payments-api"]],
        assessment={"complete_outage": True, "no_workaround": True, "affected_parties_count": 2},
    )  # fmt: skip
    bridge = outage.bridges.get()
    bridge_add_participants(
        actor=acting, bridge=bridge, participants=[(engineer, "technical_support"), (executive, "executive")]
    )
    work_note_create(
        actor=Actor(user=engineer, source=Source.CLI), incident=outage, note_type="troubleshooting",
        note_text="Error rate 100% on /authorize; rollback of release 2026.11.3 prepared.",
    )  # fmt: skip
    escalation_create(
        actor=acting, incident=outage, escalated_to=executive, escalation_reason="Revenue impact across all clients."
    )
    slow = incident_create(
        actor=Actor(user=engineer, source=Source.CLI), title="Storefront search is slow", category="software",
        impact="medium", urgency="medium", reported_by=engineer.pk, assigned_to=engineer.pk,
        description="Search takes 4-6 s for some queries.", detection_time=now - dt.timedelta(hours=5),
        configuration_items=[ci_ids["storefront-web"]], assessment={"single_department": True},
    )  # fmt: skip
    incident_transition(actor=Actor(user=engineer, source=Source.CLI), incident=slow, status="in_progress")
    degraded = incident_create(
        actor=Actor(user=other_manager, source=Source.CLI), title="EU load balancer dropping 3% of requests",
        category="network", impact="high", urgency="high", reported_by=admin.pk, assigned_to=other_manager.pk,
        description="Health checks flap on two edge nodes.", detection_time=now - dt.timedelta(days=1, hours=2),
        configuration_items=[ci_ids["edge-lb-eu"]],
        assessment={"major_degradation": True, "workaround_available": True},
    )  # fmt: skip
    incident_transition(
        actor=Actor(user=other_manager, source=Source.CLI),
        incident=degraded,
        status="resolved",
        resolution_code="capacity",
        resolution_notes="Added a second replica; latency is back to normal.",
    )
    _demo_problem_and_change(manager=manager, engineer=engineer, executive=executive, slow=slow, outage=outage)


def _demo_problem_and_change(*, manager: User, engineer: User, executive: User, slow: Any, outage: Any) -> None:
    """A problem behind the slow search, and an emergency rollback-style change awaiting the executive."""
    from changes.services import change_create
    from problems.services import problem_create

    problem_create(
        actor=Actor(user=engineer, source=Source.CLI), title="Search index rebuilds starve the database",
        description="Nightly full rebuilds overlap with peak traffic in APAC.", category="database",
        reported_by=engineer.pk, assigned_to=engineer.pk, incidents=[slow.pk],
    )  # fmt: skip
    change_create(
        actor=Actor(user=manager, source=Source.CLI), title="Revert payments-api to release 2026.11.2",
        description="Emergency revert of the failing deploy.", change_type="emergency", risk_level="high",
        incident=outage.pk, approver=executive.pk,
    )  # fmt: skip
