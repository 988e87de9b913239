"""Fixtures: a Cognito stub and a live Django server on free ports, Debian's Chromium.

Set E2E_BASE_URL and E2E_STUB_URL to test an app and stub that are already running instead.
"""

import os
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

import cognito_stub
from auth_ui.cognito import client as cognito_client_module
from auth_ui.cognito import tokens as tokens_module

from . import helpers
from .axe import SCHEMES, Audit

# Playwright's sync API runs an event loop in this thread; Django's DB teardown is still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
EXTERNAL_APP = os.environ.get("E2E_BASE_URL", "").rstrip("/")
EXTERNAL_STUB = os.environ.get("E2E_STUB_URL", "").rstrip("/")


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)
        # Declared, not requested later: pytest-django creates the test database only for
        # tests that declare it, and the live server must never touch the real db.sqlite3.
        item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StubProcess:
    """The stub this worker started in-process; it can be stopped and started again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: cognito_stub.StubServer | None = None

    def start(self) -> None:
        # With a second app client that has a secret, for the journey that signs with SECRET_HASH.
        self.server = cognito_stub.StubServer(
            port=self.port, echo=False, client_secret=True
        ).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture(scope="session")
def stub_process():
    if EXTERNAL_STUB:
        yield None
        return
    process = StubProcess()
    process.start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def stub_url(stub_process) -> str:
    return EXTERNAL_STUB or stub_process.url


@pytest.fixture(scope="session")
def stub(stub_url):
    """The stub's control API (outbox, faults, calls), the same whether in-process or not."""
    return helpers.use_stub(stub_url)


@pytest.fixture(scope="session")
def base_url(request, stub) -> str:
    if EXTERNAL_APP:
        return EXTERNAL_APP
    # The test database first: a live server started before it would use the real db.sqlite3.
    request.getfixturevalue("django_db_setup")
    return request.getfixturevalue("live_server").url


@pytest.fixture(autouse=True)
def app_on_stub(request, stub, stub_url, base_url):
    """Point the in-process app at this worker's stub, and leave no fault behind.

    `base_url` reaches `live_server` through getfixturevalue, so pytest-django's own helper
    allows the server's host only for the first test: do it for each.
    """
    if not EXTERNAL_APP:
        settings = request.getfixturevalue("settings")
        host = urlsplit(base_url).hostname
        if host not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
        settings.COGNITO_REGION = cognito_stub.REGION
        settings.COGNITO_USER_POOL_ID = cognito_stub.USER_POOL_ID
        settings.COGNITO_APP_CLIENT_ID = cognito_stub.APP_CLIENT_ID
        settings.COGNITO_APP_CLIENT_SECRET = ""
        settings.COGNITO_ENDPOINT_URL = stub_url
        settings.COGNITO_USING_STUB = False
        # Every scenario comes from one IP within a minute: this site's own rate limits (tested
        # in tests/unit/test_ratelimit.py) would soon refuse them. Cognito's (the stub's) stay.
        settings.AUTH_RATE_LIMITS = {}
        cognito_client_module.cognito_client.cache_clear()
        tokens_module.jwks_client.cache_clear()
    stub.clear_faults()
    stub.clear_calls()
    yield
    stub.clear_faults()


@pytest.fixture
def secret_client(request, stub):
    """The app uses the stub's app client with a secret: every call carries SECRET_HASH (or the
    secret itself, for RevokeToken), and the stub refuses any call that doesn't."""
    info = stub.info()
    if EXTERNAL_APP or "secret_client_id" not in info:
        pytest.skip("needs the in-process app and a stub started with a client secret")
    settings = request.getfixturevalue("settings")
    settings.COGNITO_APP_CLIENT_ID = info["secret_client_id"]
    settings.COGNITO_APP_CLIENT_SECRET = info["secret_client_secret"]
    cognito_client_module.cognito_client.cache_clear()
    return info


@pytest.fixture
def email() -> str:
    return helpers.unique_email()


@pytest.fixture(autouse=True)
def quick_timeouts(page):
    """Steps answer in well under a second: actions, navigations and `expect` all wait at most
    helpers.TIMEOUT before calling it a failure (RETRIED_TIMEOUT is passed where retries run)."""
    expect.set_options(timeout=helpers.TIMEOUT)
    page.set_default_timeout(helpers.TIMEOUT)


@pytest.fixture
def nojs(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page in its own context with JavaScript disabled."""
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(helpers.TIMEOUT)
    yield page
    context.close()


@pytest.fixture(params=SCHEMES)
def audit(request, page: Page) -> Audit:
    page.emulate_media(color_scheme=request.param)
    return Audit(page, request.param)


@pytest.fixture
def pool_mfa(request, stub_url):
    """Set the stub pool's MFA as SetUserPoolMfaConfig does on AWS (boto3, admin); OFF after.

    `pool_mfa("OPTIONAL")` or `pool_mfa("ON")`: every method (app, text, email) enabled.
    """
    import boto3

    admin = boto3.client("cognito-idp", region_name=cognito_stub.REGION, endpoint_url=stub_url)

    def set_to(mode: str) -> None:
        params = {"UserPoolId": cognito_stub.USER_POOL_ID, "MfaConfiguration": mode}
        if mode != "OFF":
            params["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
            params["EmailMfaConfiguration"] = {"Message": "Your code is {####}"}
            params["SmsMfaConfiguration"] = {"SmsAuthenticationMessage": "Your code is {####}"}
        admin.set_user_pool_mfa_config(**params)
        if not EXTERNAL_APP:  # the app caches what it read of the pool
            from django.core.cache import cache

            cache.clear()

    yield set_to
    set_to("OFF")
