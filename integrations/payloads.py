"""The native payloads of each kind of source, read into one shape: Alertmanager's webhook (version 4, grouped
alerts), Grafana's unified alerting webhook, and Tracer's generic JSON. Anything else is refused with the field
that is wrong."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import InvalidInput
from integrations.choices import AlertStatus, IntegrationKind

MAX_ALERTS = 500
"""The most alerts one delivery may carry (Alertmanager's `max_alerts` should stay below it)."""


@dataclass(frozen=True)
class Incoming:
    fingerprint: str
    status: str
    title: str
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    source_url: str = ""
    group_key: str = ""
    severity: str = ""
    """A severity the source states (the generic kind); otherwise the integration's rules decide."""


def _refuse(field_name: str, message: str) -> InvalidInput:
    return InvalidInput(f"The payload is malformed: {message}", code="invalid_payload", fields={field_name: message})


def _strings(value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise _refuse(name, "an object of strings.")
    return {key: str(item) for key, item in value.items()}


def _status(value: Any, name: str) -> str:
    if value not in AlertStatus.values:
        raise _refuse(name, 'either "firing" or "resolved".')
    return str(value)


def derived_fingerprint(labels: Mapping[str, str]) -> str:
    """A fingerprint from the labels alone (sorted), when the source gives none."""
    return hashlib.sha256(json.dumps(dict(sorted(labels.items()))).encode()).hexdigest()[:32]


def _grouped(payload: Mapping[str, Any]) -> list[Incoming]:
    """Alertmanager (version 4) and Grafana share the grouped shape: a group key and a list of alerts."""
    alerts = payload.get("alerts")
    if not isinstance(alerts, list) or not alerts:
        raise _refuse("alerts", "a non-empty list.")
    if len(alerts) > MAX_ALERTS:
        raise _refuse("alerts", f"at most {MAX_ALERTS} per delivery.")
    group = str(payload.get("groupKey") or "")[:300]
    found = []
    for index, alert in enumerate(alerts):
        if not isinstance(alert, Mapping):
            raise _refuse(f"alerts[{index}]", "an object.")
        labels = _strings(alert.get("labels"), f"alerts[{index}].labels")
        annotations = _strings(alert.get("annotations"), f"alerts[{index}].annotations")
        fingerprint = alert.get("fingerprint")
        if fingerprint is not None and (not isinstance(fingerprint, str) or not 0 < len(fingerprint) <= 128):
            raise _refuse(f"alerts[{index}].fingerprint", "a string of up to 128 characters.")
        title = annotations.get("summary") or labels.get("alertname") or "Alert"
        found.append(
            Incoming(
                fingerprint=fingerprint or derived_fingerprint(labels),
                status=_status(alert.get("status"), f"alerts[{index}].status"),
                title=title[:300], labels=labels, annotations=annotations,
                source_url=str(alert.get("generatorURL") or "")[:1000], group_key=group,
            )
        )  # fmt: skip
    return found


def _generic(payload: Mapping[str, Any]) -> list[Incoming]:
    title = payload.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _refuse("title", "a non-empty string.")
    labels = _strings(payload.get("labels"), "labels")
    severity = payload.get("severity", "")
    if severity not in ("", "P1", "P2", "P3", "P4"):
        raise _refuse("severity", "one of P1, P2, P3, P4.")
    fingerprint = payload.get("fingerprint")
    if fingerprint is not None and (not isinstance(fingerprint, str) or not 0 < len(fingerprint) <= 128):
        raise _refuse("fingerprint", "a string of up to 128 characters.")
    return [
        Incoming(
            fingerprint=fingerprint or derived_fingerprint({**labels, "title": title}),
            status=_status(payload.get("status", AlertStatus.FIRING), "status"),
            title=title.strip()[:300], labels=labels, annotations=_strings(payload.get("annotations"), "annotations"),
            source_url=str(payload.get("source_url") or "")[:1000], group_key=str(payload.get("group") or "")[:300],
            severity=severity,
        )
    ]  # fmt: skip


def incoming_alerts(kind: str, payload: Any) -> list[Incoming]:
    """The alerts a delivery carries, in the shape of every kind."""
    if not isinstance(payload, Mapping):
        raise _refuse("body", "a JSON object.")
    if kind == IntegrationKind.ALERTMANAGER and str(payload.get("version", "4")) != "4":
        raise _refuse("version", 'Alertmanager webhook version "4".')
    return _generic(payload) if kind == IntegrationKind.GENERIC else _grouped(payload)
