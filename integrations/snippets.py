"""Ready configuration for each kind of source, pointing at its receiving address."""

from __future__ import annotations

from integrations.choices import IntegrationKind


def configuration_snippet(kind: str, url: str) -> str:
    if kind == IntegrationKind.ALERTMANAGER:
        return f"""# alertmanager.yml
receivers:
  - name: tracer
    webhook_configs:
      - url: "{url}"
        send_resolved: true
        max_alerts: 100
route:
  receiver: tracer
  group_by: ["alertname", "service"]
"""
    if kind == IntegrationKind.GRAFANA:
        return f"""Grafana -> Alerting -> Contact points -> New contact point
  Integration: Webhook
  URL: {url}
  HTTP method: POST
(or provisioning, contactpoints.yaml)
apiVersion: 1
contactPoints:
  - orgId: 1
    name: tracer
    receivers:
      - uid: tracer
        type: webhook
        settings:
          url: "{url}"
          httpMethod: POST
"""
    return f"""curl -X POST -H "Content-Type: application/json" "{url}" -d '{{
  "title": "Disk almost full on db-7", "severity": "P3", "status": "firing",
  "fingerprint": "db-7-disk", "labels": {{"service": "orders-db-primary"}},
  "annotations": {{"description": "92 % used"}}, "source_url": "https://grafana.example/d/disk"
}}'
# the same with "status": "resolved" when it clears
"""
