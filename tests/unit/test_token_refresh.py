"""A signed-in session keeps its Cognito tokens fresh, or ends when Cognito says no."""

import time

import boto3
import pytest

import cognito_stub
from auth_ui import cognito, session
from auth_ui.flows.session import REFRESH_LEEWAY_SECONDS

from .conftest import CLIENT_ID, client_error
from .pages import session_of
from .test_cognito_gateway import SECRET, expected_hash

pytestmark = pytest.mark.django_db

EMAIL = "ada@example.com"
SUB = "7d1c0e6a-0000-4000-8000-00000000000a"
PASSWORD = "Str0ng-Passw0rd!"
# A page for the signed-in only that asks Cognito nothing itself: only the middleware does.
SIGNED_IN_PAGE = "/account/password/"


@pytest.fixture
def signed_in(client, stubber, auth_result):
    stubber.add_response(
        "initiate_auth", auth_result(sub=SUB, email=EMAIL, **{"cognito:username": SUB})
    )
    response = client.post("/auth/sign-in/", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    return client


def expire(client, seconds_left: float = -1) -> None:
    stored = client.session
    stored[session.TOKENS_META_KEY]["expires_at"] = time.time() + seconds_left
    stored.save()


def refresh_expected(stubber, response, *, secret_hash=None):
    params = {"REFRESH_TOKEN": "refresh-token"}
    if secret_hash:
        params["SECRET_HASH"] = secret_hash
    stubber.add_response(
        "initiate_auth",
        response,
        {"ClientId": CLIENT_ID, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": params},
    )


def test_tokens_are_stored_with_their_expiry_and_cognito_username(signed_in):
    meta = signed_in.session[session.TOKENS_META_KEY]
    assert meta["username"] == SUB
    assert 3500 < meta["expires_at"] - time.time() <= 3600


def test_fresh_tokens_are_left_alone(signed_in, monkeypatch):
    def refuse_to_be_called(**_):
        raise AssertionError("refreshed tokens that were still fresh")

    monkeypatch.setattr(cognito, "refresh_tokens", refuse_to_be_called)
    expire(signed_in, seconds_left=REFRESH_LEEWAY_SECONDS + 30)
    assert signed_in.get(SIGNED_IN_PAGE).status_code == 200


def test_expiring_tokens_are_refreshed_and_kept_in_the_session(signed_in, stubber, make_id_token):
    expire(signed_in)
    new_id_token = make_id_token(sub=SUB, email=EMAIL)
    refresh_expected(
        stubber,
        {"AuthenticationResult": {"IdToken": new_id_token, "AccessToken": "new-access"}},
    )
    response = signed_in.get(SIGNED_IN_PAGE)
    assert response.status_code == 200
    tokens = session.Tokens(**signed_in.session[session.TOKENS_KEY])
    assert (tokens.id_token, tokens.access_token) == (new_id_token, "new-access")
    assert tokens.refresh_token == "refresh-token"  # Cognito sends none back; ours is kept
    assert signed_in.session[session.TOKENS_META_KEY]["expires_at"] > time.time() + 3000


@pytest.mark.parametrize(
    "aws_message", ["Refresh Token has been revoked", "User is disabled.", "Invalid Refresh Token"]
)
def test_a_refused_refresh_signs_the_person_out(signed_in, stubber, aws_message):
    expire(signed_in)
    client_error(stubber, "initiate_auth", "NotAuthorizedException", aws_message)
    response = signed_in.get(SIGNED_IN_PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/auth/sign-in/?next=/account/password/"
    assert "_auth_user_id" not in signed_in.session
    assert session.TOKENS_KEY not in signed_in.session


@pytest.mark.parametrize(
    ("code", "status"), [("InternalErrorException", 500), ("TooManyRequestsException", 400)]
)
def test_an_outage_or_throttling_keeps_the_session(signed_in, stubber, code, status):
    expire(signed_in)
    client_error(stubber, "initiate_auth", code, status=status)
    assert signed_in.get(SIGNED_IN_PAGE).status_code == 200
    assert "_auth_user_id" in signed_in.session


def test_tokens_for_another_user_end_the_session(signed_in, stubber, make_id_token):
    expire(signed_in)
    someone_else = make_id_token(sub="another-sub", email="eve@example.com")
    refresh_expected(
        stubber, {"AuthenticationResult": {"IdToken": someone_else, "AccessToken": "a"}}
    )
    assert signed_in.get(SIGNED_IN_PAGE).status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_refresh_sends_secret_hash_for_cognitos_username(
    client, stubber, auth_result, make_id_token, settings, cognito_calls
):
    settings.COGNITO_APP_CLIENT_SECRET = SECRET
    stubber.add_response(
        "initiate_auth", auth_result(sub=SUB, email=EMAIL, **{"cognito:username": SUB})
    )
    client.post("/auth/sign-in/", {"email": EMAIL, "password": PASSWORD})
    expire(client)
    refresh_expected(
        stubber,
        {"AuthenticationResult": {"IdToken": make_id_token(sub=SUB), "AccessToken": "a"}},
        secret_hash=expected_hash(SUB),
    )
    assert client.get(SIGNED_IN_PAGE).status_code == 200
    operation, params = cognito_calls[-1]
    assert operation == "InitiateAuth"
    assert params["AuthParameters"]["SECRET_HASH"] == expected_hash(SUB)
    assert session.stored_tokens(session_of(client)).access_token == "a"  # refreshed, not kept


@pytest.fixture(scope="module")
def local_cognito():
    """The real stub over HTTP: the refresh flow as Cognito's protocol answers it."""
    with cognito_stub.StubServer(port=0, echo=False) as stub:
        yield stub


def test_against_the_stub_refresh_works_until_the_user_is_disabled(client, settings, local_cognito):
    settings.COGNITO_REGION = cognito_stub.REGION
    settings.COGNITO_USER_POOL_ID = cognito_stub.USER_POOL_ID
    settings.COGNITO_APP_CLIENT_ID = cognito_stub.APP_CLIENT_ID
    settings.COGNITO_ENDPOINT_URL = local_cognito.url
    signed_in = {"email": cognito_stub.DEMO_EMAIL, "password": cognito_stub.DEMO_PASSWORD}
    assert client.post("/auth/sign-in/", signed_in).status_code == 302
    first_id_token = client.session[session.TOKENS_KEY]["id_token"]

    expire(client)
    assert client.get(SIGNED_IN_PAGE).status_code == 200
    assert client.session[session.TOKENS_KEY]["id_token"] != first_id_token
    assert local_cognito.calls()["InitiateAuth"] == 2

    admin = boto3.client(
        "cognito-idp",
        region_name=cognito_stub.REGION,
        endpoint_url=local_cognito.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    admin.admin_disable_user(UserPoolId=cognito_stub.USER_POOL_ID, Username=cognito_stub.DEMO_EMAIL)
    expire(client)
    assert client.get(SIGNED_IN_PAGE).status_code == 302
    assert "_auth_user_id" not in client.session
