"""The admin flows under Cognito's rules (the client must allow them, unknown users are masked,
wrong passwords count toward the lockout), ExplicitAuthFlows for every flow, and
AdminCreateUser's invitation with a temporary password."""

from __future__ import annotations

import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, USER_POOL_ID

from .helpers import NEW_PASSWORD, TEMPORARY_PASSWORD, choose_new_password, error_of, sign_in

EMAIL = "ida@example.org"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


def _client(admin, *flows: str) -> str:
    return admin.create_user_pool_client(
        UserPoolId=USER_POOL_ID, ClientName="flows", ExplicitAuthFlows=list(flows)
    )["UserPoolClient"]["ClientId"]


def _admin_sign_in(admin, client_id: str, username: str, password: str) -> dict:
    return admin.admin_initiate_auth(
        UserPoolId=USER_POOL_ID,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )


def test_the_admin_flow_needs_the_client_to_allow_it(admin):
    error = error_of(_admin_sign_in, admin, APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD)
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterException",
        "Auth flow not enabled for this client",
    )
    allowed = _client(admin, "ALLOW_ADMIN_USER_PASSWORD_AUTH")
    assert "AuthenticationResult" in _admin_sign_in(admin, allowed, DEMO_EMAIL, DEMO_PASSWORD)


def test_the_admin_flow_masks_unknown_users_and_counts_wrong_passwords(admin):
    client_id = _client(admin, "ALLOW_ADMIN_USER_PASSWORD_AUTH")
    unknown = error_of(_admin_sign_in, admin, client_id, "nobody@example.org", DEMO_PASSWORD)
    assert (unknown["Code"], unknown["Message"]) == INCORRECT
    for _ in range(5):
        wrong = error_of(_admin_sign_in, admin, client_id, DEMO_EMAIL, "Wrong-Passw0rd!")
        assert (wrong["Code"], wrong["Message"]) == INCORRECT
    locked = error_of(_admin_sign_in, admin, client_id, DEMO_EMAIL, DEMO_PASSWORD)
    assert locked["Message"] == "Password attempts exceeded"


@pytest.mark.parametrize(
    ("flows", "flow"),
    [
        (["ALLOW_USER_SRP_AUTH"], "USER_PASSWORD_AUTH"),
        ([], "USER_PASSWORD_AUTH"),  # no ExplicitAuthFlows: Cognito's default (SRP, custom)
        (["ALLOW_USER_PASSWORD_AUTH"], "USER_SRP_AUTH"),
    ],
)
def test_every_flow_must_be_one_the_client_allows(cognito, admin, flows, flow):
    config = {"ExplicitAuthFlows": flows} if flows else {}
    client_id = admin.create_user_pool_client(
        UserPoolId=USER_POOL_ID, ClientName="flows", **config
    )["UserPoolClient"]["ClientId"]
    error = error_of(
        cognito.initiate_auth,
        ClientId=client_id,
        AuthFlow=flow,
        AuthParameters={"USERNAME": DEMO_EMAIL, "PASSWORD": DEMO_PASSWORD, "SRP_A": "02"},
    )
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterException",
        f"{flow} flow not enabled for this client",
    )


def _create(admin, **params) -> dict:
    return admin.admin_create_user(
        UserPoolId=USER_POOL_ID,
        Username=EMAIL,
        UserAttributes=[{"Name": "email", "Value": EMAIL}],
        **params,
    )["User"]


def test_an_invitation_carries_a_generated_temporary_password(stub, cognito, admin):
    user = _create(admin, DesiredDeliveryMediums=["EMAIL"])
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    [message] = stub.outbox(EMAIL)
    assert (message["purpose"], message["username"]) == ("invitation", user["Username"])
    challenge = sign_in(cognito, EMAIL, message["code"])
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    choose_new_password(cognito, challenge, EMAIL)
    assert "AuthenticationResult" in sign_in(cognito, EMAIL, NEW_PASSWORD)


def test_suppress_sends_nothing_and_a_given_password_must_meet_the_policy(stub, admin):
    weak = error_of(_create, admin, TemporaryPassword="weak", MessageAction="SUPPRESS")
    assert weak["Code"] == "InvalidPasswordException"
    _create(admin, TemporaryPassword=TEMPORARY_PASSWORD, MessageAction="SUPPRESS")
    assert stub.outbox() == []
    again = error_of(_create, admin, MessageAction="SUPPRESS")
    assert (again["Code"], again["Message"]) == (
        "UsernameExistsException",
        "User account already exists",
    )


def test_resend_sends_a_new_temporary_password(stub, cognito, admin):
    _create(admin, TemporaryPassword=TEMPORARY_PASSWORD)  # the default medium: here, email
    assert stub.latest_code(EMAIL, "invitation") == TEMPORARY_PASSWORD
    user = _create(admin, MessageAction="RESEND")
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    fresh = stub.latest_code(EMAIL, "invitation")
    assert fresh != TEMPORARY_PASSWORD
    assert error_of(sign_in, cognito, EMAIL, TEMPORARY_PASSWORD)["Code"] == "NotAuthorizedException"
    assert sign_in(cognito, EMAIL, fresh)["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
