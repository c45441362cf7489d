from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "approvals"

    def ready(self) -> None:
        from approvals import selectors  # noqa: F401  (registers the client contacts' scopes)
