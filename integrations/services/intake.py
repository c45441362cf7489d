"""Alert intake: a delivery is read whole before anything is written, then each alert is new (it may open an
incident or join its group's), a repeat (one row update), or a resolution (noted on its incident, which may then
resolve). Intake for one integration runs one delivery at a time (a row lock on the integration), so concurrent
deliveries of one alert make one alert and at most one incident."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone

from cmdb.models import ConfigurationItem
from core.actor import Actor, Source
from core.errors import DomainError
from core.prepared import fetch_one
from incidents.choices import IncidentStatus, ResolutionCode
from incidents.models import Incident
from incidents.services import incident_create, incident_transition
from incidents.services.notes import work_note_add
from integrations.choices import AlertStatus
from integrations.models import Alert, Integration
from integrations.payloads import Incoming, incoming_alerts
from integrations.rules import severity_of, title_of
from oncall.choices import PageSource
from oncall.services import page_trigger

OPEN = (IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS, IncidentStatus.MONITORING)
LEVELS = {"P1": "critical", "P2": "high", "P3": "medium", "P4": "low"}
"""The impact and urgency an alert's incident gets from its severity."""


@dataclass
class IntakeResult:
    received: int = 0
    new: int = 0
    repeats: int = 0
    resolved: int = 0
    incidents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"received": self.received, "new": self.new, "repeats": self.repeats, "resolved": self.resolved,
                "incidents": sorted(set(self.incidents))}  # fmt: skip


def alerts_receive(*, integration: Integration, payload: Any) -> IntakeResult:
    """Take one delivery of `integration`'s native payload."""
    alerts = incoming_alerts(integration.kind, payload)  # refused whole before anything is written
    result = IntakeResult(received=len(alerts))
    now = timezone.now()
    if len(alerts) == 1 and _settled(integration, alerts[0], now, result):
        return result  # one statement, committed on its own: a flood, or a storm joining its group's incident
    with transaction.atomic():
        rest = [item for item in alerts if not _settled(integration, item, now, result)]
        if rest:
            integration = Integration.objects.select_for_update().get(pk=integration.pk)
            actor = Actor.system(Source.ALERT)
            known = {  # the delivery's alerts already seen, read once rather than once per alert
                alert.fingerprint: alert
                for alert in Alert.objects.filter(
                    integration=integration, fingerprint__in={i.fingerprint for i in rest}
                )
            }
            for item in rest:
                known[item.fingerprint] = _take(integration, known.get(item.fingerprint), item, actor, now, result)
    return result


def _settled(integration: Integration, item: Incoming, now: dt.datetime, result: IntakeResult) -> bool:
    """A firing alert taken without the lock, when it can be: a repeat of an alert that has its incident (one row
    update, so that a flood of one fingerprint costs one row update per delivery), or a new alert of a group whose
    incident is open (inserted already attached to it). Anything else goes the locked way."""
    if item.status != AlertStatus.FIRING:
        return False
    window = dt.timedelta(minutes=integration.rules.get("group_window_minutes", 30))
    labels, annotations = _json(item.labels), _json(item.annotations)
    at, since = _stamp(now), _stamp(now - window)
    bump: list[Any] = [at, integration.pk, item.fingerprint, AlertStatus.FIRING]
    join: list[Any] = [integration.pk, item.fingerprint, item.group_key, AlertStatus.FIRING, item.title,
            severity_of(integration.rules, item.labels, item.severity), labels, annotations, item.source_url, at,
            at, integration.pk, item.group_key, since, *OPEN]  # fmt: skip
    if item.group_key and _one_statement():  # planned once per connection: planning it cost four times its run
        repeats, joined = fetch_one("tracer_alert_settle", SETTLE_SQL, [*bump, *join])
    else:
        repeats, joined = _settled_in_two(bump, join, item.group_key)
    if repeats:
        result.repeats += 1
        return True
    if joined is None:  # no open incident in its group, or a fingerprint seen before: the locked way decides
        return False
    result.new += 1
    result.incidents.append(joined)
    return True


