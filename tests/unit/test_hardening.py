"""What a hostile probe found: tokens in error reports, racing first sign-ins, unreadable form
bodies, misconfiguration found late, HEAD, and the CSRF cookie."""

import subprocess
import sys
import threading
from dataclasses import asdict
from importlib import import_module
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test import Client
from django.views.debug import ExceptionReporter

from auth_ui import cognito, flows, session
from auth_ui.backends import CognitoBackend
from auth_ui.checks import production_settings
from auth_ui.cognito import api
from auth_ui.cognito import client as client_module
from auth_ui.flows.password import check_new_password
from auth_ui.flows.session import complete_sign_in
from auth_ui.flows.sign_in import advance
from auth_ui.models import CognitoIdentity

from .pages import (
    ACCOUNT_URL,
    CONFIRM_URL,
    FORGOT_URL,
    RESET_URL,
    SIGN_IN_URL,
    SIGN_UP_URL,
    session_of,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "ada@example.com"
PASSWORD = "Str0ng-Passw0rd!"
SUB = "5a1d0c3e-0000-4000-8000-0000000000aa"


# --- 4. tokens never in an error report -------------------------------------------------------


def report_of(excinfo) -> str:
    """Every frame's variables as Django's error report (page or email) would show them."""
    reporter = ExceptionReporter(None, excinfo.type, excinfo.value, excinfo.tb)
    frames = reporter.get_traceback_data()["frames"]
    # The test and Django's test client hold what they sent; what is judged is the site's frames.
    frames = [f for f in frames if not any(p in f["filename"] for p in ("/tests/", "/test/"))]
    return "\n".join(f"{name}={value}" for frame in frames for name, value in frame["vars"])


def frame_names(excinfo) -> list[str]:
    return [entry.name for entry in excinfo.traceback]


class Boom(RuntimeError):
    pass


def boom(*args, **kwargs):
    raise Boom


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_a_crash_while_signing_in_reports_no_token(
    client, stubber, auth_result, monkeypatch, debug
):
    result = auth_result(sub=SUB, email=EMAIL)
    stubber.add_response("initiate_auth", result)
    monkeypatch.setattr("auth_ui.flows.session.authenticate", boom)
    client.raise_request_exception = True
    with pytest.raises(Boom) as excinfo:
        client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})
    report = report_of(excinfo)
    assert "complete_sign_in" in frame_names(excinfo)
    for token in result["AuthenticationResult"].values():
        if isinstance(token, str) and token != "Bearer":
            assert token not in report
    assert PASSWORD not in report


SECRET = "tok-SECRET-4242"  # every token, password and challenge session below
TOKENS = cognito.Tokens(SECRET, SECRET, SECRET, 3600)
CHALLENGE = cognito.Challenge("NEW_PASSWORD_REQUIRED", SECRET, EMAIL, {})
NO_ID_TOKEN = {"AuthenticationResult": {"AccessToken": SECRET, "RefreshToken": SECRET}}


def request_with_session(rf, data=None):
    request = rf.post("/")
    request.session = dict(data or {})
    return request


def crash_in_client(monkeypatch, **_):
    monkeypatch.setattr("auth_ui.cognito.client.cognito_client", boom)


def crash_reading_tokens(stubber, **_):
    for method in ("initiate_auth", "respond_to_auth_challenge"):
        stubber.add_response(method, NO_ID_TOKEN)


def crash_in(target):
    """`module:name` made to raise (modules by path: `flows.sign_in` is also a function)."""
    module, name = target.split(":")
    return lambda monkeypatch, **_: monkeypatch.setattr(import_module(module), name, boom)


