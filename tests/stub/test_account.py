"""The signed-in user's account: access tokens judged as Cognito does, GlobalSignOut, DeleteUser
and ChangePassword (with the sign-in lockout)."""

from __future__ import annotations

import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, USER_POOL_ID

from .helpers import (
    NEW_PASSWORD,
    confirmed_user,
    error_of,
    refresh,
    sign_in,
    sign_up,
    signed_in,
)

OTHER_EMAIL = "kim@example.org"
INCORRECT = "Incorrect username or password."
INVALID_TOKEN = "Invalid Access Token"
REVOKED_TOKEN = "Access Token has been revoked"
EXPIRED_TOKEN = "Access Token has expired"
REVOKED_REFRESH = "Refresh Token has been revoked"
LOCKED = "Password attempts exceeded"

# Every call authorised by an AccessToken, with the other parameters it needs.
USER_CALLS = {
    "get_user": {},
    "update_user_attributes": {"UserAttributes": [{"Name": "name", "Value": "X"}]},
    "get_user_attribute_verification_code": {"AttributeName": "email"},
    "verify_user_attribute": {"AttributeName": "email", "Code": "123456"},
    "change_password": {"PreviousPassword": DEMO_PASSWORD, "ProposedPassword": NEW_PASSWORD},
    "delete_user": {},
    "global_sign_out": {},
}


def _not_authorized(error: dict) -> str:
    """The message of a NotAuthorizedException."""
    assert error["Code"] == "NotAuthorizedException"
    return error["Message"]


def _call(cognito, operation: str, access_token: str):
    return getattr(cognito, operation)(AccessToken=access_token, **USER_CALLS[operation])


@pytest.mark.parametrize("operation", USER_CALLS)
def test_unknown_revoked_and_expired_access_tokens(cognito, clock, operation):
    garbage = error_of(_call, cognito, operation, "eyJhbGciOiJub25lIn0.e30.x")
    assert _not_authorized(garbage) == INVALID_TOKEN

    revoked = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    cognito.global_sign_out(AccessToken=revoked)
    assert _not_authorized(error_of(_call, cognito, operation, revoked)) == REVOKED_TOKEN

    expired = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    clock.advance(3599)
    assert cognito.get_user(AccessToken=expired)["Username"]
    clock.advance(1)
    assert _not_authorized(error_of(_call, cognito, operation, expired)) == EXPIRED_TOKEN


def test_a_refreshed_access_token_lives_an_hour_from_its_refresh(cognito, clock):
    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    clock.advance(3000)
    fresh = refresh(cognito, tokens["RefreshToken"])["AuthenticationResult"]["AccessToken"]
    clock.advance(600)
    assert _not_authorized(error_of(cognito.get_user, AccessToken=tokens["AccessToken"])) == (
        EXPIRED_TOKEN
    )
    assert cognito.get_user(AccessToken=fresh)["Username"]


def test_global_sign_out_revokes_every_session_of_the_user(cognito):
    first = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    second = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    minted = refresh(cognito, first["RefreshToken"])["AuthenticationResult"]["AccessToken"]
    cognito.global_sign_out(AccessToken=second["AccessToken"])
    for session in (first, second):
        assert _not_authorized(error_of(refresh, cognito, session["RefreshToken"])) == (
            REVOKED_REFRESH
        )
    for access in (first["AccessToken"], second["AccessToken"], minted):
        assert _not_authorized(error_of(cognito.get_user, AccessToken=access)) == REVOKED_TOKEN
    assert cognito.get_user(
        AccessToken=signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    )


def test_global_sign_out_leaves_other_users_signed_in(stub, cognito):
    confirmed_user(stub, cognito, OTHER_EMAIL)
    other = signed_in(cognito, OTHER_EMAIL)
    cognito.global_sign_out(
        AccessToken=signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    )
    assert cognito.get_user(AccessToken=other["AccessToken"])["Username"]
    assert "AuthenticationResult" in refresh(cognito, other["RefreshToken"])


def test_admin_user_global_sign_out(cognito, admin):
    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    admin.admin_user_global_sign_out(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL.upper())
    assert _not_authorized(error_of(refresh, cognito, tokens["RefreshToken"])) == REVOKED_REFRESH
    assert _not_authorized(error_of(cognito.get_user, AccessToken=tokens["AccessToken"])) == (
        REVOKED_TOKEN
    )
    missing = error_of(
        admin.admin_user_global_sign_out, UserPoolId=USER_POOL_ID, Username="no@example.org"
    )
    assert (missing["Code"], missing["Message"]) == (
        "UserNotFoundException",
        "User does not exist.",
    )


def test_revoke_token_revokes_the_access_tokens_minted_from_it(cognito):
    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    other = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    cognito.revoke_token(Token=tokens["RefreshToken"], ClientId=APP_CLIENT_ID)
    assert _not_authorized(error_of(cognito.get_user, AccessToken=tokens["AccessToken"])) == (
        REVOKED_TOKEN
    )
    assert cognito.get_user(AccessToken=other["AccessToken"])["Username"]


def test_deleted_user_is_gone(stub, cognito):
    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert set(cognito.delete_user(AccessToken=tokens["AccessToken"])) == {"ResponseMetadata"}
    deleted = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert deleted == error_of(sign_in, cognito, "nobody@example.org", DEMO_PASSWORD)
    assert _not_authorized(deleted) == INCORRECT
    assert _not_authorized(error_of(refresh, cognito, tokens["RefreshToken"])) == REVOKED_REFRESH
    assert _not_authorized(error_of(cognito.get_user, AccessToken=tokens["AccessToken"])) == (
        REVOKED_TOKEN
    )
    assert sign_up(cognito, DEMO_EMAIL)["UserConfirmed"] is False  # the address is free


def _change_password(cognito, access: str, previous: str, proposed: str = NEW_PASSWORD):
    return cognito.change_password(
        AccessToken=access, PreviousPassword=previous, ProposedPassword=proposed
    )


def test_wrong_previous_passwords_lock_the_user_out(cognito, clock):
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    for _ in range(5):
        wrong = error_of(_change_password, cognito, access, "Wrong-Passw0rd!")
        assert _not_authorized(wrong) == INCORRECT
    locked = error_of(_change_password, cognito, access, DEMO_PASSWORD)
    assert _not_authorized(locked) == LOCKED
    assert _not_authorized(error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)) == LOCKED
    clock.advance(60)
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    _change_password(cognito, access, DEMO_PASSWORD)
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, NEW_PASSWORD)
    assert _not_authorized(error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)) == INCORRECT


def test_a_successful_change_clears_the_failures(cognito):
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    for _ in range(4):
        error_of(_change_password, cognito, access, "Wrong-Passw0rd!")
    _change_password(cognito, access, DEMO_PASSWORD)
    for _ in range(4):
        assert _not_authorized(error_of(sign_in, cognito, DEMO_EMAIL, "Wrong-1")) == INCORRECT
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, NEW_PASSWORD)


def test_a_weak_proposed_password_breaks_the_policy(cognito):
    access = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]
    weak = error_of(_change_password, cognito, access, DEMO_PASSWORD, "weakpassword1!")
    assert (weak["Code"], weak["Message"]) == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters",
    )
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