def _settled_in_two(bump: list[Any], join: list[Any], group_key: str) -> tuple[int, str | None]:
    """The repeat, or else the join, in two statements (elsewhere than on PostgreSQL, or for an alert of no group)."""
    with connection.cursor() as cursor:  # the hot paths of a storm: fixed-shape statements, no ORM building
        cursor.execute(REPEAT_SQL, bump)
        repeats, joined = cursor.rowcount, None
        if not repeats and group_key:
            cursor.execute(JOIN_SQL.format(unless_repeated=""), join)
            joined = (cursor.fetchone() or [None])[0]
    return repeats, joined


def _one_statement() -> bool:
    """PostgreSQL takes the repeat and the join in one statement (data-modifying WITH); others in two."""
    return connection.vendor == "postgresql"


def _stamp(moment: dt.datetime) -> Any:
    """A time as the database stores it (SQLite keeps UTC text), for the statements written by hand."""
    return connection.ops.adapt_datetimefield_value(moment)


def _json(value: Any) -> Any:
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return json.dumps(value)


ALERTS, INCIDENTS = Alert._meta.db_table, Incident._meta.db_table
RECENT_PEERS = 20
REPEAT_SQL = (
    f"UPDATE {ALERTS} SET count = count + 1, last_seen = %s "
    "WHERE integration_id = %s AND fingerprint = %s AND status = %s AND incident_id IS NOT NULL"
)
"""The same as `Alert.objects.filter(...).update(count=F("count") + 1, last_seen=now)`, written once."""

PEERS_SQL = (
    f"SELECT incident_id, last_seen FROM {ALERTS} WHERE integration_id = %s AND group_key = %s AND group_key <> '' "
    "AND last_seen >= %s ORDER BY last_seen DESC"
)
"""The group rule, written once: the alerts of the same integration and group key, seen within the window, newest
first. A new alert joins the open incident of the newest of them that has one."""

JOIN_SQL = (
    f"INSERT INTO {ALERTS} (integration_id, fingerprint, group_key, status, title, severity, labels, annotations, "
    "source_url, count, first_seen, last_seen, incident_id) "
    "SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, %s, peer.incident_id "
    f"FROM ({PEERS_SQL} LIMIT {RECENT_PEERS}) peer JOIN {INCIDENTS} incident ON incident.id = peer.incident_id "
    "WHERE {unless_repeated} incident.status IN (%s, %s, %s) ORDER BY peer.last_seen DESC LIMIT 1 "
    "ON CONFLICT (integration_id, fingerprint) DO NOTHING "
    f"RETURNING (SELECT incident_number FROM {INCIDENTS} WHERE id = incident_id)"
)
"""A new firing alert of a group whose incident is open (one of the group's latest peers, seen within the window),
inserted attached to that incident; nothing when those peers have no open incident or the fingerprint is known
(then the locked way, which looks at every peer). The latest peers are read newest first from the group index,
however many the group holds and whatever the planner believes of them."""

SETTLE_SQL = (
    f"WITH repeated AS ({REPEAT_SQL} RETURNING 1), "
    f"joined AS ({JOIN_SQL.format(unless_repeated='NOT EXISTS (SELECT 1 FROM repeated) AND')}) "
    "SELECT (SELECT count(*) FROM repeated), (SELECT * FROM joined)"
)
"""Both in one round trip: the repeat, or else the join."""


def _take(
    integration: Integration,
    alert: Alert | None,
    item: Incoming,
    actor: Actor,
    now: dt.datetime,
    result: IntakeResult,
) -> Alert:
    """One alert of the delivery (`alert`: its row, when seen before); the row as it now stands."""
    if alert is None:
        alert = Alert.objects.create(
            integration=integration, fingerprint=item.fingerprint, group_key=item.group_key, status=item.status,
            title=item.title, severity=severity_of(integration.rules, item.labels, item.severity),
            labels=item.labels, annotations=item.annotations, source_url=item.source_url, first_seen=now,
            last_seen=now, resolved_at=now if item.status == AlertStatus.RESOLVED else None,
        )  # fmt: skip
        result.new += 1
        if item.status == AlertStatus.FIRING:
            _incident_for(integration, alert, actor, now, result)
        return alert
    if item.status == alert.status == AlertStatus.FIRING and alert.incident_id is not None:
        Alert.objects.filter(pk=alert.pk).update(count=F("count") + 1, last_seen=now)  # a repeat: one row update
        result.repeats += 1
        return alert
    Alert.objects.filter(pk=alert.pk).update(
        count=F("count") + 1, last_seen=now, status=item.status,
        resolved_at=now if item.status == AlertStatus.RESOLVED else None,
    )  # fmt: skip
    alert.refresh_from_db()
    if item.status == AlertStatus.RESOLVED:
        result.resolved += 1
        if alert.incident is not None and alert.resolved_at == now:
            _resolution_noted(integration, alert, actor, result)
        return alert
    open_incident = alert.incident is not None and alert.incident.status in OPEN
    if not open_incident:  # fired again after its incident was resolved: a new occurrence
        _incident_for(integration, alert, actor, now, result)
    else:
        result.repeats += 1
    return alert


