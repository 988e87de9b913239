"""The production shape: health probes, the page head, request logs without secrets, the
settings REDIS_URL / STATIC_MANIFEST switch, and a 503 (not a 500) while Redis is away."""

import io
import json
import logging
import logging.config
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

import cognito_stub
from auth_ui import session
from auth_ui.cognito import client as cognito_client_module
from core.logs import redact
from core.static_headers import year_long_immutable

ROOT = Path(__file__).resolve().parents[2]
SIGN_IN_URL = "/auth/sign-in/"


# --- health probes ---------------------------------------------------------------------------


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")  # no django_db mark: a query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_cache_is(client, monkeypatch):
    def down(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(cache, "set", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"
    assert response.json()["database"] == "ok"


# --- every page's head -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [SIGN_IN_URL, "/auth/sign-up/", "/auth/password/forgot/"])
def test_every_page_has_a_language_and_a_description(client, url):
    body = client.get(url).content.decode()
    assert '<html lang="en"' in body
    assert '<meta name="description" content="Sign in to your account' in body


# --- one log line per request, with its id; never a secret ------------------------------------


@pytest.fixture
def log_lines(settings):
    """The site's LOGGING with JSON lines, and every logger (boto3's too) from DEBUG up through
    its handler; returns a reader of what was written."""
    written = io.StringIO()
    root = logging.getLogger()
    root_level, root_handlers = root.level, root.handlers[:]
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["stderr"].update(formatter="json", stream=written)
    config["root"] = {"handlers": ["stderr"], "level": "DEBUG"}
    for logger in config["loggers"].values():
        logger.update(level="DEBUG", propagate=False)  # each line once, through the root's too
    logging.config.dictConfig(config)

    def read() -> list[dict]:
        return [json.loads(line) for line in written.getvalue().splitlines() if line]

    yield read
    logging.config.dictConfig(settings.LOGGING)
    root.setLevel(root_level)  # the site's LOGGING leaves the root alone: put it back as found
    root.handlers[:] = root_handlers


@pytest.mark.django_db
def test_one_line_per_request_with_its_id(client, log_lines):
    response = client.get(SIGN_IN_URL, HTTP_X_REQUEST_ID="lb-abcdef123456")
    assert response["X-Request-ID"] == "lb-abcdef123456"
    second = client.get(SIGN_IN_URL + "?email=ada@example.com", HTTP_X_REQUEST_ID="<bad id>")
    requests = [line for line in log_lines() if line["logger"] == "core.request"]
    assert [line["request_id"] for line in requests] == ["lb-abcdef123456", second["X-Request-ID"]]
    assert len(second["X-Request-ID"]) == 32  # an unusable incoming id is replaced by ours
    assert requests[1]["method"] == "GET"
    assert requests[1]["path"] == SIGN_IN_URL  # the query string is not logged
    assert requests[1]["status"] == 200
    assert "ada@example.com" not in json.dumps(requests)


@pytest.fixture(scope="module")
def local_cognito():
    with cognito_stub.StubServer(port=0, echo=False) as stub:
        yield stub


@pytest.mark.django_db
def test_no_password_code_or_token_is_ever_logged(client, settings, local_cognito, log_lines):
    settings.COGNITO_REGION = cognito_stub.REGION
    settings.COGNITO_USER_POOL_ID = cognito_stub.USER_POOL_ID
    settings.COGNITO_APP_CLIENT_ID = cognito_stub.APP_CLIENT_ID
    settings.COGNITO_ENDPOINT_URL = local_cognito.url
    settings.AUTH_RATE_LIMITS = {}
    cognito_client_module.cognito_client.cache_clear()
    email, password = f"log-{uuid.uuid4().hex[:8]}@example.com", "Log-Passw0rd!-9q"
    sign_up = {"email": email, "password": password, "password_confirm": password}
    assert client.post("/auth/sign-up/", sign_up).status_code == 302
    code = local_cognito.outbox(to=email)[0]["code"]
    assert client.post("/auth/confirm/", {"email": email, "code": "000000"}).status_code == 422
    assert client.post("/auth/confirm/", {"email": email, "code": code}).status_code == 302
    wrong = {"email": email, "password": password + "x"}
    assert client.post(SIGN_IN_URL, wrong).status_code == 422
    assert client.post(SIGN_IN_URL, {"email": email, "password": password}).status_code == 302
    tokens = session.stored_tokens(session_of(client))
    session_key = client.cookies["sessionid"].value
    assert client.get("/account/").status_code == 200
    assert client.post("/auth/sign-out/").status_code == 302
    cognito_client_module.cognito_client.cache_clear()

    lines = log_lines()
    written = json.dumps(lines)
    assert sum(line["logger"] == "core.request" for line in lines) == 7
    secrets = [password, password + "x", code, tokens.id_token, tokens.access_token]
    secrets += [tokens.refresh_token, session_key]
    for secret in secrets:
        assert secret
        assert secret not in written


def session_of(client):
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    return request


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl here",
            "token [redacted] here",
        ),
        ("POST password=hunter2&email=a@b.c", "POST password=[redacted]&email=a@b.c"),
        (
            '{"code": "123456", "RefreshToken": "abc.def"}',
            '{"code": "[redacted]", "RefreshToken": "[redacted]"}',
        ),
        ("GET /auth/sign-in/ 200 3.1ms", "GET /auth/sign-in/ 200 3.1ms"),
    ],
)
def test_secret_shaped_values_are_masked_whoever_logs_them(text, kept):
    assert redact(text) == kept


