from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """Pages composed of several apps: home, the incident page, system status, the demo organisation."""

    name = "workspace"
    verbose_name = "Workspace"
