from django.apps import AppConfig


class CmdbConfig(AppConfig):
    name = "cmdb"
    verbose_name = "Configuration management"

    def ready(self) -> None:
        from cmdb import selectors  # noqa: F401  (registers the client contacts' scopes)
