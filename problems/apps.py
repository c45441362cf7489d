from django.apps import AppConfig


class ProblemsConfig(AppConfig):
    name = "problems"
    verbose_name = "Problem management"

    def ready(self) -> None:
        from problems import selectors  # noqa: F401  (registers the client contacts' scopes)
