from django.apps import AppConfig


class BridgesConfig(AppConfig):
    name = "bridges"
    verbose_name = "Incident bridges"

    def ready(self) -> None:
        from bridges import selectors  # noqa: F401  (registers the client contacts' scopes)
