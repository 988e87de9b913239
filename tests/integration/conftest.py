"""Two instances of the site behind no load balancer (the tests choose the instance), sharing
Redis and PostgreSQL, against the Cognito stub: the deployment shape of ARCHITECTURE.md."""

import secrets
import uuid

import pytest

import cognito_stub

from .browser import Browser
from .services import App, Postgres, Redis, manage

PASSWORD = "Integration-Passw0rd!"
# Few enough failures per email to trip before the stub's own lockout (5), many per address:
# every request of the suite comes from 127.0.0.1.
SIGN_IN_LIMIT = "1000/m/ip,3/5m/key"


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = Redis(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres():
    server = Postgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def stub():
    with cognito_stub.StubServer(port=0, echo=False) as server:
        yield server


@pytest.fixture(scope="session")
def app_env(redis_server, postgres, stub) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": "/tmp",  # noqa: S108
        "DJANGO_SETTINGS_MODULE": "core.settings",
        "DJANGO_ENV_FILE": "/nonexistent/.env",  # a developer's .env must not count
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_server.url,
        "DATABASE_URL": postgres.url,
        "COGNITO_REGION": cognito_stub.REGION,
        "COGNITO_USER_POOL_ID": cognito_stub.USER_POOL_ID,
        "COGNITO_APP_CLIENT_ID": cognito_stub.APP_CLIENT_ID,
        "COGNITO_ENDPOINT_URL": stub.url,
        "AWS_ACCESS_KEY_ID": "integration",
        "AWS_SECRET_ACCESS_KEY": "integration",
        "AWS_EC2_METADATA_DISABLED": "true",
        "RATE_LIMIT_SIGN_IN_FAILED": SIGN_IN_LIMIT,
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
    }


@pytest.fixture(scope="session")
def apps(app_env, tmp_path_factory):
    """Instances A and B; a test that stops one starts it again."""
    manage(app_env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(app_env, "migrate", "--noinput", "--verbosity", "0")
    logs = tmp_path_factory.mktemp("logs")
    instances = {name: App(name, app_env, logs / f"{name}.log") for name in "AB"}
    for instance in instances.values():
        instance.start()
    yield instances
    for instance in instances.values():
        instance.kill()


@pytest.fixture
def a(apps) -> App:
    if apps["A"].process.poll() is not None:
        apps["A"].start()
    return apps["A"]


@pytest.fixture
def b(apps) -> App:
    return apps["B"]


def sign_up_and_confirm(stub, first: App, second: App) -> str:
    """A new person signs up on one instance and confirms the emailed code on the other."""
    email = f"it-{uuid.uuid4().hex[:10]}@example.com"
    browser = Browser()
    data = {"email": email, "password": PASSWORD, "password_confirm": PASSWORD}
    assert browser.post_form(f"{first.url}/auth/sign-up/", data).status_code == 302
    code = stub.latest_code(email)
    confirm = f"{second.url}/auth/confirm/"
    assert browser.post_form(confirm, {"email": email, "code": code}).status_code == 302
    return email


@pytest.fixture
def person(stub, a, b) -> str:
    return sign_up_and_confirm(stub, a, b)


def sign_in(browser: Browser, app: App, email: str, password: str = PASSWORD):
    return browser.post_form(f"{app.url}/auth/sign-in/", {"email": email, "password": password})
