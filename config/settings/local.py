"""Embedded mode for one machine: SQLite, the filesystem broker, emails in var/mail."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
TRACER_SHOW_DEMO_LOGINS = env.bool("TRACER_SHOW_DEMO_LOGINS", default=True)