# Every function that holds a token, a password or a challenge session, made to crash inside.
HOLDERS = {
    "client.call": (crash_in_client, lambda rf: client_module.call("revoke_token", Token=SECRET)),
    "api.initiate_auth": (
        crash_reading_tokens,
        lambda rf: cognito.initiate_auth(username=EMAIL, password=SECRET),
    ),
    "api._tokens_or_challenge": (None, lambda rf: api._tokens_or_challenge(NO_ID_TOKEN, EMAIL)),
    "api.refresh_tokens": (
        crash_reading_tokens,
        lambda rf: cognito.refresh_tokens(refresh_token=SECRET, username=EMAIL),
    ),
    "api.respond_to_challenge": (
        crash_reading_tokens,
        lambda rf: cognito.respond_to_challenge(challenge=CHALLENGE, responses={"X": SECRET}),
    ),
    "api.revoke_token": (crash_in_client, lambda rf: cognito.revoke_token(refresh_token=SECRET)),
    "api.sign_up": (
        crash_in_client,
        lambda rf: cognito.sign_up(username=EMAIL, email=EMAIL, password=SECRET),
    ),
    "api.confirm_forgot_password": (
        crash_in_client,
        lambda rf: cognito.confirm_forgot_password(username=EMAIL, code="1", password=SECRET),
    ),
    "tokens.verify_id_token": (
        crash_in("auth_ui.cognito.tokens:jwks_client"),
        lambda rf: cognito.verify_id_token(SECRET),
    ),
    "session.store_tokens": (
        None,
        lambda rf: session.store_tokens(rf.post("/"), TOKENS, username=EMAIL),
    ),
    "session.stored_tokens": (
        None,
        lambda rf: session.stored_tokens(
            request_with_session(rf, {session.TOKENS_KEY: {"id_token": SECRET, "x": 1}})
        ),
    ),
    "flows.complete_sign_in": (
        crash_in("auth_ui.flows.session:authenticate"),
        lambda rf: complete_sign_in(rf.post("/"), TOKENS),
    ),
    "flows.keep_tokens_fresh": (
        crash_in("auth_ui.session:tokens_expire_within"),
        lambda rf: flows.keep_tokens_fresh(
            request_with_session(rf, {session.TOKENS_KEY: asdict(TOKENS)})
        ),
    ),
    "flows.sign_out": (
        crash_in("auth_ui.cognito:revoke_token"),
        lambda rf: flows.sign_out(request_with_session(rf, {session.TOKENS_KEY: asdict(TOKENS)})),
    ),
    "flows.advance": (
        crash_in("auth_ui.flows.sign_in:complete_sign_in"),
        lambda rf: advance(request_with_session(rf), TOKENS, next_url=""),
    ),
    "flows.sign_in": (
        crash_in("auth_ui.cognito:initiate_auth"),
        lambda rf: flows.sign_in(
            request_with_session(rf), username=EMAIL, password=SECRET, next_url=""
        ),
    ),
    "flows.answer_challenge": (
        crash_in("auth_ui.cognito:respond_to_challenge"),
        lambda rf: flows.answer_challenge(
            challenge_pending(rf), challenge=CHALLENGE.name, responses={"NEW_PASSWORD": SECRET}
        ),
    ),
    "flows.check_new_password": (
        crash_in("auth_ui.flows.password:is_met"),
        lambda rf: check_new_password(SECRET),
    ),
    "flows.sign_up": (
        crash_in("auth_ui.flows.sign_up:check_new_password"),
        lambda rf: flows.sign_up(
            request_with_session(rf), username=EMAIL, email=EMAIL, password=SECRET, next_url=""
        ),
    ),
    "flows.reset_password": (
        crash_in("auth_ui.flows.password:check_new_password"),
        lambda rf: flows.reset_password(
            request_with_session(rf), username=EMAIL, code="1", password=SECRET
        ),
    ),
}


def challenge_pending(rf):
    request = request_with_session(rf)
    session.store_pending_sign_in(request, session.PendingSignIn(CHALLENGE, ""))
    return request


@pytest.mark.parametrize("holder", HOLDERS)
def test_no_secret_held_by_a_function_reaches_an_error_report(
    holder, rf, monkeypatch, stubber, debug
):
    crash, call = HOLDERS[holder]
    if crash is not None:
        crash(monkeypatch=monkeypatch, stubber=stubber)
    with pytest.raises(Exception) as excinfo:
        call(rf)
    assert holder.split(".")[-1] in frame_names(excinfo)
    assert SECRET not in report_of(excinfo)
    stubber.activate()  # answers a crash left unread are of no interest
    stubber._queue.clear()


# --- 5. concurrent first sign-ins of one new person ------------------------------------------


CLAIMS = {"sub": SUB, "email": EMAIL}


def test_a_first_sign_in_that_loses_the_race_reads_the_winners_user(monkeypatch):
    """Between our lookup and our insert, another request created the user."""
    backend = CognitoBackend()
    winner = backend.authenticate(None, id_token_claims=CLAIMS)
    monkeypatch.setattr(backend, "linked_user", lambda sub: None)  # looked before it committed
    assert backend.authenticate(None, id_token_claims=CLAIMS) == winner
    assert CognitoIdentity.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_sign_ins_make_one_user():
    start = threading.Barrier(6)
    users, errors = [], []

    def sign_in():
        try:
            start.wait()
            users.append(CognitoBackend().authenticate(None, id_token_claims=CLAIMS))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_in) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({user.pk for user in users}) == 1
    assert CognitoIdentity.objects.filter(sub=SUB).count() == 1


