from django.apps import AppConfig


class ResponseConfig(AppConfig):
    name = "response"
    verbose_name = "Response cycle"

    def ready(self) -> None:
        from incidents import hooks as incident_hooks
        from response.services.phases import phase_gates_require_for_closure

        incident_hooks.incident_closing.register(phase_gates_require_for_closure)
