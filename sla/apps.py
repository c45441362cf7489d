from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "sla"
    verbose_name = "Service level agreements"

    def ready(self) -> None:
        from incidents import hooks as incident_hooks
        from sla import selectors  # noqa: F401  (registers the client contacts' scopes)
        from sla.services import sla_follow_incident

        incident_hooks.incident_created.register(sla_follow_incident)
        incident_hooks.incident_changed.register(sla_follow_incident)
