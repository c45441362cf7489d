from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from changes import hooks as change_hooks
        from communications import hooks as communication_hooks
        from communications.channels import channel_register
        from incidents import hooks as incident_hooks
        from integrations.services import events
        from integrations.services.webhooks import WEBHOOK_CHANNEL
        from problems import hooks as problem_hooks
        from sla import hooks as sla_hooks

        channel_register(WEBHOOK_CHANNEL)
        incident_hooks.incident_created.register(events.incident_created_event)
        incident_hooks.incident_changed.register(events.incident_changed_event)
        problem_hooks.problem_status_changed.register(events.problem_resolved_event)
        sla_hooks.sla_alerted.register(events.sla_event)
        change_hooks.change_decided.register(events.change_decided_event)
        communication_hooks.status_posted.register(events.status_posted_event)
