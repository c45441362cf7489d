"""Settings shared by every deployment; each deployment value comes from the environment.

The defaults describe the embedded mode: SQLite, no broker service, emails written to a local folder.
"""

import datetime as dt
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")
VAR_DIR = Path(env.str("TRACER_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="embedded-mode-not-secret-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "cmdb",
    "sla",
    "problems",
    "incidents",
    "bridges",
    "reports",
    "communications",
    "changes",
    "approvals",
    "response",
    "oncall",
    "integrations",
    "workspace",
]

MIDDLEWARE = [
    "core.limits.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.once.OnceOnlyFormMiddleware",
    "core.idempotency.IdempotencyKeyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.UserTimezoneMiddleware",
    "core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

FORM_RENDERER = "core.form_renderer.FormRenderer"
CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "workspace.context_processors.navigation",
    "workspace.context_processors.demo_logins",
    "workspace.context_processors.saved_filters",
]
TEMPLATES = [
    {  # the project's templates (templates/): compiled to Python, looked up and written as Django's are (core.jinja)
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "pages",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "core.jinja.environment",
            "libraries": ["core.template_helpers", "incidents.queue_rows"],
            "context_processors": [*CONTEXT_PROCESSORS, "core.jinja.page_context"],
        },
    },
    {  # third parties' own templates (the API's pages)
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tracer.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
TRACER_PREPARED_STATEMENTS = env.bool("TRACER_PREPARED_STATEMENTS", default=True)
"""Statements a process keeps are planned once per persistent connection; off behind a transaction-pooling proxy."""
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server, the worker and beat read while one of them writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["throttle"] = {**CACHES["default"], "KEY_PREFIX": "throttle"}
"""API request counts (core.api.throttles): shared by every process when Redis is configured."""

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UserBackend",  # ModelBackend, with the signed-in user read by a prepared statement
    "django.contrib.auth.backends.ModelBackend",  # sessions signed in through it before stay signed in
]
SESSION_ENGINE = "core.sessions"  # Django's database sessions, read by a prepared statement
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection (django-axes): after AXES_FAILURE_LIMIT failures an account, and separately an address, is
# locked out for the cool-off time, on the login page, the admin and the token endpoint alike. An administrator
# unlocks with `manage.py axes_reset_username EMAIL` or `axes_reset_ip ADDRESS`, or in the admin (Access attempts).
AXES_FAILURE_LIMIT = env.int("TRACER_SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("TRACER_SIGNIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "core.security.signin_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_VERBOSE = False

# Headers on every answer: a Content-Security-Policy that allows only this site's own scripts and styles,
# nosniff, no framing, same-origin referrers (HSTS and secure cookies: production settings).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("TRACER_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tracer <tracer@localhost>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.PolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.FilterBackend",
        "core.api.ordering.StrictOrderingFilter",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.KeptNegotiation",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.KeysetPagination",
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttles.PerUserThrottle",
        "core.api.throttles.PerAddressThrottle",
        "core.api.throttles.PerAddressScopedThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("TRACER_API_RATE_USER", default="1200/min"),
        "anon": env.str("TRACER_API_RATE_ANONYMOUS", default="120/min"),
        "auth": env.str("TRACER_API_RATE_SIGNIN", default="20/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Tracer API",
    "DESCRIPTION": (
        "ITIL incident management and incident response. Authenticate with `Authorization: Token <key>`; "
        "errors are `{code, message, fields}`; lists use cursor pagination."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActiveInactiveEnum": "accounts.choices.UserStatus",
        "AgreementStatusEnum": "sla.choices.AgreementStatus",
        "OperationalStatusEnum": "cmdb.choices.OperationalStatus",
        "LevelEnum": "incidents.choices.Level",
        "IncidentCategoryEnum": "incidents.choices.Category",
        "ProblemCategoryEnum": "problems.choices.ProblemCategory",
        "IncidentStatusEnum": "incidents.choices.IncidentStatus",
        "ProblemStatusEnum": "problems.choices.ProblemStatus",
        "EscalationStatusEnum": "incidents.choices.EscalationStatus",
        "BridgeStatusEnum": "bridges.choices.BridgeStatus",
        "RCAStatusEnum": "reports.choices.RCAStatus",
        "ReportStatusEnum": "reports.choices.ReportStatus",
        "ReviewStatusEnum": "reports.choices.ReviewStatus",
        "DeliveryStatusEnum": "communications.choices.DeliveryStatus",
        "ChangeStatusEnum": "changes.choices.ChangeStatus",
        "RollbackStatusEnum": "changes.choices.RollbackStatus",
        "ApprovalStatusEnum": "approvals.choices.ApprovalStatus",
        "ActionStatusEnum": "response.choices.ActionStatus",
        "ApprovalReferenceTypeEnum": "approvals.choices.ReferenceType",
        "AttachmentReferenceTypeEnum": "incidents.choices.AttachmentReference",
        "ActionSourceEnum": "response.choices.ActionSource",
        "PageSourceEnum": "oncall.choices.PageSource",
        "PageStatusEnum": "oncall.choices.PageStatus",
        "TargetKindEnum": "oncall.choices.TargetKind",
        "IntegrationKindEnum": "integrations.choices.IntegrationKind",
        "AlertStatusEnum": "integrations.choices.AlertStatus",
    },
}

# Celery: the database row is the truth, the queue only speeds delivery up (see README, "Background work").
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        # A commit must not wait long for a broker that is down: the outbox sweep delivers later.
        "socket_connect_timeout": 1,
        "max_retries": 0,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "scheduler-heartbeat": {"task": "core.tasks.scheduler_heartbeat", "schedule": crontab()},
    "sla-scan": {"task": "sla.tasks.scan_sla", "schedule": crontab()},
    "outbox-sweep": {"task": "communications.tasks.sweep_outbox", "schedule": crontab()},
    "cadence-scan": {"task": "communications.tasks.remind_overdue_updates", "schedule": crontab()},
    "late-postmortems": {"task": "response.tasks.postmortem_remind_late", "schedule": crontab(minute=5)},
    "oncall-escalate": {"task": "oncall.tasks.escalate_pages", "schedule": crontab()},
}

TRACER_SLA_WARN_SHARE = env.float("TRACER_SLA_WARN_SHARE", default=0.75)
TRACER_PAGE_ACK_HOURS = env.int("TRACER_PAGE_ACK_HOURS", default=24)
"""How long the acknowledge link in a page's email works."""
TRACER_OUTBOX_MAX_ATTEMPTS = env.int("TRACER_OUTBOX_MAX_ATTEMPTS", default=8)
"""Attempts at one outbox row before it is marked failed (transient errors only; a permanent one fails at once)."""
TRACER_OUTBOX_LEASE_SECONDS = env.int("TRACER_OUTBOX_LEASE_SECONDS", default=600)
TRACER_OUTBOX_GRACE_SECONDS = env.int("TRACER_OUTBOX_GRACE_SECONDS", default=60)
TRACER_ATTACHMENT_MAX_BYTES = env.int("TRACER_ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("TRACER_BODY_MAX_BYTES", default=1024 * 1024)
"""The largest request body other than an upload (413 `too_large` above it)."""
TRACER_JSON_MAX_DEPTH = env.int("TRACER_JSON_MAX_DEPTH", default=16)
"""How deeply a JSON body may nest objects and arrays (400 `too_deep` beyond)."""
TRACER_ADDR = env.str("TRACER_ADDR", default="127.0.0.1:8000")
"""Where `make run` listens (host:port); the site URL in emails follows it unless TRACER_SITE_URL is set."""
TRACER_SITE_URL = env.str("TRACER_SITE_URL", default=f"http://{TRACER_ADDR}")
TRACER_SHOW_DEMO_LOGINS = env.bool("TRACER_SHOW_DEMO_LOGINS", default=False)
"""The sign-in page lists the demo users (embedded mode turns it on; never in production)."""
TRACER_CONTACT_SEVERITY = env.str("TRACER_CONTACT_SEVERITY", default="assessed")
"""What a client contact raises: `assessed` (the severity the criteria give) or `declared` (as they state it)."""
TRACER_CONTACT_MAJOR_INCIDENTS = env.str("TRACER_CONTACT_MAJOR_INCIDENTS", default="hand_over")
"""A P1/P2 raised by a client contact: `hand_over` (assigned to an incident manager) or `refuse`."""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
