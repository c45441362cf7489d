from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "sla"
    verbose_name = "Service level agreements"

    def ready(self) -> None:
        from sla import selectors  # noqa: F401  (registers the client contacts' scopes)
