from django.apps import AppConfig


class OncallConfig(AppConfig):
    name = "oncall"
    verbose_name = "On-call"

    def ready(self) -> None:
        from incidents import hooks as incident_hooks
        from oncall.services import triggers
        from sla import hooks as sla_hooks

        sla_hooks.sla_alert_paged.provide(triggers.sla_alert_page)
        incident_hooks.incident_created.register(triggers.major_incident_page)
        incident_hooks.command_wanted.register(triggers.command_wanted_page)
        incident_hooks.incident_manager_on_call.provide(triggers.incident_manager_on_call)
