"""PostTrain settings: one file, every value read from the environment.

The embedded defaults run the site on a newcomer's machine (SQLite, tasks inline, e-mail to the
console). Production switches each part on with an environment variable; the README lists them.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy
from whitenoise.compress import Compressor

from posttrain.schedules import parse_weekly

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

# --- Secrets and hosts -------------------------------------------------------------------------------------
_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-with-debug-off"
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not DEBUG:
    # A production process without these would sign sessions with a public key or answer any Host.
    missing = [name for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if missing:
        raise ImproperlyConfigured(f"DEBUG is off: set {' and '.join(missing)} in the environment.")
else:
    SECRET_KEY = SECRET_KEY or _DEV_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Absolute base for links in e-mails and feeds; HTTPS-only settings follow its scheme.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.netloc:
    raise ImproperlyConfigured(f"SITE_URL must be an absolute http(s) URL, not {SITE_URL!r}.")
SITE_IS_HTTPS = _site.scheme == "https"

# --- Applications ------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "django_prose_editor",
    "anymail",
    "csp",
    "axes",
    "posttrain",
    "verticals",
    "articles",
    "newsletter",
]

MIDDLEWARE = [
    # First: a cached anonymous page is answered before anything below runs (posttrain/page_cache.py).
    "posttrain.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "posttrain.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "posttrain.middleware.SharedCacheSafetyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "posttrain.middleware.AdminImportMapCSPMiddleware",
    "posttrain.middleware.AdminQueryNulMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "posttrain.urls"
WSGI_APPLICATION = "posttrain.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "verticals.context_processors.site",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: a new PostgreSQL connection per request halves throughput.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------------------
_cache_url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
CACHES = {
    "default": env.cache_url_config(_cache_url)
    if _cache_url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "posttrain"}
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down must not mean every page is a 500: the cache then misses and rate limits let requests through.
    CACHES["default"]["BACKEND"] = "posttrain.cache_backends.DegradingRedisCache"
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="posttrain"))
# Anonymous public pages are cached this long; 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How public pages tell caches to keep them (posttrain/frontend_cache.py, public_cache_control): browsers, which no
# purge reaches, for a short while; shared caches PAGE_CACHE_SECONDS, then serving the old copy while fetching a
# new one, and for a long while when Django fails.
PAGE_BROWSER_SECONDS = env.int("PAGE_BROWSER_SECONDS", default=60)
PAGE_STALE_WHILE_REVALIDATE_SECONDS = env.int("PAGE_STALE_WHILE_REVALIDATE_SECONDS", default=60)
PAGE_STALE_IF_ERROR_SECONDS = env.int("PAGE_STALE_IF_ERROR_SECONDS", default=86400)

# Shared HTTP caches in front of the site (posttrain/frontend_cache.py): where purges by content key go,
# comma-separated: varnish://host:port, fastly://<service id>, cloudflare://<zone id>. Unset: none.
FRONTEND_CACHE_URLS = env.list("FRONTEND_CACHE_URLS", default=[])
FASTLY_API_TOKEN = env.str("FASTLY_API_TOKEN", default="")
FASTLY_API_URL = env.str("FASTLY_API_URL", default="https://api.fastly.com").rstrip("/")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
CLOUDFLARE_API_URL = env.str("CLOUDFLARE_API_URL", default="https://api.cloudflare.com/client/v4").rstrip("/")
FRONTEND_CACHE_TIMEOUT = env.float("FRONTEND_CACHE_TIMEOUT", default=5.0)  # seconds per purge request
# A failed purge is tried this often in all, the wait doubling from the base; then the pages' s-maxage bounds it.
FRONTEND_CACHE_PURGE_ATTEMPTS = env.int("FRONTEND_CACHE_PURGE_ATTEMPTS", default=6)
FRONTEND_CACHE_RETRY_BASE_SECONDS = env.float("FRONTEND_CACHE_RETRY_BASE_SECONDS", default=2.0)
# Seconds after a purge before the same keys are purged once more, for a page rendered just before the commit.
FRONTEND_CACHE_REPURGE_SECONDS = env.float("FRONTEND_CACHE_REPURGE_SECONDS", default=3.0)
# A mistyped cache URL or a missing token would silently leave stale pages: refuse to start instead.
_FRONTEND_CACHE_TOKENS = {"varnish": None, "fastly": "FASTLY_API_TOKEN", "cloudflare": "CLOUDFLARE_API_TOKEN"}
for _frontend_cache_url in FRONTEND_CACHE_URLS:
    _parts = urlsplit(_frontend_cache_url)
    if _parts.scheme not in _FRONTEND_CACHE_TOKENS or not _parts.netloc:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_URLS: {_frontend_cache_url!r} is not varnish://host:port, fastly://<service id> "
            "or cloudflare://<zone id>."
        )
    _token_setting = _FRONTEND_CACHE_TOKENS[_parts.scheme]
    if _token_setting and not globals()[_token_setting]:
        raise ImproperlyConfigured(f"FRONTEND_CACHE_URLS names {_frontend_cache_url!r}: set {_token_setting} too.")

# --- Celery ------------------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker every task runs inline in the web process, which is what a newcomer's machine needs.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A signup must not hang for long when the broker is down: the periodic sweep sends what was not queued.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task may run, or Redis hands an unacknowledged task to a second worker.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
}
EDITORIAL_DAILY_MAIL_HOUR = env.int("EDITORIAL_DAILY_MAIL_HOUR", default=7)  # in TIME_ZONE, like every beat schedule
if not 0 <= EDITORIAL_DAILY_MAIL_HOUR <= 23:
    raise ImproperlyConfigured(f"EDITORIAL_DAILY_MAIL_HOUR is {EDITORIAL_DAILY_MAIL_HOUR}: give an hour from 0 to 23.")
CELERY_BEAT_SCHEDULE = {
    "dispatch-due-campaigns": {
        "task": "newsletter.tasks.dispatch_due_campaigns",
        "schedule": env.float("NEWSLETTER_DISPATCH_SECONDS", default=60.0),
    },
    "send-unsent-confirmations": {
        "task": "newsletter.tasks.send_unsent_confirmations",
        "schedule": env.float("NEWSLETTER_SWEEP_SECONDS", default=300.0),
    },
    "send-missed-editorial-notifications": {
        "task": "articles.notification_tasks.send_missed_notifications",
        "schedule": env.float("EDITORIAL_NOTIFICATION_SWEEP_SECONDS", default=300.0),
    },
    # The review reminder and the daily summaries; a second run on the same day sends nothing new.
    "editorial-daily-mail": {
        "task": "articles.notification_tasks.daily_editorial_mail",
        "schedule": crontab(minute=0, hour=EDITORIAL_DAILY_MAIL_HOUR),
    },
    # Each run checks the addresses not checked for a day; hourly spreads a large site's links over the day.
    "check-source-links": {
        "task": "articles.tasks.check_source_links",
        "schedule": env.float("SOURCE_CHECK_SECONDS", default=3600.0),
    },
}

# --- Editorial: source health and reviews --------------------------------------------------------------------
# An article whose last review is older than this many months shows in the admin's "Needs attention" queue.
EDITORIAL_REVIEW_MONTHS = env.int("EDITORIAL_REVIEW_MONTHS", default=6)
# At most this many addresses per run of the link checker (one request per host per second keeps it slow).
SOURCE_CHECK_BATCH = env.int("SOURCE_CHECK_BATCH", default=300)
SOURCE_CHECK_TIMEOUT = env.float("SOURCE_CHECK_TIMEOUT", default=10.0)
# Only for tests and closed networks: let the link checker ask loopback and private addresses.
SOURCE_CHECK_ALLOW_PRIVATE = env.bool("SOURCE_CHECK_ALLOW_PRIVATE", default=False)
SOURCE_CHECK_USER_AGENT = env.str(
    "SOURCE_CHECK_USER_AGENT", default="PostTrain link checker (checks the sources our articles cite)"
)

# --- E-mail ------------------------------------------------------------------------------------------------
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
if not EMAIL_HOST:
    EMAIL_HOST = "localhost"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="PostTrain <newsletter@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# An e-mail service provider through django-anymail: EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in env.ENVIRON.items()
    if key.startswith("ANYMAIL_") and value
}

# --- Newsletter --------------------------------------------------------------------------------------------
NEWSLETTER_LEASE_SECONDS = env.int("NEWSLETTER_LEASE_SECONDS", default=300)
NEWSLETTER_SIGNUP_RATE = env.str("NEWSLETTER_SIGNUP_RATE", default="5/m")
NEWSLETTER_SEND_RATE = env.float("NEWSLETTER_SEND_RATE", default=0)  # messages per second; 0 = unlimited
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=500)
NEWSLETTER_LATE_HOLD_HOURS = env.int("NEWSLETTER_LATE_HOLD_HOURS", default=6)
NEWSLETTER_CONFIRM_MAX_AGE = timedelta(days=7)
NEWSLETTER_ADDRESS_RATE = env.str("NEWSLETTER_ADDRESS_RATE", default="5/h")  # signups per address, any IP
NEWSLETTER_PARALLEL_BATCHES = env.int("NEWSLETTER_PARALLEL_BATCHES", default=4)  # batch tasks per campaign at once
NEWSLETTER_TASK_SECONDS = env.int("NEWSLETTER_TASK_SECONDS", default=600)  # a batch task re-queues itself after this
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=8)  # temporary SMTP failures before "failed"
NEWSLETTER_RETRY_BASE_SECONDS = env.int("NEWSLETTER_RETRY_BASE_SECONDS", default=30)  # doubles with each attempt
NEWSLETTER_CONFIRMATION_SWEEP_AFTER = env.int("NEWSLETTER_CONFIRMATION_SWEEP_AFTER", default=120)  # seconds
# Campaigns in a row whose message was refused for now (4xx) until the retries ran out: then the address is suppressed.
NEWSLETTER_SOFT_BOUNCE_LIMIT = env.int("NEWSLETTER_SOFT_BOUNCE_LIMIT", default=3)

# --- Editorial ---------------------------------------------------------------------------------------------
PREVIEW_LINK_MAX_AGE = timedelta(days=env.int("PREVIEW_LINK_DAYS", default=7))
# The daily reminder lists the articles that have waited in review longer than this.
EDITORIAL_REVIEW_REMINDER_HOURS = env.int("EDITORIAL_REVIEW_REMINDER_HOURS", default=48)

# --- Static files and uploads ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Our own prose-editor extensions: the citation mark (static/prose/citation.js), and what the sanitiser keeps of it.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {"js": [static_lazy("prose/citation.js")], "extensions": {"Citation": html_tags(["sup"], {"sup": ["data-cite"]})}},
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
# Pixels, not bytes, are what decoding costs: 40 megapixels is a large camera's full frame.
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# The image library's renditions: the widths a <picture> offers, and the formats, best first (JPEG is the fallback
# every browser shows, so it is always made). AVIF is made only where Pillow can encode it.
IMAGE_RENDITION_WIDTHS = env.list("IMAGE_RENDITION_WIDTHS", cast=int, default=[480, 960, 1600])
IMAGE_RENDITION_FORMATS = [
    *[fmt for fmt in env.list("IMAGE_RENDITION_FORMATS", default=["avif", "webp"]) if fmt != "jpeg"], "jpeg"
]
IMAGE_JPEG_QUALITY = env.int("IMAGE_JPEG_QUALITY", default=82)
IMAGE_WEBP_QUALITY = env.int("IMAGE_WEBP_QUALITY", default=80)
IMAGE_AVIF_QUALITY = env.int("IMAGE_AVIF_QUALITY", default=60)

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Several web machines share one set of uploads through S3-compatible object storage.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    # Hashed, compressed names need collectstatic, so only processes with DEBUG off use them.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# Source maps (the prose editor ships 2 MB of them) are for developers' tools: compressing them only slows deploys.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# --- Security ----------------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = SITE_IS_HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = SITE_IS_HTTPS
CSRF_COOKIE_SECURE = SITE_IS_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SITE_IS_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SITE_IS_HTTPS
SECURE_HSTS_PRELOAD = SITE_IS_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]
PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE, not the string "'nonce'": the string went out as an invalid source and no nonce ever worked.
        "script-src": ["'self'", NONCE],
        # The admin and the prose editor set inline style attributes; no script is allowed inline.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"] + ([f"https://{env.str('AWS_S3_CUSTOM_DOMAIN')}"]
                                           if env.str("AWS_S3_CUSTOM_DOMAIN", default="") else []),
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)


def _axes_username(request, credentials):
    """The username axes records, cut to its 255-character column: the login form lets longer ones through."""
    username = credentials.get("username") if credentials else getattr(request, "data", request.POST).get("username")
    return username[:255] if isinstance(username, str) else username


AXES_USERNAME_CALLABLE = _axes_username

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Rate limiting -----------------------------------------------------------------------------------------
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "newsletter.views.rate_limited"
# The local-memory cache is per process, which is fine for one machine; production points CACHE_URL at Redis.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"] if not _cache_url else []

# --- Internationalisation ----------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
CELERY_TIMEZONE = TIME_ZONE  # beat reads the weekly digest's day and hour in the site's time zone

# --- Weekly digest -----------------------------------------------------------------------------------------
try:
    NEWSLETTER_DIGEST_SCHEDULE = parse_weekly(env.str("NEWSLETTER_DIGEST_SCHEDULE", default="mon 08:00"))
except ValueError as exc:
    raise ImproperlyConfigured(f"NEWSLETTER_DIGEST_SCHEDULE: {exc}") from None
# Off: beat prepares the digest as a draft for an editor to approve. On: it goes out as soon as it is prepared.
NEWSLETTER_DIGEST_AUTOSEND = env.bool("NEWSLETTER_DIGEST_AUTOSEND", default=False)
CELERY_BEAT_SCHEDULE["prepare-weekly-digest"] = {
    "task": "newsletter.tasks.prepare_digest",
    "schedule": crontab(
        minute=NEWSLETTER_DIGEST_SCHEDULE.minute,
        hour=NEWSLETTER_DIGEST_SCHEDULE.hour,
        day_of_week=NEWSLETTER_DIGEST_SCHEDULE.day_name,
    ),
}

# --- Logging -----------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Benchmarks --------------------------------------------------------------------------------------------
# The bench app (bench/): its data generator and the bare-Django ceiling view that `make bench` measures pages
# against. Installed only in the bench's own environment; off everywhere else.
BENCH_VIEWS = env.bool("BENCH_VIEWS", default=False)
if BENCH_VIEWS:
    INSTALLED_APPS.append("bench")
