"""Django settings for Fengqiao.

Everything that differs between a laptop demo and a county's production server
comes from environment variables (see the README's configuration table).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "fengqiao"
VAR_DIR = Path(os.environ.get("FENGQIAO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
# Demo mode: demo accounts and demo data may exist only when this is on.
FENGQIAO_DEMO = env_bool("FENGQIAO_DEMO", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]
CSRF_FAILURE_VIEW = "fengqiao.core.views.csrf_failure"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

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
    "drf_spectacular",
    "django_filters",
    "fengqiao.core",
    "fengqiao.audit",
    "fengqiao.regions",
    "fengqiao.accounts",
    "fengqiao.worktime",
    "fengqiao.intake",
    "fengqiao.triage",
    "fengqiao.notifications",
    "fengqiao.cases",
    "fengqiao.care",
    "fengqiao.followup",
    "fengqiao.replies",
    "fengqiao.mediation",
    "fengqiao.warning",
    "fengqiao.portal",
    "fengqiao.reports",
    "fengqiao.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fengqiao.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fengqiao.core.middleware.UnreadablePostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fengqiao.core.middleware.AbsoluteSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fengqiao.accounts.middleware.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fengqiao.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "fengqiao.config.urls"
WSGI_APPLICATION = "fengqiao.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fengqiao.core.context_processors.site",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'fengqiao.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("FENGQIAO_TEST_SQLITE_NAME") or None}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: JIT compilation costs more than it saves (a case-list count over
    # 100,000 rows spent 0.4 s compiling), so it is off for the application's sessions.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:home"  # the dashboard for leaders and center staff, else the work list
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Under the 等保 profile only: three character classes, no system names or keyboard runs, none of the last 5.
    {"NAME": "fengqiao.accounts.passwords.CharacterClassesValidator"},
    {"NAME": "fengqiao.accounts.passwords.ContextWordsValidator"},
    {"NAME": "fengqiao.accounts.passwords.PasswordHistoryValidator"},
]
# "standard" follows OWASP ASVS (length and a blocklist, no forced rotation); "dengbao" adds the GB/T 22239 level 3
# rules: character classes, change every FENGQIAO_PASSWORD_MAX_AGE_DAYS days, no reuse of the last
# FENGQIAO_PASSWORD_HISTORY passwords (docs/decisions/login-lockout-and-password-profiles.md).
FENGQIAO_PASSWORD_PROFILE = os.environ.get("FENGQIAO_PASSWORD_PROFILE", "standard").strip().lower()
FENGQIAO_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FENGQIAO_PASSWORD_MAX_AGE_DAYS", 90))
FENGQIAO_PASSWORD_HISTORY = int(os.environ.get("FENGQIAO_PASSWORD_HISTORY", 5))
# Login lockout (HTML login, admin login, API token): this many failures within the window lock the account, and
# (separately) the client address, for the cool-off counted from the last failure.
FENGQIAO_LOGIN_FAILURE_LIMIT = int(os.environ.get("FENGQIAO_LOGIN_FAILURE_LIMIT", 5))
FENGQIAO_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("FENGQIAO_LOGIN_ADDRESS_FAILURE_LIMIT", 5))
FENGQIAO_LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("FENGQIAO_LOGIN_FAILURE_WINDOW_MINUTES", 30))
FENGQIAO_LOGIN_COOLOFF_MINUTES = int(os.environ.get("FENGQIAO_LOGIN_COOLOFF_MINUTES", 30))

# Sessions: 30 idle minutes, 12 hours at most. Activity renews the session at most once a minute
# (AbsoluteSessionTimeoutMiddleware) rather than writing the session row on every request.
SESSION_COOKIE_AGE = int(os.environ.get("FENGQIAO_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = False
FENGQIAO_SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
FENGQIAO_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("FENGQIAO_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Serve straight from the app folders too, so a fresh checkout works before collectstatic.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded evidence lives outside the web root and is served only through a
# permission-checked view, as an attachment.
MEDIA_ROOT = Path(os.environ.get("FENGQIAO_MEDIA_ROOT", VAR_DIR / "media"))
FENGQIAO_MAX_UPLOAD_BYTES = int(os.environ.get("FENGQIAO_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
FENGQIAO_MAX_NARRATIVE_CHARS = 20000
# The HMAC key of the parties' phone and ID search hashes (fengqiao.core.lookup_keys); empty: derived from SECRET_KEY.
# After changing it (or SECRET_KEY while it is empty) run `manage.py party_search_hashes`.
FENGQIAO_SEARCH_KEY = os.environ.get("FENGQIAO_SEARCH_KEY", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fengqiao"}}

# List totals are cached in the shared cache until the next write (fengqiao.core.countcache);
# 0 turns that off. Only a cache shared by every server process can hold them: Redis.
FENGQIAO_COUNT_CACHE_SECONDS = int(os.environ.get("FENGQIAO_COUNT_CACHE_SECONDS", 300 if REDIS_URL else 0))

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("FENGQIAO_EAGER_TASKS", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks (celery beat): seconds between runs.
CELERY_BEAT_SCHEDULE = {
    "mediation-session-reminders": {"task": "fengqiao.mediation.session_reminders", "schedule": 60 * 60},
    "mediation-performance-overdue": {"task": "fengqiao.mediation.performance_overdue_sweep", "schedule": 24 * 60 * 60},
    "mediation-court-clocks-overdue": {"task": "fengqiao.mediation.court_clock_overdue_sweep", "schedule": 24 * 60 * 60},
    "intake-purge-idempotency-keys": {"task": "fengqiao.intake.purge_idempotency_keys", "schedule": 24 * 60 * 60},
    "notifications-requeue-stale": {"task": "fengqiao.notifications.requeue_stale_deliveries", "schedule": 15 * 60},
    "cases-supervise-overdue": {"task": "fengqiao.cases.supervise_overdue", "schedule": 30 * 60},
    "triage-retry-pending": {"task": "fengqiao.triage.triage_retry_pending", "schedule": 60},
    "warning-nightly": {"task": "fengqiao.warning.nightly", "schedule": 24 * 60 * 60},
    "reports-hotspots-scan": {"task": "fengqiao.reports.hotspots_scan", "schedule": 24 * 60 * 60},
    "reports-expire-files": {"task": "fengqiao.reports.expire_files", "schedule": 24 * 60 * 60},
    "warning-hot-issues-scan": {"task": "fengqiao.warning.hot_issues_scan", "schedule": 24 * 60 * 60},
    # coalesced upkeep (fengqiao.core.coalesce): batches are queued on change; these take up what a stopped
    # worker left
    "reports-counts-pending": {"task": "fengqiao.reports.counts_refresh_pending", "schedule": 60},
    "warning-new-cases-pending": {"task": "fengqiao.warning.new_cases_pending", "schedule": 60},
    "warning-changed-cases-pending": {"task": "fengqiao.warning.changed_cases_pending", "schedule": 60},
}
# Warning: a cluster of this many cases raises an alert; clusters hold open cases and those closed this recently.
FENGQIAO_WARNING_CLUSTER_ALERT_SIZE = int(os.environ.get("FENGQIAO_WARNING_CLUSTER_ALERT_SIZE", 5))
FENGQIAO_WARNING_CLUSTER_RECENT_DAYS = int(os.environ.get("FENGQIAO_WARNING_CLUSTER_RECENT_DAYS", 90))
# Warning: a hot issue (the daily scan) raised by this many people becomes an alert.
FENGQIAO_WARNING_HOT_ISSUE_ALERT_PEOPLE = int(os.environ.get("FENGQIAO_WARNING_HOT_ISSUE_ALERT_PEOPLE", 3))
# Reports: a generated report file is deleted this many days after it was made (the daily task
# fengqiao.reports.expire_files); the run stays listed as expired.
FENGQIAO_REPORT_KEEP_DAYS = int(os.environ.get("FENGQIAO_REPORT_KEEP_DAYS", 30))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bodies over DATA_UPLOAD_MAX_MEMORY_SIZE answer a JSON 413 on every endpoint.
    "DEFAULT_PARSER_CLASSES": ["fengqiao.core.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "fengqiao.core.api.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "fengqiao.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        # Counted per client address as fengqiao.core.ratelimit.client_address reads it (never a raw X-Forwarded-For).
        "fengqiao.core.throttling.ClientAnonRateThrottle",
        "fengqiao.core.throttling.ClientUserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("FENGQIAO_ANON_RATE", "60/minute"),
        "user": os.environ.get("FENGQIAO_USER_RATE", "100000/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fengqiao API",
    "DESCRIPTION": "枫桥 case platform REST API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("role", "kind") get distinct schema names.
    "ENUM_NAME_OVERRIDES": {
        "PartyRoleEnum": "fengqiao.cases.choices.PartyRole",
        "PartyKindEnum": "fengqiao.cases.choices.PartyKind",
        "AssignmentRoleEnum": "fengqiao.cases.choices.AssignmentRole",
        "StateKindEnum": "fengqiao.cases.choices.StateKind",
        "EventKindEnum": "fengqiao.cases.choices.EventKind",
    },
}

# Portal: submissions per client address per hour (captcha-free, rate-limited).
FENGQIAO_PORTAL_SUBMISSIONS_PER_HOUR = int(os.environ.get("FENGQIAO_PORTAL_SUBMISSIONS_PER_HOUR", 5))
FENGQIAO_PORTAL_TRACKS_PER_HOUR = int(os.environ.get("FENGQIAO_PORTAL_TRACKS_PER_HOUR", 30))
# Reverse proxies of our own in front of the application; X-Forwarded-For is ignored while this is 0. Read by
# fengqiao.core.ratelimit.client_address for the portal limits, the API throttles, the login lockout and the logs.
# (FENGQIAO_TRUSTED_PROXY_COUNT is the older name of the variable, still read.)
FENGQIAO_TRUSTED_PROXIES = int(
    os.environ.get("FENGQIAO_TRUSTED_PROXIES", os.environ.get("FENGQIAO_TRUSTED_PROXY_COUNT", 0))
)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fengqiao@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "fengqiao.core.logging.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s", "defaults": {"request_id": "-"}}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"], "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "fengqiao": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
