from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "communications"

    def ready(self) -> None:
        from bridges import hooks as bridge_hooks
        from communications import (
            checks,  # noqa: F401  (registers the outbox lease check)
            selectors,  # noqa: F401  (registers the client contacts' scopes)
            services,
            tasks,
        )
        from communications.services.outbox import outbox_tasks_use
        from incidents import hooks as incident_hooks
        from problems import hooks as problem_hooks
        from sla import hooks as sla_hooks

        incident_hooks.escalation_created.register(services.escalation_notice_send)
        incident_hooks.command_wanted.register(services.command_request_send)
        incident_hooks.incident_changed.register(services.status_follow_incident)
        bridge_hooks.participants_added.register(services.bridge_invitations_send)
        problem_hooks.problem_incident_linked.register(services.problem_link_notice_send)
        problem_hooks.problem_status_changed.register(services.problem_resolution_notice_send)
        sla_hooks.sla_alerted.register(services.sla_alert_send)
        outbox_tasks_use(one=tasks.deliver_outbox_message, many=tasks.deliver_outbox_messages)
