"""The gateway: exact parameters sent to Cognito, and every refusal mapped to plain words."""

import base64
import hashlib
import hmac
import logging

import pytest
from botocore.exceptions import (
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from auth_ui import cognito
from auth_ui.cognito import client as client_module
from auth_ui.cognito.errors import MESSAGES, WRONG_CREDENTIALS

from .conftest import CLIENT_ID, DEFAULT_POLICY, POOL_ID, client_error

TRICKY_PASSWORD = "  spaced out 🦄 Pässwörd-1 " + "x" * 64
SECRET = "s3cr3t-app-client-secret"
SESSION = "challenge-session-" + "x" * 20


def expected_hash(username: str) -> str:
    digest = hmac.new(SECRET.encode(), (username + CLIENT_ID).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


@pytest.fixture
def with_secret(settings):
    settings.COGNITO_APP_CLIENT_SECRET = SECRET
    return settings


DELIVERY = {"CodeDeliveryDetails": {"Destination": "a***@e***", "DeliveryMedium": "EMAIL"}}


def test_sign_up_sends_the_password_exactly_as_typed(stubber):
    stubber.add_response(
        "sign_up",
        {"UserConfirmed": False, "UserSub": "sub-1", **DELIVERY},
        {
            "ClientId": CLIENT_ID,
            "Username": "ada@example.com",
            "Password": TRICKY_PASSWORD,
            "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}],
        },
    )
    destination = cognito.sign_up(
        username="ada@example.com", email="ada@example.com", password=TRICKY_PASSWORD
    )
    assert destination == "a***@e***"


def test_sign_up_adds_secret_hash_when_the_client_has_a_secret(stubber, with_secret):
    stubber.add_response(
        "sign_up",
        {"UserConfirmed": False, "UserSub": "sub-1"},
        {
            "ClientId": CLIENT_ID,
            "Username": "ada@example.com",
            "Password": "Passw0rd!",
            "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}],
            "SecretHash": expected_hash("ada@example.com"),
        },
    )
    cognito.sign_up(username="ada@example.com", email="ada@example.com", password="Passw0rd!")


@pytest.mark.parametrize("secret", ["", SECRET])
def test_every_public_call_sends_exact_parameters(stubber, settings, secret):
    settings.COGNITO_APP_CLIENT_SECRET = secret
    user = "ada@example.com"
    hashed = {"SecretHash": expected_hash(user)} if secret else {}
    auth_hash = {"SECRET_HASH": expected_hash(user)} if secret else {}
    stubber.add_response(
        "confirm_sign_up",
        {},
        {"ClientId": CLIENT_ID, "Username": user, "ConfirmationCode": "123456", **hashed},
    )
    stubber.add_response(
        "resend_confirmation_code",
        DELIVERY,
        {"ClientId": CLIENT_ID, "Username": user, **hashed},
    )
    stubber.add_response(
        "initiate_auth",
        {"ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": SESSION},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": user, "PASSWORD": TRICKY_PASSWORD, **auth_hash},
        },
    )
    stubber.add_response(
        "respond_to_auth_challenge",
        {"AuthenticationResult": {"IdToken": "i", "AccessToken": "a", "ExpiresIn": 60}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": SESSION,
            "ChallengeResponses": {"USERNAME": user, "NEW_PASSWORD": "N3w-pass!", **auth_hash},
        },
    )
    stubber.add_response(
        "forgot_password", DELIVERY, {"ClientId": CLIENT_ID, "Username": user, **hashed}
    )
    stubber.add_response(
        "confirm_forgot_password",
        {},
        {
            "ClientId": CLIENT_ID,
            "Username": user,
            "ConfirmationCode": "654321",
            "Password": TRICKY_PASSWORD,
            **hashed,
        },
    )
    revoke = {"Token": "refresh", "ClientId": CLIENT_ID}
    stubber.add_response(
        "revoke_token", {}, {**revoke, **({"ClientSecret": SECRET} if secret else {})}
    )

    cognito.confirm_sign_up(username=user, code="123456")
    assert cognito.resend_confirmation_code(username=user) == "a***@e***"
    challenge = cognito.initiate_auth(username=user, password=TRICKY_PASSWORD)
    assert challenge == cognito.Challenge(
        name="NEW_PASSWORD_REQUIRED", session=SESSION, username=user
    )
    tokens = cognito.respond_to_new_password(challenge=challenge, password="N3w-pass!")
    assert tokens == cognito.Tokens(id_token="i", access_token="a", refresh_token="", expires_in=60)
    cognito.forgot_password(username=user)
    cognito.confirm_forgot_password(username=user, code="654321", password=TRICKY_PASSWORD)
    cognito.revoke_token(refresh_token="refresh")


def test_initiate_auth_returns_tokens(stubber):
    stubber.add_response(
        "initiate_auth",
        {
            "AuthenticationResult": {
                "IdToken": "id",
                "AccessToken": "access",
                "RefreshToken": "refresh",
                "ExpiresIn": 3600,
            }
        },
    )
    assert cognito.initiate_auth(username="a@example.com", password="p") == cognito.Tokens(
        id_token="id", access_token="access", refresh_token="refresh", expires_in=3600
    )


def test_admin_confirm_uses_the_pool(stubber):
    stubber.add_response(
        "admin_confirm_sign_up", {}, {"UserPoolId": POOL_ID, "Username": "ada@example.com"}
    )
    cognito.admin_confirm_sign_up(username="ada@example.com")


@pytest.mark.parametrize("code", sorted(c for c in MESSAGES if c.endswith("Exception")))
def test_every_mapped_cognito_error_becomes_plain_words(stubber, code):
    field, message, status = MESSAGES[code]
    client_error(stubber, "initiate_auth", code, message="AWS internal wording 42")
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    error = raised.value
    assert (error.code, error.field, error.status) == (code, field, status)
    assert error.message == message
    assert "AWS internal wording" not in str(error.message)
    assert status in {422, 429, 503}


def test_wrong_password_and_unknown_user_read_the_same(stubber):
    client_error(
        stubber, "initiate_auth", "NotAuthorizedException", "Incorrect username or password."
    )
    client_error(stubber, "initiate_auth", "UserNotFoundException", "User does not exist.")
    messages = []
    for _ in range(2):
        with pytest.raises(cognito.AuthError) as raised:
            cognito.initiate_auth(username="a@example.com", password="p")
        messages.append(str(raised.value.message))
    assert messages == [str(WRONG_CREDENTIALS)] * 2


@pytest.mark.parametrize(
    ("aws_message", "code", "status"),
    [
        ("Password attempts exceeded", "PasswordAttemptsExceeded", 429),
        ("User cannot be confirmed. Current status is CONFIRMED", "AlreadyConfirmed", 422),
        ("Invalid session for the user, session is expired.", "SessionExpired", 422),
    ],
)
def test_not_authorized_variants_are_told_apart(stubber, aws_message, code, status):
    client_error(stubber, "initiate_auth", "NotAuthorizedException", aws_message)
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert (raised.value.code, raised.value.status) == (code, status)


def test_too_many_requests_is_429(stubber):
    # The Stubber answers before botocore's retry handler; the stub's tests cover retries.
    client_error(stubber, "sign_up", "TooManyRequestsException", status=400)
    with pytest.raises(cognito.AuthError) as raised:
        cognito.sign_up(username="a@example.com", email="a@example.com", password="p")
    assert raised.value.status == 429


def test_unknown_user_on_a_code_step_reads_as_a_wrong_code(stubber):
    client_error(stubber, "confirm_forgot_password", "UserNotFoundException")
    with pytest.raises(cognito.AuthError) as raised:
        cognito.confirm_forgot_password(username="nobody@example.com", code="123456", password="p")
    assert (raised.value.code, raised.value.field) == ("CodeMismatchException", "code")


def test_unmapped_error_is_503_and_logged_without_aws_text(stubber, caplog):
    client_error(stubber, "initiate_auth", "BrandNewException", "secret detail")
    with (
        caplog.at_level(logging.ERROR, logger="auth_ui"),
        pytest.raises(cognito.AuthError) as raised,
    ):
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.status == 503
    assert "BrandNewException" in caplog.text
    assert "secret detail" not in caplog.text


@pytest.mark.parametrize(
    "exc",
    [
        EndpointConnectionError(endpoint_url="http://x"),
        ConnectTimeoutError(endpoint_url="http://x"),
        ReadTimeoutError(endpoint_url="http://x"),
        NoCredentialsError(),
    ],
)
def test_transport_failures_are_service_unavailable(monkeypatch, exc):
    class Broken:
        def initiate_auth(self, **_):
            raise exc

    monkeypatch.setattr("auth_ui.cognito.api.cognito_client", lambda: Broken())
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.status == 503
    assert raised.value.code == "ServiceUnavailable"


def test_a_refused_connection_is_service_unavailable(settings):
    settings.COGNITO_ENDPOINT_URL = "http://127.0.0.1:9"
    settings.COGNITO_CONNECT_TIMEOUT = 0.5
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.status == 503


@pytest.mark.parametrize("code", ["UserNotFoundException", "InvalidParameterException"])
def test_forgot_password_never_reveals_whether_the_account_exists(stubber, code):
    client_error(stubber, "forgot_password", code)
    assert cognito.forgot_password(username="nobody@example.com") is None


def test_forgot_password_still_reports_throttling(stubber):
    client_error(stubber, "forgot_password", "TooManyRequestsException")
    with pytest.raises(cognito.AuthError):
        cognito.forgot_password(username="a@example.com")


def test_password_policy_is_read_from_the_pool_and_cached(stubber):
    cache.clear()
    policy = {**DEFAULT_POLICY, "MinimumLength": 12, "RequireSymbols": False}
    stubber.add_response(
        "describe_user_pool",
        {"UserPool": {"Id": POOL_ID, "Policies": {"PasswordPolicy": policy}}},
        {"UserPoolId": POOL_ID},
    )
    assert cognito.password_policy() == policy
    assert cognito.password_policy() == policy  # second read: no call left in the Stubber


def test_password_policy_falls_back_to_settings(stubber, settings):
    cache.clear()
    client_error(stubber, "describe_user_pool", "AccessDeniedException")
    assert cognito.password_policy() == settings.COGNITO_PASSWORD_POLICY


def test_missing_settings_are_all_named(settings):
    settings.COGNITO_REGION = ""
    settings.COGNITO_USER_POOL_ID = ""
    client_module.cognito_client.cache_clear()
    with pytest.raises(ImproperlyConfigured) as raised:
        client_module.cognito_settings()
    assert "COGNITO_REGION" in str(raised.value)
    assert "COGNITO_USER_POOL_ID" in str(raised.value)


def test_client_uses_standard_retries_and_the_endpoint(settings):
    settings.COGNITO_ENDPOINT_URL = "http://127.0.0.1:9229"
    client = client_module.cognito_client()
    assert client.meta.endpoint_url == "http://127.0.0.1:9229"
    # botocore reads max_attempts=3 as three retries: four attempts in all.
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 4}
    assert client.meta.config.connect_timeout == settings.COGNITO_CONNECT_TIMEOUT
    assert client is client_module.cognito_client()