def _incident_for(integration: Integration, alert: Alert, actor: Actor, now: dt.datetime, result: IntakeResult) -> None:
    """Join the open incident of the alert's group (within the window), or open one by the rules."""
    window = dt.timedelta(minutes=integration.rules.get("group_window_minutes", 30))
    joined = None
    if alert.group_key:
        newest_open = RawSQL(  # every peer in the window, by the group rule; the newest with an open incident
            f"SELECT peer.incident_id FROM ({PEERS_SQL}) peer JOIN {INCIDENTS} incident "
            "ON incident.id = peer.incident_id WHERE incident.status IN (%s, %s, %s) "
            "ORDER BY peer.last_seen DESC LIMIT 1",
            [integration.pk, alert.group_key, _stamp(now - window), *OPEN],
        )
        joined = Incident.objects.filter(pk=newest_open).first()
    if joined is not None:  # listed on the incident's Alerts card; no timeline note each, a storm would bury it
        Alert.objects.filter(pk=alert.pk).update(incident=joined)
        alert.incident = joined
        result.incidents.append(joined.incident_number)
        return
    rules = integration.rules
    ci = ConfigurationItem.objects.filter(ci_name=alert.labels.get(rules.get("ci_label", ""), "")).first()
    description = "\n".join(
        line for line in (alert.annotations.get("description", ""), alert.annotations.get("summary", ""),
                          f"Source: {alert.source_url}" if alert.source_url else "",
                          f"Raised by {integration.name} ({integration.get_kind_display()}).") if line
    )  # fmt: skip
    severity = alert.severity or rules.get("default_severity", "P3")
    incident = incident_create(
        actor=actor, title=title_of(rules, alert.labels, alert.annotations, alert.title), description=description,
        category="software", impact=LEVELS[severity], urgency=LEVELS[severity], severity=severity,
        reported_by=integration.created_by_id, detection_time=alert.first_seen,
        configuration_items=[ci.pk] if ci else [],
    )  # fmt: skip
    Alert.objects.filter(pk=alert.pk).update(incident=incident)
    alert.incident = incident
    result.incidents.append(incident.incident_number)
    if integration.policy is not None:
        page_trigger(actor=actor, policy=integration.policy, source=PageSource.ALERT, incident=incident,
                     summary=f"{incident.incident_number} {severity} from {integration.name}: {incident.title}",
                     key=f"alert:{alert.pk}:{incident.pk}")  # fmt: skip


def _resolution_noted(integration: Integration, alert: Alert, actor: Actor, result: IntakeResult) -> None:
    """On the incident's timeline; and, when the integration says so and no alert of it still fires, resolved."""
    incident: Incident = alert.incident  # type: ignore[assignment]
    work_note_add(actor=actor, incident=incident, text=f"Alert resolved at the source: {alert.title}")
    result.incidents.append(incident.incident_number)
    if not integration.auto_resolve or incident.status not in OPEN:
        return
    if Alert.objects.filter(incident=incident, status=AlertStatus.FIRING).exists():
        return
    try:
        with transaction.atomic():
            incident_transition(
                actor=actor, incident=incident, status=IncidentStatus.RESOLVED,
                resolution_code=ResolutionCode.SELF_RECOVERED,
                resolution_notes=f"Every alert of this incident was resolved at the source ({integration.name}).",
            )  # fmt: skip
    except DomainError as refusal:  # the rule book holds (a gate, an approval): a note instead of a resolution
        work_note_add(actor=actor, incident=incident, text=f"Not resolved automatically: {refusal.message}")
