# long: the one settings module, every WENKU_* variable in one place (README "Configuration")
"""Wenku's one settings module: everything an operator may change is a WENKU_* variable.

See README.md ("Configuration") for the list. The embedded default keeps all state under
WENKU_DATA_DIR: SQLite database, uploaded originals, previews, task queue and caches.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from wenku import env

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.data_dir()

SECRET_KEY = env.secret_key(DATA_DIR)
DEBUG = env.get_bool("DEBUG", False)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env.get_str("SITE_NAME", "文库")
SITE_URL = env.get_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "wenku.accounts",
    "wenku.library",
    "wenku.conversion",
    "wenku.collections",
    "wenku.search",
    "wenku.wallet",
    "wenku.quality",
    "wenku.moderation",
    "wenku.reviews",
    "wenku.publishing",
    "wenku.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the shared cache, before any session or CSRF work.
    "wenku.web.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wenku.web.middleware.SiteLanguageMiddleware",  # Chinese unless the visitor switches
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wenku.web.middleware.RefusalMiddleware",  # a refusal raised by a service: a readable page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wenku.urls"
WSGI_APPLICATION = "wenku.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wenku.web.context.site",
            ],
        },
    },
]

# --- Database: SQLite in WAL mode by default, PostgreSQL by WENKU_DATABASE_URL. ---
DATABASES = {
    "default": dj_database_url.parse(
        env.get_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'wenku.sqlite3'}"),
        conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE transactions take
    # the write lock up front, so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# The member's row from memory (versioned); ModelBackend for sessions signed in before it.
AUTHENTICATION_BACKENDS = [
    "wenku.accounts.backends.CachedModelBackend", "django.contrib.auth.backends.ModelBackend"
]
# Sessions read from the cache first (one query less on every member's page), kept in the
# database so a cache flush logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language: Simplified Chinese by default, English available. ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.get_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Files: local disk under the data directory by default. ---
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # never served directly: previews go through an access check.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# WENKU_STORAGE=s3: originals and previews in S3-compatible object storage (django-storages).
WENKU_STORAGE = env.get_str("STORAGE", "local")
if WENKU_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.get_str("S3_BUCKET", "wenku"),
            "endpoint_url": env.get_str("S3_ENDPOINT_URL") or None,
            "region_name": env.get_str("S3_REGION") or None,
            "access_key": env.get_str("S3_ACCESS_KEY") or None,
            "secret_key": env.get_str("S3_SECRET_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,  # nothing is public: previews go through access checks
            "file_overwrite": True,
        },
    }
elif WENKU_STORAGE != "local":
    raise ValueError("WENKU_STORAGE must be 'local' or 's3'")
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step.
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = env.get_int("MAX_FILES_PER_UPLOAD", 20)
# "django" = Django streams previews; "x-accel" = nginx; "x-sendfile" = Apache/lighttpd.
WENKU_SERVE_MODE = env.get_str("SERVE_MODE", "django")
WENKU_X_ACCEL_PREFIX = env.get_str("X_ACCEL_PREFIX", "/protected/")
WENKU_PREVIEW_CACHE_SECONDS = env.get_int("PREVIEW_CACHE_SECONDS", 3600)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        # Room for the shared pages (Django's 300 would cull them, stamps included).
        "OPTIONS": {"MAX_ENTRIES": env.get_int("CACHE_MAX_ENTRIES", 20000)},
    }
}
if env.get_str("CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.get_str("CACHE_URL"),
    }

# Rendered parts of document pages, in each process's memory: their keys hold the page's
# version stamps, read from the shared cache on every request, so a change makes them
# unreachable in every process at once (wenku.web.views.document).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "wenku-fragments",
    "OPTIONS": {"MAX_ENTRIES": env.get_int("FRAGMENT_CACHE_ENTRIES", 2000)},
}

# Shared page cache for anonymous readers (wenku.web.pagecache, docs/deploy.md).
WENKU_PAGE_CACHE = env.get_bool("PAGE_CACHE", True)
WENKU_PAGE_CACHE_SECONDS = env.get_int("PAGE_CACHE_SECONDS", 600)
WENKU_CDN_SECONDS = env.get_int("CDN_SECONDS", 0)  # s-maxage: how long a CDN may skip asking

# --- Library rules (site settings). ---
WENKU_PREVIEW_PAGES = env.get_int("PREVIEW_PAGES", 5)
WENKU_MAX_UPLOAD_MB = env.get_int("MAX_UPLOAD_MB", 100)
WENKU_MAX_PAGES = env.get_int("MAX_PAGES", 5000)
WENKU_PREVIEW_WIDTHS = [int(w) for w in env.get_list("PREVIEW_WIDTHS", ["500", "1000"])]
WENKU_COVER_WIDTH = env.get_int("COVER_WIDTH", 240)

# --- Points (wallet). ---
WENKU_SIGNUP_BONUS = env.get_int("SIGNUP_BONUS", 20)
WENKU_SIGNIN_POINTS = env.get_int("SIGNIN_POINTS", 2)
WENKU_UPLOAD_REWARD = env.get_int("UPLOAD_REWARD", 5)
WENKU_COMMISSION_PERCENT = env.get_int("COMMISSION_PERCENT", 0)
WENKU_PRICE_MAX = env.get_int("PRICE_MAX", 1000)
WENKU_DOWNLOAD_URL_SECONDS = env.get_int("DOWNLOAD_URL_SECONDS", 60)
WENKU_DOWNLOADS_PER_DAY = env.get_int("DOWNLOADS_PER_DAY", 50)
WENKU_DOWNLOADS_PER_IP_PER_DAY = env.get_int("DOWNLOADS_PER_IP_PER_DAY", 200)
WENKU_TOPUP_PACKAGES = [
    int(p) for p in env.get_list("TOPUP_PACKAGES", ["100", "500", "1000", "5000"])
]
WENKU_POINTS_PER_YUAN = env.get_int("POINTS_PER_YUAN", 10)
WENKU_GRANT_MAX = env.get_int("GRANT_MAX", 100000)
# Payouts of earned points: the smallest request, and the points kept from each approved one.
WENKU_PAYOUT_MIN = env.get_int("PAYOUT_MIN", 100)
WENKU_PAYOUT_FEE = env.get_int("PAYOUT_FEE", 0)
# "sandbox" = a clearly marked fake gateway for development; "" = top-up switched off.
WENKU_PAYMENT_GATEWAY = env.get_str("PAYMENT_GATEWAY", "sandbox" if DEBUG else "")

# --- Quality checks (duplicates, stuffing). ---
WENKU_QUALITY_CHECKS = env.get_bool("QUALITY_CHECKS", True)
WENKU_DUPLICATE_POLICY = env.get_str("DUPLICATE_POLICY", "hold")  # hold | reject | allow
WENKU_NEAR_DUPLICATE_THRESHOLD = env.get_float("NEAR_DUPLICATE_THRESHOLD", 0.8)
WENKU_STUFFING_THRESHOLD = env.get_float("STUFFING_THRESHOLD", 0.8)
WENKU_STUFFING_REVIEW_THRESHOLD = env.get_float("STUFFING_REVIEW_THRESHOLD", 0.5)

# --- Moderation. ---
WENKU_COUNTER_NOTICE_WAIT_DAYS = env.get_int("COUNTER_NOTICE_WAIT_DAYS", 15)
WENKU_PREPUBLICATION_REVIEW = env.get_str("PREPUBLICATION_REVIEW", "off")  # off | new | all
WENKU_NEW_MEMBER_DAYS = env.get_int("NEW_MEMBER_DAYS", 30)
WENKU_STRIKE_LIMIT = env.get_int("STRIKE_LIMIT", 3)  # 0 = never block uploads
WENKU_EVIDENCE_MAX_MB = env.get_int("EVIDENCE_MAX_MB", 10)
WENKU_EVIDENCE_MAX_FILES = env.get_int("EVIDENCE_MAX_FILES", 5)
WENKU_COMPLAINT_MAX_DOCUMENTS = env.get_int("COMPLAINT_MAX_DOCUMENTS", 20)

# --- E-mail (notifications): printed to the console unless an SMTP server is configured. ---
EMAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.get_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "wenku@localhost")

# --- Conversion. ---
WENKU_CONVERT_TIMEOUT = env.get_int("CONVERT_TIMEOUT", 180)  # whole pipeline, seconds
WENKU_OFFICE_TIMEOUT = env.get_int("OFFICE_TIMEOUT", 120)  # one LibreOffice call
WENKU_EBOOK_TIMEOUT = env.get_int("EBOOK_TIMEOUT", 120)  # one calibre ebook-convert call
# OCR of scanned pages (Tesseract), in the background once the previews are ready.
WENKU_OCR = env.get_bool("OCR", True)
WENKU_OCR_LANGUAGES = env.get_str("OCR_LANGUAGES", "chi_sim+eng")
WENKU_OCR_DPI = env.get_int("OCR_DPI", 300)
WENKU_OCR_PAGE_TIMEOUT = env.get_int("OCR_PAGE_TIMEOUT", 60)  # seconds per page
# CPU priority (nice) of the OCR child and its tesseract: conversions of new uploads go first.
WENKU_OCR_NICE = env.get_int("OCR_NICE", 10)
WENKU_CONVERT_MEMORY_MB = env.get_int("CONVERT_MEMORY_MB", 2048)  # per conversion child
WENKU_OFFICE_RESTART_AFTER = env.get_int("OFFICE_RESTART_AFTER", 200)
WENKU_CONVERT_MAX_ATTEMPTS = env.get_int("CONVERT_MAX_ATTEMPTS", 3)
WENKU_WORKER_CONCURRENCY = env.get_int("WORKER_CONCURRENCY", 2)

# --- Task queue: Celery on a filesystem broker by default (no server), Redis by URL. ---
WENKU_QUEUE_DIR = DATA_DIR / "queue"
CELERY_BROKER_URL = env.get_str("BROKER_URL", "filesystem://")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT = "wenku.fsqueue:Transport"  # kombu's, with atomic writes
    for sub in ("in", "processed", "control"):
        (WENKU_QUEUE_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(WENKU_QUEUE_DIR / "in"),
        "data_folder_out": str(WENKU_QUEUE_DIR / "in"),
        "processed_folder": str(WENKU_QUEUE_DIR / "processed"),
        "control_folder": str(WENKU_QUEUE_DIR / "control"),
        "store_processed": False,
        "polling_interval": env.get_float("QUEUE_POLL_SECONDS", 0.02),
    }
else:
    # Redis redelivers a message whose worker vanished after this long (the recovery sweep
    # usually gets there first, from the document's stale heartbeat).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": WENKU_CONVERT_TIMEOUT * 2}
CELERY_TASK_ALWAYS_EAGER = env.get_bool("TASKS_EAGER", False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# A pool process killed mid-task gives its message back (Redis); a document that keeps
# killing workers is failed by the claim's attempt counter, so this cannot loop forever.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = WENKU_CONVERT_TIMEOUT + 60  # hard limit: the pool process is killed
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.get_int("WORKER_MAX_MEMORY_MB", 1024) * 1024  # KiB
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Worker pool processes run at this lower CPU priority than the web server (0 = unchanged).
WENKU_WORKER_NICE = env.get_int("WORKER_NICE", 10)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
WENKU_RECOVER_EVERY = env.get_int("RECOVER_EVERY_SECONDS", 60)
# The worker writes a heartbeat at least every 2 s; this long without one means it died.
WENKU_CONVERSION_STALE_SECONDS = env.get_int("CONVERSION_STALE_SECONDS", 60)

# --- Search. ---
WENKU_SEARCH_BACKEND = env.get_str("SEARCH_BACKEND", "")  # "" = follow the database

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
CELERY_BEAT_SCHEDULE = {
    "recover-conversions": {"task": "wenku.recover_conversions", "schedule": WENKU_RECOVER_EVERY},
    # Restores documents whose counter-notice waiting period has passed.
    "moderation-tick": {"task": "wenku.moderation_tick", "schedule": 3600},
}

# --- Security ---
# Hardening and the REST API (DRF). Everything secret comes from the environment.
INSTALLED_APPS += [
    "wenku.security",
    "rest_framework",
    "django_filters",
    "rest_framework.authtoken",  # tokens for scripts: `manage.py drf_create_token NAME`
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI / Redoc assets served locally, never a CDN
]
MIDDLEWARE += [
    "wenku.security.headers.ContentSecurityPolicyMiddleware",
    "wenku.security.ratelimit.RateLimitMiddleware",  # after auth: counts per member
]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
from wenku.security.headers import DEFAULT_CSP  # noqa: E402

WENKU_CSP = env.get_str("CSP", DEFAULT_CSP)  # "" switches the header off
# WENKU_SECURE=1: the site is served over HTTPS (directly or behind a TLS proxy).
WENKU_SECURE = env.get_bool("SECURE", False)
if WENKU_SECURE:
    if not env.get_str("SECRET_KEY"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("WENKU_SECURE=1 needs WENKU_SECRET_KEY from the environment")
    SECURE_SSL_REDIRECT = env.get_bool("SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env.get_int("HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.get_bool("HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env.get_bool("BEHIND_PROXY", False):  # only when the proxy overwrites this header
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front that append to X-Forwarded-For (nginx: 1): the client address for
# rate limits is taken from that header only then (wenku.security.clientip).
WENKU_PROXY_COUNT = env.get_int("PROXY_COUNT", 1 if env.get_bool("BEHIND_PROXY", False) else 0)
# Rate limits: (requests, seconds) per window; log-in and sign-up per IP, the rest per member.
WENKU_RATELIMIT = env.get_bool("RATELIMIT", True)
WENKU_RATE_LIMITS = {
    "login": (env.get_int("RATE_LOGIN", 20), env.get_int("RATE_LOGIN_SECONDS", 300)),
    "signup": (env.get_int("RATE_SIGNUP", 20), env.get_int("RATE_SIGNUP_SECONDS", 3600)),
    "upload": (env.get_int("RATE_UPLOAD", 60), env.get_int("RATE_UPLOAD_SECONDS", 3600)),
    "download": (env.get_int("RATE_DOWNLOAD", 120), env.get_int("RATE_DOWNLOAD_SECONDS", 3600)),
    "search": (env.get_int("RATE_SEARCH", 120), env.get_int("RATE_SEARCH_SECONDS", 600)),
    # New comments and replies per member (site and API share the counter).
    "comment": (env.get_int("RATE_COMMENT", 10), env.get_int("RATE_COMMENT_SECONDS", 600)),
}
REST_FRAMEWORK = {
    # Token first: an anonymous API call then gets 401 + WWW-Authenticate, like the wallet.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "wenku.api.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "wenku.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNICODE_JSON": True,
    "URL_FORMAT_OVERRIDE": None,  # ?format= is a search filter (pdf, doc…), not a renderer
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wenku API",
    "DESCRIPTION": "Documents, previews, search, wallet and favourites of a Wenku site.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two models have a `status`: stable component names instead of a hash-suffixed one.
    "ENUM_NAME_OVERRIDES": {
        "ComplaintStatusEnum": "wenku.moderation.models.Complaint.Status",
        "DocumentStatusEnum": "wenku.library.models.Document.Status",
        "PayoutStatusEnum": "wenku.wallet.models.Payout.Status",
        "ComplaintKindEnum": "wenku.moderation.models.Complaint.Kind",
        "PayoutEventKindEnum": "wenku.wallet.models.PayoutEvent.Kind",
    },
}
