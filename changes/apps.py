from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "changes"

    def ready(self) -> None:
        from changes import selectors  # noqa: F401  (registers the client contacts' scopes)
