"""UpdateUserAttributes for the other attributes, ID token claims, and an email change in a pool
without AttributesRequireVerificationBeforeUpdate (the email changes at once, unverified)."""

from __future__ import annotations

import jwt
import pytest

from cognito_stub import DEMO_EMAIL, DEMO_PASSWORD

from .helpers import STRONG_PASSWORD, attributes_of, error_of, invite, signed_in

NEW_EMAIL = "sam.new@example.net"


def _update(cognito, access_token: str, **values: str) -> dict:
    attributes = [{"Name": name, "Value": value} for name, value in values.items()]
    return cognito.update_user_attributes(AccessToken=access_token, UserAttributes=attributes)


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_standard_attributes_are_set_and_reach_the_id_token(cognito):
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    answer = _update(
        cognito, access, name="Dana Demo", given_name="Dana", phone_number="+15555550100"
    )
    # a code only for the phone number (the seeded pool auto-verifies it)
    assert answer["CodeDeliveryDetailsList"] == [
        {"Destination": "+*******0100", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}
    ]
    attributes = attributes_of(cognito, access)
    assert attributes["name"] == "Dana Demo"
    assert attributes["given_name"] == "Dana"
    assert attributes["phone_number_verified"] == "false"

    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    claims = _claims(tokens["IdToken"])
    assert claims["email_verified"] is True
    assert claims["phone_number_verified"] is False
    assert (claims["name"], claims["given_name"]) == ("Dana Demo", "Dana")
    assert claims["email"] == DEMO_EMAIL
    assert "sub" in claims and claims["cognito:username"] == claims["sub"]
    access_claims = _claims(tokens["AccessToken"])
    assert "name" not in access_claims and "email" not in access_claims
    assert access_claims["scope"] == "aws.cognito.signin.user.admin"


def test_a_blank_value_deletes_the_attribute(cognito):
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    _update(cognito, access, family_name="Demo", nickname="dd")
    _update(cognito, access, family_name="")
    attributes = attributes_of(cognito, access)
    assert "family_name" not in attributes
    assert attributes["nickname"] == "dd"


@pytest.mark.parametrize(
    ("name", "value", "code", "message"),
    [
        (
            "custom:nope",
            "x",
            "InvalidParameterException",
            "Invalid user attributes: user.custom:nope: Attribute does not exist in the schema.",
        ),
        ("email_verified", "true", "NotAuthorizedException", "A client attempted to write"),
        ("sub", "x", "NotAuthorizedException", "A client attempted to write"),
        ("email", "not-an-email", "InvalidParameterException", "Invalid email address format."),
        ("phone_number", "555-0100", "InvalidParameterException", "Invalid phone number format."),
    ],
)
def test_attributes_a_user_may_not_write(stub, cognito, name, value, code, message):
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    error = error_of(_update, cognito, access, **{"name": "Kept Out", name: value})
    assert error["Code"] == code
    assert error["Message"].startswith(message)
    assert "name" not in attributes_of(cognito, access)  # nothing of the call was applied
    assert stub.outbox() == []


@pytest.fixture
def plain_pool(admin):
    """A pool made through CreateUserPool without UserAttributeUpdateSettings, its client, and
    a confirmed user in it: (client id, email)."""
    pool_id = admin.create_user_pool(
        PoolName="no-pending-updates",
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
    )["UserPool"]["Id"]
    client_id = admin.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="plain",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    email = "sam@example.org"
    invite(admin, email, pool_id, email_verified="true")
    admin.admin_set_user_password(
        UserPoolId=pool_id, Username=email, Password=STRONG_PASSWORD, Permanent=True
    )
    return client_id, email


def _sign_in(cognito, client_id: str, email: str) -> dict:
    return cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": STRONG_PASSWORD},
    )


def test_without_the_setting_the_email_changes_at_once_unverified(stub, cognito, plain_pool):
    client_id, email = plain_pool
    tokens = _sign_in(cognito, client_id, email)["AuthenticationResult"]
    answer = _update(cognito, tokens["AccessToken"], email=NEW_EMAIL)
    assert answer["CodeDeliveryDetailsList"][0]["Destination"] == "s***@e***"
    attributes = attributes_of(cognito, tokens["AccessToken"])
    assert (attributes["email"], attributes["email_verified"]) == (NEW_EMAIL, "false")
    assert error_of(_sign_in, cognito, client_id, email)["Code"] == "NotAuthorizedException"
    fresh = _sign_in(cognito, client_id, NEW_EMAIL)["AuthenticationResult"]
    assert _claims(fresh["IdToken"])["email_verified"] is False

    [message] = stub.outbox(NEW_EMAIL)
    assert message["purpose"] == "verify_email"
    cognito.verify_user_attribute(
        AccessToken=tokens["AccessToken"], AttributeName="email", Code=message["code"]
    )
    attributes = attributes_of(cognito, tokens["AccessToken"])
    assert (attributes["email"], attributes["email_verified"]) == (NEW_EMAIL, "true")
    refreshed = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
    )["AuthenticationResult"]
    assert _claims(refreshed["IdToken"])["email"] == NEW_EMAIL
