"""Settings, read from the environment (and `.env` when present); `.env.example` lists each."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from core.logs import logging_config
from core.static_headers import year_long_immutable

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(env("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key")
else:
    try:
        SECRET_KEY = env("SECRET_KEY")
    except ImproperlyConfigured as missing:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.") from missing

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_tailwind",
    "csp",
    "auth_ui",
]

MIDDLEWARE = [
    "core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "auth_ui.middleware.RejectUnreadableFormsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "auth_ui.middleware.CognitoTimeBudgetMiddleware",
    "auth_ui.middleware.CognitoSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auth_ui.middleware.HtmxRedirectMiddleware",
]

ROOT_URLCONF = "core.urls"
WSGI_APPLICATION = "core.wsgi.application"

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
                "auth_ui.context_processors.cognito_stub",
                "auth_ui.branding.branding",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared state for several app instances: with REDIS_URL, the cache (rate limits, the password
# policy and MFA caches) is Redis, and sessions are cached there in front of the database (a
# Redis restart loses no session). Without it: local memory and database sessions, one machine.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Seconds: a Redis that is down costs a request one short wait, not a hung worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

AUTHENTICATION_BACKENDS = ["auth_ui.backends.CognitoBackend"]
LOGIN_URL = "auth_ui:sign_in"
LOGIN_REDIRECT_URL = "auth_ui:account"

# Tokens live only here: in the server-side session, never in a cookie the browser can read.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# htmx sends the token from `<body hx-headers>`; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "auth_ui.views.csrf_failure"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (only then: it is trusted).
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
# A load balancer's probes may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The built CSS and our JS; not static/src/ (Tailwind's input, whose `@import "tailwindcss"` is
# no file the manifest storage could hash).
STATICFILES_DIRS = [
    ("css", BASE_DIR / "static" / "css"),
    ("js", BASE_DIR / "static" / "js"),
    ("img", BASE_DIR / "static" / "img"),
]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Production (DEBUG off): `collectstatic` writes hashed names with gzip and brotli copies, and
# whitenoise serves them with a year of immutable caching. Development and the test suites read
# static/ as it is (STATIC_MANIFEST=false), with no collectstatic.
if env.bool("STATIC_MANIFEST", default=not DEBUG):
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    WHITENOISE_ADD_HEADERS_FUNCTION = year_long_immutable

CRISPY_ALLOWED_TEMPLATE_PACKS = "tailwind"
CRISPY_TEMPLATE_PACK = "tailwind"

# --- Amazon Cognito -------------------------------------------------------------------------
# With no pool configured in development, the app talks to the embedded stub (`make run` starts
# it). Its ids are fixed by cognito_stub/seed.py; a test keeps the two in step.
STUB_PORT = env.int("STUB_PORT", default=9229)
COGNITO_USING_STUB = DEBUG and not env("COGNITO_USER_POOL_ID", default="")
STUB_COGNITO = {
    "COGNITO_REGION": "us-east-1",
    "COGNITO_USER_POOL_ID": "us-east-1_StubPool01",
    "COGNITO_APP_CLIENT_ID": "localstubappclient00000001",
}
if COGNITO_USING_STUB:
    COGNITO_REGION = STUB_COGNITO["COGNITO_REGION"]
    COGNITO_USER_POOL_ID = STUB_COGNITO["COGNITO_USER_POOL_ID"]
    COGNITO_APP_CLIENT_ID = STUB_COGNITO["COGNITO_APP_CLIENT_ID"]
    COGNITO_APP_CLIENT_SECRET = ""
    COGNITO_ENDPOINT_URL = env("COGNITO_ENDPOINT_URL", default=f"http://127.0.0.1:{STUB_PORT}")
else:
    COGNITO_REGION = env("COGNITO_REGION", default="")
    COGNITO_USER_POOL_ID = env("COGNITO_USER_POOL_ID", default="")
    COGNITO_APP_CLIENT_ID = env("COGNITO_APP_CLIENT_ID", default="")
    COGNITO_APP_CLIENT_SECRET = env("COGNITO_APP_CLIENT_SECRET", default="")
    COGNITO_ENDPOINT_URL = env("COGNITO_ENDPOINT_URL", default="")
COGNITO_AUTO_CONFIRM = env.bool("COGNITO_AUTO_CONFIRM", default=False)
COGNITO_USES_USERNAMES = env.bool("COGNITO_USES_USERNAMES", default=False)
# "password": USER_PASSWORD_AUTH (the password goes to Cognito over TLS); "srp": USER_SRP_AUTH
# (it is proven without being sent), for app clients that allow only SRP; "choice": USER_AUTH,
# where a person may also sign in with an emailed or texted code or a passkey (the app client
# must allow ALLOW_USER_AUTH). The local stub allows every way, so `make run` offers them all.
COGNITO_SIGN_IN_FLOW = env(
    "COGNITO_SIGN_IN_FLOW", default="choice" if COGNITO_USING_STUB else "password"
)
# With "choice": the first factors the pool allows (its sign-in policy), used when
# DescribeUserPool can't be read (it needs IAM credentials).
COGNITO_FIRST_FACTORS = env.list(
    "COGNITO_FIRST_FACTORS",
    default=["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
    if COGNITO_USING_STUB
    else ["PASSWORD"],
)
# Passkeys belong to a relying party: a domain (never an IP address) that the site's own host
# is, or ends with; the pool's WebAuthn configuration names the same one. Empty: the site's host.
# Passkeys also need a secure context: https, or http://localhost in development.
COGNITO_WEBAUTHN_RP_ID = env("COGNITO_WEBAUTHN_RP_ID", default="")
# The site's name: in the card header, the tab title, and as authenticator apps list it (the
# issuer of its TOTP codes).
SITE_NAME = env("SITE_NAME", default="Cognito sign-in")
# Its mark in the card header: a path under the static files (an SVG or a small PNG).
SITE_LOGO = env("SITE_LOGO", default="img/logo.svg")
# The pool's MFA, used when GetUserPoolMfaConfig can't be read (it needs IAM credentials):
# mode OFF / OPTIONAL / ON, and the methods it allows.
COGNITO_MFA = {
    "mode": env("COGNITO_MFA", default="OPTIONAL" if COGNITO_USING_STUB else "OFF").upper(),
    "methods": env.list(
        "COGNITO_MFA_METHODS", default=["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]
    ),
}
# The standard attributes a person edits on /account/profile/ (see auth_ui.forms.PROFILE_FIELDS).
COGNITO_PROFILE_ATTRIBUTES = env.list("COGNITO_PROFILE_ATTRIBUTES", default=["name"])
# Seconds: one request's Cognito calls, retries included, end within COGNITO_TIME_BUDGET; a
# retry that could not finish in time is not started, and the person reads "unavailable".
COGNITO_TIME_BUDGET = env.float("COGNITO_TIME_BUDGET", default=8.0)
COGNITO_CONNECT_TIMEOUT = env.float("COGNITO_CONNECT_TIMEOUT", default=2.0)
COGNITO_READ_TIMEOUT = env.float("COGNITO_READ_TIMEOUT", default=3.0)
# Used when DescribeUserPool cannot be read (it needs IAM credentials); Cognito's default policy.
COGNITO_PASSWORD_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}

# django-allauth's shape: per action, "<count>/<period>/<ip|key>" rules (key: the email typed).
# A failed sign-in counts; a successful one does not reset the count. "" turns an action off.
AUTH_RATE_LIMITS = {
    "sign_in_failed": env("RATE_LIMIT_SIGN_IN_FAILED", default="10/m/ip,5/5m/key"),
    "sign_up": env("RATE_LIMIT_SIGN_UP", default="20/m/ip"),
    "send_code": env("RATE_LIMIT_SEND_CODE", default="20/m/ip,3/m/key"),
    # Codes typed on the confirm and reset steps (on top of Cognito's per-code attempt limit).
    "confirm_code": env("RATE_LIMIT_CONFIRM_CODE", default="20/m/ip,5/5m/key"),
}

# Error reports (the debug page included) never show a local variable marked sensitive.
DEFAULT_EXCEPTION_REPORTER_FILTER = "auth_ui.reporting.AlwaysSafeExceptionReporterFilter"

# Everything to stderr: one line per request with its id (core.request_log), our own lines,
# and Django's errors ("Internal Server Error: /path" with the traceback; never a request body,
# and no token in any frame: see auth_ui.reporting). LOG_FORMAT=json: one JSON object a line.
LOGGING = logging_config(
    json_lines=env("LOG_FORMAT", default="text") == "json", level=env("LOG_LEVEL", default="INFO")
)
