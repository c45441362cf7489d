from django.apps import AppConfig


class ProblemsConfig(AppConfig):
    name = "problems"
    verbose_name = "Problem management"

    def ready(self) -> None:
        from incidents import hooks as incident_hooks
        from problems import selectors  # noqa: F401  (registers the client contacts' scopes)
        from problems.services import problem_reference_resolve

        incident_hooks.problem_lookup.provide(problem_reference_resolve)
