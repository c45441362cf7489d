from django.apps import AppConfig


class BridgesConfig(AppConfig):
    name = "bridges"
    verbose_name = "Incident bridges"

    def ready(self) -> None:
        from approvals.choices import ReferenceType
        from approvals.hooks import ApprovalSubject, approval_subject_register
        from bridges import selectors  # noqa: F401  (registers the client contacts' scopes)
        from bridges.choices import BridgeStatus
        from bridges.models import Bridge
        from bridges.services import (
            bridge_close_with_incident,
            bridge_closing_check,
            bridge_open_for_new_major_incident,
            bridge_open_for_raised_severity,
        )
        from incidents import hooks as incident_hooks

        incident_hooks.incident_created.register(bridge_open_for_new_major_incident)
        incident_hooks.incident_changed.register(bridge_open_for_raised_severity)
        incident_hooks.incident_closing.register(bridge_closing_check)
        incident_hooks.incident_changed.register(bridge_close_with_incident)
        approval_subject_register(
            ApprovalSubject(
                reference_type=ReferenceType.BRIDGE, model=Bridge, awaiting=frozenset({BridgeStatus.ACTIVE})
            )
        )
