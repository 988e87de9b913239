import time
import uuid

import jwt
import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache

from auth_ui.cognito import client as cognito_client_module
from auth_ui.cognito import tokens as tokens_module

from .pages import EMAIL

REGION = "us-east-1"
POOL_ID = "us-east-1_TestPool1"
CLIENT_ID = "testappclient0000000000001"
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL_ID}"
DEFAULT_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}
POLICY_TEXT = (
    "Use at least 8 characters, including an uppercase letter, a lowercase letter, "
    "a number and a symbol."
)


CACHED_FACTORIES = (cognito_client_module.cognito_client, tokens_module.jwks_client)


@pytest.fixture(autouse=True)
def cognito_settings(settings):
    settings.COGNITO_REGION = REGION
    settings.COGNITO_USER_POOL_ID = POOL_ID
    settings.COGNITO_APP_CLIENT_ID = CLIENT_ID
    settings.COGNITO_APP_CLIENT_SECRET = ""
    settings.COGNITO_ENDPOINT_URL = ""
    settings.COGNITO_USING_STUB = False
    settings.COGNITO_AUTO_CONFIRM = False
    settings.COGNITO_USES_USERNAMES = False
    for factory in CACHED_FACTORIES:
        factory.cache_clear()
    cache.clear()
    # The pool's policy, as if DescribeUserPool had already been read and cached.
    cache.set(f"cognito:password-policy:{POOL_ID}", DEFAULT_POLICY)
    yield settings
    for factory in CACHED_FACTORIES:
        factory.cache_clear()


@pytest.fixture
def stubber():
    """botocore's Stubber on the app's one client: every call must be expected, in order."""
    with Stubber(cognito_client_module.cognito_client()) as stub:
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture(scope="session")
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeJwksClient:
    def __init__(self, public_key):
        self.public_key = public_key

    def get_signing_key_from_jwt(self, token):
        return jwt.PyJWK.from_dict(
            {**jwt.algorithms.RSAAlgorithm.to_jwk(self.public_key, as_dict=True), "alg": "RS256"}
        )


@pytest.fixture
def jwks(monkeypatch, signing_key):
    """The pool's JWKS holds our test key (as Cognito's would hold its own)."""
    fake = FakeJwksClient(signing_key.public_key())
    monkeypatch.setattr(tokens_module, "jwks_client", lambda: fake)
    return fake


@pytest.fixture
def make_id_token(signing_key, jwks):
    def make(*, sub=None, email="ada@example.com", key=None, **claims):
        now = int(time.time())
        payload = {
            "sub": sub or str(uuid.uuid4()),
            "email": email,
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "token_use": "id",
            "iat": now,
            "exp": now + 3600,
            **claims,
        }
        return jwt.encode(payload, key or signing_key, algorithm="RS256", headers={"kid": "k1"})

    return make


@pytest.fixture
def auth_result(make_id_token):
    """An InitiateAuth answer carrying a verifiable ID token."""

    def make(**claims):
        return {
            "AuthenticationResult": {
                "IdToken": make_id_token(**claims),
                "AccessToken": "access-token",
                "RefreshToken": "refresh-token",
                "ExpiresIn": 3600,
                "TokenType": "Bearer",
            }
        }

    return make


def client_error(stubber, method, code, message="AWS says no", status=400, params=None):
    stubber.add_client_error(
        method,
        service_error_code=code,
        service_message=message,
        http_status_code=status,
        expected_params=params,
    )


@pytest.fixture
def unreachable(monkeypatch):
    """Cognito cannot be reached at all: the app's client fails to connect."""

    def refuse_to_connect():
        raise EndpointConnectionError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/")

    monkeypatch.setattr("auth_ui.cognito.client.cognito_client", refuse_to_connect)


@pytest.fixture
def cognito_calls():
    """Every call the app's client makes, as (operation, parameters), recorded before it is sent:
    a test asserts what reached Cognito in its own words, not through the Stubber's clean-up."""
    calls: list[tuple[str, dict]] = []
    client = cognito_client_module.cognito_client()

    def record(params, model, **_):
        calls.append((model.name, dict(params)))

    client.meta.events.register("provide-client-params.cognito-idp", record)
    yield calls
    client.meta.events.unregister("provide-client-params.cognito-idp", record)


def expect_user_auth(stubber, answer, preferred="", *, session="", **parameters):
    """InitiateAuth USER_AUTH for EMAIL: with its PREFERRED_CHALLENGE (and e.g. PASSWORD), or
    with ConfirmSignUp's `session` (signing in after confirming)."""
    auth_parameters = {"USERNAME": EMAIL}
    if preferred:
        auth_parameters["PREFERRED_CHALLENGE"] = preferred
    expected = {
        "ClientId": CLIENT_ID,
        "AuthFlow": "USER_AUTH",
        "AuthParameters": {**auth_parameters, **parameters},
    }
    if session:
        expected["Session"] = session
    stubber.add_response("initiate_auth", answer, expected)


def expect_get_user(
    stubber, *, email="ada@example.com", verified=True, mfa=(), preferred="", **attributes
):
    """Cognito's GetUser answer for the account pages (with its MFA methods, if any)."""
    values = {"email": email, "email_verified": "true" if verified else "false", **attributes}
    answer = {
        "Username": "3f1c2b7e-0000-4000-8000-000000000001",
        "UserAttributes": [{"Name": k, "Value": v} for k, v in values.items()],
    }
    if mfa:
        answer["UserMFASettingList"] = list(mfa)
    if preferred:
        answer["PreferredMfaSetting"] = preferred
    stubber.add_response("get_user", answer)
