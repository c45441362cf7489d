from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "communications"

    def ready(self) -> None:
        from communications import selectors  # noqa: F401  (registers the client contacts' scopes)