# --- 6. a form body in another charset --------------------------------------------------------


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "latin-1", "UTF8", "no-such-charset"])
@pytest.mark.parametrize("url", [SIGN_IN_URL, SIGN_UP_URL, CONFIRM_URL, FORGOT_URL, RESET_URL])
def test_a_body_in_another_charset_gets_our_400_page(url, charset):
    client = Client(enforce_csrf_checks=True, raise_request_exception=True)
    response = client.generic(
        "POST",
        url,
        b"email=a%40example.com&password=x",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "couldn&#x27;t read" in body
    assert "Go to sign in" in body


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_utf8_by_any_name_is_read(client, charset):
    response = client.post(
        SIGN_IN_URL,
        data=b"email=not-an-email&password=x",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 422


# --- 7. misconfiguration is a check error -----------------------------------------------------


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.COGNITO_REGION = "eu-west-1"
    settings.COGNITO_USER_POOL_ID = "eu-west-1_AbC123xyz"
    settings.COGNITO_APP_CLIENT_ID = "client"
    return settings


def check_ids(settings=None) -> list[str]:
    return [error.id for error in production_settings()]


def test_a_complete_production_configuration_passes(production):
    assert check_ids() == []


@pytest.mark.parametrize(
    ("setting", "value", "error_id"),
    [
        ("SECRET_KEY", "", "auth_ui.E001"),
        ("COGNITO_USER_POOL_ID", "", "auth_ui.E002"),
        ("COGNITO_APP_CLIENT_ID", "", "auth_ui.E002"),
        ("COGNITO_REGION", "", "auth_ui.E002"),
        ("COGNITO_USER_POOL_ID", "not-a-pool", "auth_ui.E003"),
        ("COGNITO_REGION", "us-east-1", "auth_ui.E004"),
    ],
)
def test_misconfiguration_is_a_check_error(production, setting, value, error_id):
    setattr(production, setting, value)
    assert error_id in check_ids()
    with pytest.raises((SystemCheckError, ImproperlyConfigured)):
        call_command("check", "--deploy")


def test_development_is_not_held_to_it(settings):
    settings.DEBUG = True
    settings.COGNITO_USER_POOL_ID = ""
    assert check_ids() == []


def test_the_server_refuses_to_start_misconfigured(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "core.settings",
            "DJANGO_ENV_FILE": "/nonexistent/.env",
            "HOME": str(tmp_path),
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60,
            "COGNITO_REGION": "us-east-1",
            "COGNITO_USER_POOL_ID": "eu-west-1_AbC123xyz",
            "COGNITO_APP_CLIENT_ID": "client",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "auth_ui.E004" in result.stderr
    assert "does not match the pool id's 'eu-west-1'" in result.stderr


def test_production_errors_are_logged_to_stderr_with_the_path_and_no_body(
    client, monkeypatch, settings, capfd
):
    import logging.config

    settings.DEBUG = False
    logging.config.dictConfig(settings.LOGGING)
    client.raise_request_exception = False
    monkeypatch.setattr("auth_ui.views.auth.flows.sign_in", boom)
    response = client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 500
    err = capfd.readouterr().err
    assert "Internal Server Error: /auth/sign-in/" in err
    assert "Boom" in err
    assert PASSWORD not in err


# --- 8. HEAD, and the CSRF cookie -------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [SIGN_UP_URL, CONFIRM_URL, SIGN_IN_URL, FORGOT_URL, RESET_URL, "/auth/password/new/"]
)
def test_head_answers_like_get(client, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code
    assert head.get("Location") == get.get("Location")
    assert head.get("Content-Type") == get.get("Content-Type")


def test_head_on_the_account_page_answers_like_get(client):
    assert client.head(ACCOUNT_URL).status_code == client.get(ACCOUNT_URL).status_code == 302


def test_the_csrf_cookie_is_http_only(client):
    response = client.get(SIGN_IN_URL)
    assert response.cookies["csrftoken"]["httponly"] is True


def test_session_state_is_read_through_the_session_module(client):
    assert session.pending_sign_in(session_of(client)) is None


# --- passwords never in an error report's POST ------------------------------------------------


@pytest.mark.parametrize(
    "url", [SIGN_UP_URL, CONFIRM_URL, SIGN_IN_URL, FORGOT_URL, RESET_URL, "/auth/password/new/"]
)
def test_every_credential_view_hides_its_post_from_error_reports(client, url, stubber):
    response = client.post(url, {"email": "not-an-email", "password": PASSWORD})
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = ExceptionReporter(request, None, None, None).filter.get_post_parameters(request)
    assert PASSWORD not in str(cleansed)


def test_an_unknown_profile_attribute_is_a_check_error(settings):
    from auth_ui.checks import profile_attributes

    settings.COGNITO_PROFILE_ATTRIBUTES = ["name", "shoe_size"]
    [error] = profile_attributes()
    assert error.id == "auth_ui.E005" and "shoe_size" in error.msg
    settings.COGNITO_PROFILE_ATTRIBUTES = ["given_name", "family_name"]
    assert profile_attributes() == []
