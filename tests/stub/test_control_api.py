"""The /_stub/ control API: call counts, outbox, reset, and StubClient over HTTP."""

from __future__ import annotations

import pytest

from cognito_stub import (
    APP_CLIENT_ID,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    USER_POOL_ID,
    StubClient,
    StubClientError,
    StubServer,
)

from .helpers import error_of, make_client, refresh, sign_in, sign_up


def test_calls_are_counted_per_operation(stub, cognito):
    sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    error_of(sign_in, cognito, DEMO_EMAIL, "wrong")
    sign_up(cognito, "count@example.org")
    assert stub.calls() == {"InitiateAuth": 2, "SignUp": 1}
    stub.clear_calls()
    assert stub.calls() == {}


def test_faulted_calls_are_counted_too(stub, cognito):
    stub.inject_fault("InitiateAuth", "TooManyRequestsException")
    error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert stub.calls() == {"InitiateAuth": 1}


def test_outbox_is_newest_first_and_filters_by_recipient(stub, cognito):
    sign_up(cognito, "Ann@Example.org")
    sign_up(cognito, "bob@example.org")
    cognito.resend_confirmation_code(ClientId=APP_CLIENT_ID, Username="ann@example.org")
    assert [m["to"] for m in stub.outbox()] == [
        "Ann@Example.org",
        "bob@example.org",
        "Ann@Example.org",
    ]
    assert [m["purpose"] for m in stub.outbox(to="ANN@example.org")] == ["resend", "sign_up"]
    assert stub.outbox(to="nobody@example.org") == []


def test_reset_wipes_users_and_restores_the_seed(stub, cognito, admin):
    sign_up(cognito, "gone@example.org")
    stub.inject_fault("SignUp", "TooManyRequestsException")
    admin.admin_delete_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)

    stub.reset()

    assert stub.outbox() == [] and stub.faults() == [] and stub.calls() == {}
    users = admin.list_users(UserPoolId=USER_POOL_ID)["Users"]
    emails = [{a["Name"]: a["Value"] for a in u["Attributes"]}["email"] for u in users]
    assert emails == [DEMO_EMAIL]
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    pools = admin.list_user_pools(MaxResults=10)["UserPools"]
    assert [p["Id"] for p in pools] == [USER_POOL_ID]


def test_reset_clears_lockouts_and_revoked_tokens(stub, cognito, admin):
    sub = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)["Username"]
    token = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]["RefreshToken"]
    cognito.revoke_token(Token=token, ClientId=APP_CLIENT_ID)
    for _ in range(5):
        error_of(sign_in, cognito, DEMO_EMAIL, "wrong")
    assert error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)["Message"] == (
        "Password attempts exceeded"
    )
    assert error_of(refresh, cognito, token)["Message"] == "Refresh Token has been revoked"
    lockouts = stub.engine.state.lockouts
    assert lockouts.is_locked(sub)

    stub.reset()

    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    # The re-seeded demo user has a new sub, so over HTTP a stale lockout would not show:
    # look at the book itself.
    assert not lockouts.is_locked(sub)
    # the old token is now one the stub never issued, not one it remembers revoking
    assert error_of(refresh, cognito, token)["Message"] == "Invalid Refresh Token"


def test_stub_client_mirrors_the_in_process_api(stub, cognito):
    client = StubClient(stub.url)
    info = client.info()
    assert (info["user_pool_id"], info["client_id"]) == (USER_POOL_ID, APP_CLIENT_ID)

    sign_up(cognito, "http@example.org")
    assert client.outbox() == stub.outbox()
    assert client.outbox(to="HTTP@example.org") == stub.outbox(to="http@example.org")
    assert client.latest_code("http@example.org") == stub.latest_code("http@example.org")
    assert client.calls() == stub.calls() == {"SignUp": 1}
    client.clear_calls()
    assert stub.calls() == {}

    fault = client.inject_fault("InitiateAuth", "TooManyRequestsException", times=2, delay_ms=5)
    assert fault["times"] == 2 and fault["status"] == 400
    assert client.faults() == stub.faults()
    client.clear_faults()
    assert stub.faults() == []

    assert client.expire_codes(to="http@example.org") == 1
    assert client.expire_codes() == 0

    client.reset()
    assert stub.outbox() == []
    with pytest.raises(StubClientError) as info:
        client.inject_fault("InitiateAuth")  # neither an error nor a delay
    assert info.value.status == 400


def test_unknown_control_endpoint_is_404(stub):
    with pytest.raises(StubClientError) as info:
        StubClient(stub.url)._request("GET", "/_stub/nope")
    assert info.value.status == 404


def test_unknown_operation_is_an_aws_style_error(stub):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(  # noqa: S310
        stub.url + "/",
        data=b"{}",
        method="POST",
        headers={
            "X-Amz-Target": "AWSCognitoIdentityProviderService.NoSuchThing",
            "Content-Type": "application/x-amz-json-1.1",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310
    assert info.value.code == 400
    assert info.value.headers["x-amzn-ErrorType"] == "UnsupportedOperationException"


def test_sequential_servers_each_start_clean(stub):
    """moto's state is process-global; every start() must wipe it (the session stub is
    re-seeded by the autouse reset afterwards)."""
    with StubServer(port=0, echo=False) as first:
        sign_up(make_client(first.url), "first@example.org")
        assert len(first.outbox()) == 1
    with StubServer(port=0, echo=False) as second:
        admin = make_client(second.url, signed=True)
        users = admin.list_users(UserPoolId=USER_POOL_ID)["Users"]
        assert len(users) == 1  # only the demo user
        assert second.outbox() == []


def test_restart_on_the_same_port(stub):
    server = StubServer(port=0, echo=False).start()
    port = server.port
    server.stop()
    again = StubServer(port=port, echo=False).start()
    try:
        assert again.port == port
        assert StubClient(again.url).info()["ok"] is True
    finally:
        again.stop()