def test_a_logged_secret_is_masked_in_the_line(caplog):
    from core.logs import RequestContextFilter

    record = logging.LogRecord("x", logging.INFO, "", 0, "sent password=%s", ("hunter2",), None)
    assert RequestContextFilter().filter(record)
    assert record.getMessage() == "sent password=[redacted]"
    assert record.request_id == "-"


# --- Redis away: a 503 with Retry-After, not a 500 --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "status"),
    [
        (RedisConnectionError("Error 111 connecting. Connection refused."), 503),
        (RuntimeError(), 500),
    ],
    ids=["redis-unreachable", "any-other-crash"],
)
def test_an_unreachable_shared_cache_answers_503_not_500(
    client, settings, monkeypatch, error, status
):
    settings.DEBUG = False
    client.raise_request_exception = False

    def crash(*args, **kwargs):
        raise error

    monkeypatch.setattr("auth_ui.views.auth.flows.sign_in", crash)
    response = client.post(SIGN_IN_URL, {"email": "a@example.com", "password": "x"})
    assert response.status_code == status
    if status == 503:
        assert response["Retry-After"] == "5"
        assert "briefly unavailable" in response.content.decode()


# --- settings ----------------------------------------------------------------------------------


def settings_of(tmp_path, **env) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], 'session': s.SESSION_ENGINE, "
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'db': s.DATABASES['default']['ENGINE'], "
        "'format': s.LOGGING['handlers']['stderr']['formatter']}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "core.settings",
            "DJANGO_ENV_FILE": "/nonexistent/.env",
            "SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_serves_hashed_compressed_static_files(tmp_path):
    found = settings_of(tmp_path, DEBUG="false")
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session"] == "django.contrib.sessions.backends.db"
    assert found["format"] == "text"


def test_development_reads_static_files_as_they_are(tmp_path):
    found = settings_of(tmp_path, DEBUG="true")
    assert found["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_redis_url_shares_the_cache_and_sessions(tmp_path):
    found = settings_of(
        tmp_path,
        DEBUG="false",
        REDIS_URL="redis://127.0.0.1:6390/0",
        DATABASE_URL="postgres://app:pw@127.0.0.1:5433/app",
        LOG_FORMAT="json",
    )
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
    assert found["db"] == "django.db.backends.postgresql"
    assert found["format"] == "json"


def test_hashed_files_are_cached_for_a_year_others_are_not():
    hashed = {"Cache-Control": "max-age=315360000, public, immutable"}
    year_long_immutable(hashed, "/s/app.0123456789ab.css", "/static/app.0123456789ab.css")
    assert hashed["Cache-Control"] == "max-age=31536000, public, immutable"
    plain = {"Cache-Control": "max-age=60, public"}
    year_long_immutable(plain, "/s/app.css", "/static/app.css")
    assert plain["Cache-Control"] == "max-age=60, public"
