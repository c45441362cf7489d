"""The test settings on the bench database, with the baselines' routes added in front of the application's."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "benchmarks.server.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405  # as in production: a worker keeps its connection
