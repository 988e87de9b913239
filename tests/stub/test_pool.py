"""The seeded pool and client, Cognito's password policy and duplicate usernames."""

from __future__ import annotations

import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, USER_POOL_ID

from .helpers import error_of, sign_up

POLICY = "Password did not conform with policy: "


def test_describe_user_pool_has_fixed_id_and_default_policy(admin):
    pool = admin.describe_user_pool(UserPoolId=USER_POOL_ID)["UserPool"]
    assert pool["Id"] == USER_POOL_ID
    assert pool["Name"] == "local-stub"
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["AutoVerifiedAttributes"] == ["email", "phone_number"]
    assert pool["MfaConfiguration"] == "OFF"
    policy = pool["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 8
    assert all(
        policy[k]
        for k in ("RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols")
    )


def test_app_client_settings(admin):
    client = admin.describe_user_pool_client(UserPoolId=USER_POOL_ID, ClientId=APP_CLIENT_ID)
    client = client["UserPoolClient"]
    assert client["ClientId"] == APP_CLIENT_ID
    assert "ClientSecret" not in client
    assert client["PreventUserExistenceErrors"] == "ENABLED"
    assert set(client["ExplicitAuthFlows"]) == {
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_AUTH",
    }


def test_demo_user_is_confirmed_with_verified_email(admin):
    user = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert user["UserStatus"] == "CONFIRMED"
    assert attributes["email"] == DEMO_EMAIL
    assert attributes["email_verified"] == "true"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Sh0rt!", "Password not long enough"),
        ("lower-only-1", "Password must have uppercase characters"),
        ("UPPER-ONLY-1", "Password must have lowercase characters"),
        ("No-Numbers-Here", "Password must have numeric characters"),
        ("NoSymbols123", "Password must have symbol characters"),
    ],
)
def test_weak_password_is_rejected_with_cognitos_message(stub, cognito, password, reason):
    error = error_of(sign_up, cognito, "weak@example.org", password)
    assert (error["Code"], error["Message"]) == ("InvalidPasswordException", POLICY + reason)
    assert stub.outbox() == []


def test_existing_username_is_rejected_case_insensitively(cognito):
    for email in (DEMO_EMAIL, DEMO_EMAIL.upper()):
        error = error_of(sign_up, cognito, email)
        assert (error["Code"], error["Message"]) == (
            "UsernameExistsException",
            "An account with the given email already exists.",
        )


def test_username_must_be_an_email(cognito):
    assert error_of(sign_up, cognito, "not-an-email")["Code"] == "InvalidParameterException"


def test_auth_flow_not_enabled_for_client(cognito):
    error = error_of(
        cognito.initiate_auth,
        ClientId=APP_CLIENT_ID,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL},
    )
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterException",
        "CUSTOM_AUTH flow not enabled for this client",
    )


def test_unknown_client(cognito):
    error = error_of(
        cognito.sign_up, ClientId="nosuchclient", Username="x@example.org", Password="Aa1!aaaa"
    )
    assert error["Code"] == "ResourceNotFoundException"


def test_moto_passthrough_operations_work(admin):
    users = admin.list_users(UserPoolId=USER_POOL_ID)["Users"]
    assert [u["UserStatus"] for u in users] == ["CONFIRMED"]
    error = error_of(admin.admin_get_user, UserPoolId=USER_POOL_ID, Username="no@example.org")
    assert (error["Code"], error["Message"]) == ("UserNotFoundException", "User does not exist.")
