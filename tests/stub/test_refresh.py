"""GetTokensFromRefreshToken, and refresh-token rotation (a new refresh token each time, the
old one good for the client's grace period on the stub's clock)."""

from __future__ import annotations

import jwt
import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, SECRET_CLIENT_ID, USER_POOL_ID
from cognito_stub.users import secret_hash

from .helpers import error_of, refresh, signed_in

INVALID = ("NotAuthorizedException", "Invalid Refresh Token")


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _rotating_client(admin, grace: int) -> str:
    return admin.create_user_pool_client(
        UserPoolId=USER_POOL_ID,
        ClientName=f"rotating-{grace}",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": grace},
    )["UserPoolClient"]["ClientId"]


def _tokens(cognito, client_id: str) -> dict:
    return cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL, "PASSWORD": DEMO_PASSWORD},
    )["AuthenticationResult"]


def _renew(cognito, token: str, client_id: str = APP_CLIENT_ID, **extra) -> dict:
    return cognito.get_tokens_from_refresh_token(RefreshToken=token, ClientId=client_id, **extra)[
        "AuthenticationResult"
    ]


def test_new_tokens_from_a_refresh_token_keep_the_sign_in(cognito):
    first = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    renewed = _renew(cognito, first["RefreshToken"])
    assert "RefreshToken" not in renewed  # no rotation on this client
    assert renewed["TokenType"] == "Bearer" and renewed["ExpiresIn"] == 3600
    before, after = _claims(first["AccessToken"]), _claims(renewed["AccessToken"])
    for claim in ("event_id", "origin_jti", "auth_time", "sub"):
        assert before[claim] == after[claim]
    assert before["jti"] != after["jti"]
    assert _claims(renewed["IdToken"])["event_id"] == before["event_id"]
    assert cognito.get_user(AccessToken=renewed["AccessToken"])["Username"] == before["sub"]


def test_refusals_unknown_revoked_and_another_clients(stub, cognito):
    unknown = error_of(_renew, cognito, "no-such-token")
    assert (unknown["Code"], unknown["Message"]) == INVALID
    token = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["RefreshToken"]
    secret = stub.info()["secret_client_secret"]
    other = error_of(_renew, cognito, token, SECRET_CLIENT_ID, ClientSecret=secret)
    assert (other["Code"], other["Message"]) == INVALID
    cognito.revoke_token(Token=token, ClientId=APP_CLIENT_ID)
    assert error_of(_renew, cognito, token)["Message"] == "Refresh Token has been revoked"


def test_a_client_with_a_secret_needs_it(stub, cognito):
    secret = stub.info()["secret_client_secret"]
    token = cognito.initiate_auth(
        ClientId=SECRET_CLIENT_ID,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": DEMO_EMAIL,
            "PASSWORD": DEMO_PASSWORD,
            "SECRET_HASH": secret_hash(secret, DEMO_EMAIL, SECRET_CLIENT_ID),
        },
    )["AuthenticationResult"]["RefreshToken"]
    missing = error_of(_renew, cognito, token, SECRET_CLIENT_ID)
    assert missing["Message"] == f"Unable to verify secret hash for client {SECRET_CLIENT_ID}"
    assert "AccessToken" in _renew(cognito, token, SECRET_CLIENT_ID, ClientSecret=secret)


def test_rotation_gives_a_new_refresh_token_and_the_old_one_a_grace_period(cognito, admin, clock):
    client_id = _rotating_client(admin, grace=30)
    old = _tokens(cognito, client_id)["RefreshToken"]
    renewed = _renew(cognito, old, client_id)
    new = renewed["RefreshToken"]
    assert new != old
    clock.advance(29)
    retried = _renew(cognito, old, client_id)  # a retry within the grace period
    assert retried["RefreshToken"] not in (old, new)
    clock.advance(1)
    late = error_of(_renew, cognito, old, client_id)
    assert (late["Code"], late["Message"]) == INVALID
    assert "AccessToken" in _renew(cognito, new, client_id)


def test_rotation_without_a_grace_period_ends_the_old_token_at_once(cognito, admin):
    client_id = _rotating_client(admin, grace=0)
    old = _tokens(cognito, client_id)["RefreshToken"]
    new = _renew(cognito, old, client_id)["RefreshToken"]
    assert (error_of(_renew, cognito, old, client_id)["Message"]) == INVALID[1]
    assert "AccessToken" in _renew(cognito, new, client_id)


def test_a_rotating_client_refreshes_only_with_get_tokens_from_refresh_token(cognito, admin):
    client_id = _rotating_client(admin, grace=10)
    token = _tokens(cognito, client_id)["RefreshToken"]
    error = error_of(refresh, cognito, token, client_id)
    assert error["Code"] == "InvalidParameterException"
    described = admin.describe_user_pool_client(UserPoolId=USER_POOL_ID, ClientId=client_id)
    rotation = described["UserPoolClient"]["RefreshTokenRotation"]
    assert rotation == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}


@pytest.mark.parametrize("flow", ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"])
def test_refresh_token_auth_keeps_working_without_rotation(cognito, flow):
    token = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["RefreshToken"]
    answer = cognito.initiate_auth(
        ClientId=APP_CLIENT_ID, AuthFlow=flow, AuthParameters={"REFRESH_TOKEN": token}
    )
    assert "RefreshToken" not in answer["AuthenticationResult"]
