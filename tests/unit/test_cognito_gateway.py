"""The gateway: exact parameters sent to Cognito, and every refusal classified into a code."""

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
from auth_ui.cognito.errors import COGNITO_CODES

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
    cognito.resend_confirmation_code(username=user)
    challenge = cognito.initiate_auth(username=user, password=TRICKY_PASSWORD)
    assert challenge == cognito.Challenge(
        name="NEW_PASSWORD_REQUIRED", session=SESSION, username=user, parameters={}
    )
    tokens = cognito.respond_to_challenge(
        challenge=challenge, responses={"NEW_PASSWORD": "N3w-pass!"}
    )
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


@pytest.mark.parametrize("code", sorted(COGNITO_CODES))
def test_every_known_cognito_error_keeps_its_code_and_drops_aws_wording(stubber, code):
    client_error(stubber, "initiate_auth", code, message="AWS internal wording 42")
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.code == code
    assert "AWS internal wording" not in repr(raised.value)


@pytest.mark.parametrize(
    ("aws_message", "code"),
    [
        ("Password attempts exceeded", "PasswordAttemptsExceeded"),
        ("User cannot be confirmed. Current status is CONFIRMED", "AlreadyConfirmed"),
        ("Invalid session for the user, session is expired.", "SessionExpired"),
        ("Incorrect username or password.", "NotAuthorizedException"),
    ],
)
def test_not_authorized_variants_are_told_apart(stubber, aws_message, code):
    client_error(stubber, "initiate_auth", "NotAuthorizedException", aws_message)
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("code", "aws_message"),
    [
        ("UserNotFoundException", "User does not exist."),
        ("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"),
        ("NotAuthorizedException", "User is disabled."),
    ],
)
@pytest.mark.parametrize("operation", ["confirm_sign_up", "confirm_forgot_password"])
def test_on_a_code_step_the_account_state_reads_as_a_wrong_code(
    stubber, operation, code, aws_message
):
    client_error(stubber, operation, code, aws_message)
    params = {"username": "nobody@example.com", "code": "123456"}
    if operation == "confirm_forgot_password":
        params["password"] = "N3w-pass!"
    with pytest.raises(cognito.AuthError) as raised:
        getattr(cognito, operation)(**params)
    assert raised.value.code == "CodeMismatchException"


def test_unmapped_error_is_unavailable_and_logged_without_aws_text(stubber, caplog):
    client_error(stubber, "initiate_auth", "BrandNewException", "secret detail")
    with (
        caplog.at_level(logging.ERROR, logger="auth_ui"),
        pytest.raises(cognito.AuthError) as raised,
    ):
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.code == "ServiceUnavailable"
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

    monkeypatch.setattr("auth_ui.cognito.client.cognito_client", lambda: Broken())
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.code == "ServiceUnavailable"


def test_a_refused_connection_is_service_unavailable(settings):
    settings.COGNITO_ENDPOINT_URL = "http://127.0.0.1:9"
    settings.COGNITO_CONNECT_TIMEOUT = 0.5
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username="a@example.com", password="p")
    assert raised.value.code == "ServiceUnavailable"


@pytest.mark.parametrize(
    "code", ["UserNotFoundException", "InvalidParameterException", "NotAuthorizedException"]
)
@pytest.mark.parametrize("operation", ["forgot_password", "resend_confirmation_code"])
def test_sending_a_code_never_reveals_whether_the_account_exists(stubber, operation, code):
    client_error(stubber, operation, code)
    assert getattr(cognito, operation)(username="nobody@example.com") is None


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


def test_the_pools_mfa_is_read_once_and_cached(stubber):
    from auth_ui.cognito import mfa

    cache.clear()
    stubber.add_response(
        "get_user_pool_mfa_config",
        {
            "MfaConfiguration": "ON",
            "SoftwareTokenMfaConfiguration": {"Enabled": True},
            "EmailMfaConfiguration": {"Message": "{####}"},
        },
        {"UserPoolId": POOL_ID},
    )
    expected = mfa.PoolMfa(mode="ON", methods=("SOFTWARE_TOKEN_MFA", "EMAIL_OTP"))
    assert mfa.pool_mfa() == expected
    assert mfa.pool_mfa() == expected  # second read: no call left in the Stubber
    assert mfa.pool_mfa().required


def test_the_pools_mfa_falls_back_to_settings(stubber, settings):
    from auth_ui.cognito import mfa

    cache.clear()
    settings.COGNITO_MFA = {"mode": "OPTIONAL", "methods": ["SOFTWARE_TOKEN_MFA"]}
    client_error(stubber, "get_user_pool_mfa_config", "AccessDeniedException")
    assert mfa.pool_mfa() == mfa.PoolMfa(mode="OPTIONAL", methods=("SOFTWARE_TOKEN_MFA",))


def test_mfa_calls_send_exact_parameters(stubber):
    from auth_ui.cognito import mfa

    stubber.add_response(
        "associate_software_token",
        {"SecretCode": "S" * 32, "Session": SESSION},
        {"Session": "x" * 20},
    )
    assert mfa.associate_software_token(session="x" * 20) == mfa.Association("S" * 32, SESSION)
    stubber.add_response(
        "verify_software_token",
        {"Status": "SUCCESS"},
        {"AccessToken": "access", "UserCode": "123456"},
    )
    assert mfa.verify_software_token(code="123456", access_token="access") == ""
    stubber.add_response(
        "set_user_mfa_preference",
        {},
        {"AccessToken": "access", "EmailMfaSettings": {"Enabled": True, "PreferredMfa": False}},
    )
    mfa.set_mfa_preference(access_token="access", method="EMAIL_OTP", enabled=True, preferred=False)
    stubber.add_response("verify_software_token", {"Status": "ERROR"})
    with pytest.raises(cognito.AuthError) as raised:
        mfa.verify_software_token(code="000000", access_token="access")
    assert raised.value.code == "CodeMismatchException"
