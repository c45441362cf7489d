"""The Celery application: tasks take ids and call services; the beat schedule lives in settings."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("tracer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def refuse_a_lease_shorter_than_a_send(**kwargs: object) -> None:
    """A worker does not start when the outbox lease is shorter than a send can take (see communications.checks):
    with such a lease a slow send would be taken back and sent twice."""
    from communications.services.outbox import outbox_lease_problems

    problems = outbox_lease_problems()
    if problems:
        raise RuntimeError(" ".join(problems))


def ensure_broker_folders() -> None:
    """The filesystem broker of the embedded mode needs its folders before the first message."""
    from django.conf import settings

    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(key)
        if folder:
            os.makedirs(str(folder), exist_ok=True)
