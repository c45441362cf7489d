from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = "Incidents"

    def ready(self) -> None:
        from incidents import selectors  # noqa: F401  (registers the client contacts' scopes)
        from incidents.services.approvals import approval_subjects_register

        approval_subjects_register()
