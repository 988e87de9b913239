"""Pools made for isolated test runs: `POST /_stub/pools` (StubClient.create_pool), a pool's
own reset and deletion, and that a full reset drops them."""

from __future__ import annotations

import re

import pytest
from pycognito.aws_srp import AWSSRP

from cognito_stub import USER_POOL_ID, StubClient, StubClientError

from .helpers import STRONG_PASSWORD, error_of, make_client

EMAIL = "pia@example.org"


@pytest.fixture
def control(stub):
    """The control API over HTTP, as another process uses it."""
    return StubClient(stub.url)


def _sign_up_and_in(stub, cognito, pool: dict) -> dict:
    cognito.sign_up(ClientId=pool["client_id"], Username=EMAIL, Password=STRONG_PASSWORD)
    [message] = stub.outbox(EMAIL, pool_id=pool["user_pool_id"])
    cognito.confirm_sign_up(
        ClientId=pool["client_id"], Username=EMAIL, ConfirmationCode=message["code"]
    )
    return cognito.initiate_auth(
        ClientId=pool["client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": STRONG_PASSWORD},
    )


def test_a_new_pool_has_its_own_ids_users_and_outbox(stub, cognito, control):
    pool = control.create_pool(name="worker-1")
    assert re.fullmatch(r"us-east-1_[A-Za-z0-9]{9}", pool["user_pool_id"])
    assert re.fullmatch(r"[a-z0-9]{26}", pool["client_id"])
    assert pool["client_secret"] is None
    assert pool["issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool['user_pool_id']}"
    assert pool["user_pool_name"] == "worker-1" and pool["endpoint"] == stub.url
    assert "AuthenticationResult" in _sign_up_and_in(stub, cognito, pool)
    assert stub.outbox(EMAIL, pool_id=USER_POOL_ID) == []  # the seeded pool saw nothing
    tokens = AWSSRP(
        EMAIL, STRONG_PASSWORD, pool["user_pool_id"], pool["client_id"], client=cognito
    ).authenticate_user()
    assert "IdToken" in tokens["AuthenticationResult"]


def test_options_secret_flows_mfa_and_rotation(stub, cognito, admin, control):
    pool = control.create_pool(
        client_secret="pool-secret",
        auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        mfa="on",
        refresh_token_rotation=5,
    )
    assert pool["client_secret"] == "pool-secret"
    described = admin.describe_user_pool_client(
        UserPoolId=pool["user_pool_id"], ClientId=pool["client_id"]
    )["UserPoolClient"]
    assert described["ClientSecret"] == "pool-secret"
    assert described["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 5}
    mfa = admin.get_user_pool_mfa_config(UserPoolId=pool["user_pool_id"])
    assert mfa["MfaConfiguration"] == "ON"
    error = error_of(
        cognito.initiate_auth,
        ClientId=pool["client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": STRONG_PASSWORD},
    )
    assert error["Message"] == "USER_PASSWORD_AUTH flow not enabled for this client"


def test_resetting_a_pool_empties_it_and_keeps_its_ids(stub, cognito, admin, control):
    pool = control.create_pool()
    other = control.create_pool()
    _sign_up_and_in(stub, cognito, pool)
    _sign_up_and_in(stub, cognito, other)
    again = control.reset_pool(pool["user_pool_id"])
    assert (again["user_pool_id"], again["client_id"]) == (pool["user_pool_id"], pool["client_id"])
    assert admin.list_users(UserPoolId=pool["user_pool_id"])["Users"] == []
    assert stub.outbox(pool_id=pool["user_pool_id"]) == []
    assert len(admin.list_users(UserPoolId=other["user_pool_id"])["Users"]) == 1  # untouched
    assert "AuthenticationResult" in _sign_up_and_in(stub, cognito, pool)


def test_the_seeded_pool_resets_to_its_seed(stub, cognito, admin, control):
    cognito.sign_up(ClientId=stub.info()["client_id"], Username=EMAIL, Password=STRONG_PASSWORD)
    control.reset_pool(USER_POOL_ID)
    users = admin.list_users(UserPoolId=USER_POOL_ID)["Users"]
    assert [u["UserStatus"] for u in users] == ["CONFIRMED"]  # the demo user alone


def test_delete_unknown_and_bad_requests(stub, admin, control):
    pool = stub.create_pool()  # in-process, same answer
    assert [p["user_pool_id"] for p in control.pools()] == [USER_POOL_ID, pool["user_pool_id"]]
    control.delete_pool(pool["user_pool_id"])
    assert error_of(admin.describe_user_pool, UserPoolId=pool["user_pool_id"])["Code"] == (
        "ResourceNotFoundException"
    )
    with pytest.raises(StubClientError) as missing:
        control.reset_pool("us-east-1_Nope12345")
    assert missing.value.status == 404
    for bad in ({"mfa": "sometimes"}, {"auth_flows": ["ALLOW_EVERYTHING"]}, {"colour": "red"}):
        with pytest.raises(StubClientError) as refused:
            control._create_pool(bad)
        assert refused.value.status == 400


def test_a_full_reset_drops_the_pools_made_since(stub, admin, control):
    pool = control.create_pool()
    control.reset()
    assert error_of(admin.describe_user_pool, UserPoolId=pool["user_pool_id"])["Code"] == (
        "ResourceNotFoundException"
    )
    assert make_client(stub.url, signed=True).describe_user_pool(UserPoolId=USER_POOL_ID)
