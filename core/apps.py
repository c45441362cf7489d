from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from core import form_copies, prepared

        form_copies.install()
        connection_created.connect(prepared.plan_once, dispatch_uid="tracer_plan_once")
