"""Production: PostgreSQL, Redis, SMTP; every secret from the environment, no embedded defaults for them.

`manage.py check --deploy` passes with these settings: HTTPS only (behind a TLS-terminating proxy that sets
X-Forwarded-Proto), HSTS, secure cookies, and a long random secret key (a default or short one stops start-up).
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import env

WEAK_SECRETS = ("change-me", "changeme", "secret", "embedded-mode", "django-insecure")


def strong_secret(value: str) -> str:
    """The secret key, refused when it is a known default, shorter than 50 characters or barely varied."""
    lowered = value.lower()
    if len(value) < 50 or len(set(value)) < 5 or any(weak in lowered for weak in WEAK_SECRETS):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be a random value of at least 50 characters (see the README, Production)."
        )
    return value


SECRET_KEY = strong_secret(env.str("DJANGO_SECRET_KEY"))
DEBUG = False
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
