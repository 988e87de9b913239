"""Sign-in as Cognito answers it: unknown users, lockout, statuses, challenges, tokens."""

from __future__ import annotations

from cognito_stub import (
    APP_CLIENT_ID,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    SECRET_CLIENT_ID,
    USER_POOL_ID,
)
from cognito_stub.users import secret_hash

from .helpers import (
    NEW_PASSWORD,
    TEMPORARY_PASSWORD,
    confirmed_user,
    error_of,
    invite,
    refresh,
    sign_in,
    sign_up,
)

EMAIL = "lee@example.org"
INCORRECT = "Incorrect username or password."


def test_demo_user_signs_in(cognito):
    result = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]
    assert {"AccessToken", "IdToken", "RefreshToken"} <= result.keys()
    assert result["TokenType"] == "Bearer"


def test_email_is_case_insensitive_for_sign_in(cognito):
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL.upper(), DEMO_PASSWORD)


def test_unknown_user_and_wrong_password_get_the_same_answer(cognito):
    unknown = error_of(sign_in, cognito, "nobody@example.org", DEMO_PASSWORD)
    wrong = error_of(sign_in, cognito, DEMO_EMAIL, "Wrong-Passw0rd!")
    assert unknown == wrong
    assert (unknown["Code"], unknown["Message"], unknown["Status"]) == (
        "NotAuthorizedException",
        INCORRECT,
        400,
    )


def test_five_wrong_passwords_lock_the_user_out_for_a_minute(cognito, clock):
    for _ in range(5):
        assert error_of(sign_in, cognito, DEMO_EMAIL, "Wrong-1")["Message"] == INCORRECT
    clock.advance(59)
    locked = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert (locked["Code"], locked["Message"]) == (
        "NotAuthorizedException",
        "Password attempts exceeded",
    )
    clock.advance(1)
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)


def test_a_correct_password_resets_the_failure_count(cognito):
    for _ in range(4):
        error_of(sign_in, cognito, DEMO_EMAIL, "Wrong-1")
    sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    for _ in range(4):
        assert error_of(sign_in, cognito, DEMO_EMAIL, "Wrong-1")["Message"] == INCORRECT
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)


def test_unconfirmed_user_with_right_password(cognito):
    sign_up(cognito, EMAIL)
    error = error_of(sign_in, cognito, EMAIL)
    assert (error["Code"], error["Message"]) == (
        "UserNotConfirmedException",
        "User is not confirmed.",
    )
    assert error_of(sign_in, cognito, EMAIL, "Wrong-Passw0rd!")["Code"] == "NotAuthorizedException"


def test_reset_required_user(stub, cognito, admin):
    admin.admin_reset_user_password(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)
    error = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert error["Code"] == "PasswordResetRequiredException"
    [message] = stub.outbox(DEMO_EMAIL)
    assert message["purpose"] == "forgot_password"
    cognito.confirm_forgot_password(
        ClientId=APP_CLIENT_ID,
        Username=DEMO_EMAIL,
        ConfirmationCode=message["code"],
        Password=NEW_PASSWORD,
    )
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, NEW_PASSWORD)


def test_new_password_required_challenge(cognito, admin):
    invite(admin, EMAIL)
    challenge = sign_in(cognito, EMAIL, TEMPORARY_PASSWORD)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert challenge["Session"]

    weak = error_of(
        cognito.respond_to_auth_challenge,
        ClientId=APP_CLIENT_ID,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": EMAIL, "NEW_PASSWORD": "weak"},
    )
    assert weak["Code"] == "InvalidPasswordException"

    answer = cognito.respond_to_auth_challenge(
        ClientId=APP_CLIENT_ID,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": EMAIL, "NEW_PASSWORD": NEW_PASSWORD},
    )
    assert "IdToken" in answer["AuthenticationResult"]
    assert "AuthenticationResult" in sign_in(cognito, EMAIL, NEW_PASSWORD)
    status = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=EMAIL)["UserStatus"]
    assert status == "CONFIRMED"


def test_invalid_challenge_session(cognito):
    error = error_of(
        cognito.respond_to_auth_challenge,
        ClientId=APP_CLIENT_ID,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session="x" * 40,
        ChallengeResponses={"USERNAME": EMAIL, "NEW_PASSWORD": NEW_PASSWORD},
    )
    assert error["Code"] == "NotAuthorizedException"


def test_refresh_then_revoke_token(cognito):
    tokens = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]
    refreshed = refresh(cognito, tokens["RefreshToken"])["AuthenticationResult"]
    assert "IdToken" in refreshed and "AccessToken" in refreshed
    assert cognito.get_user(AccessToken=tokens["AccessToken"])["Username"]

    cognito.revoke_token(Token=tokens["RefreshToken"], ClientId=APP_CLIENT_ID)
    error = error_of(refresh, cognito, tokens["RefreshToken"])
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Refresh Token has been revoked",
    )
    # access tokens minted from that refresh token stop working too
    assert error_of(cognito.get_user, AccessToken=tokens["AccessToken"])["Code"] == (
        "NotAuthorizedException"
    )


def test_unknown_refresh_token(cognito):
    error = error_of(refresh, cognito, "not-a-real-token")
    assert (error["Code"], error["Message"]) == ("NotAuthorizedException", "Invalid Refresh Token")


def test_global_sign_out_revokes_refresh_tokens(cognito):
    tokens = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]
    cognito.global_sign_out(AccessToken=tokens["AccessToken"])
    assert error_of(refresh, cognito, tokens["RefreshToken"])["Code"] == "NotAuthorizedException"


def test_change_password(stub, cognito):
    confirmed_user(stub, cognito, EMAIL)
    access = sign_in(cognito, EMAIL)["AuthenticationResult"]["AccessToken"]
    wrong = error_of(
        cognito.change_password,
        AccessToken=access,
        PreviousPassword="Not-The-Passw0rd",
        ProposedPassword=NEW_PASSWORD,
    )
    assert (wrong["Code"], wrong["Message"]) == ("NotAuthorizedException", INCORRECT)
    cognito.change_password(
        AccessToken=access, PreviousPassword="Str0ng-Passw0rd!", ProposedPassword=NEW_PASSWORD
    )
    assert "AuthenticationResult" in sign_in(cognito, EMAIL, NEW_PASSWORD)


def _secret(stub) -> str:
    return stub.info()["secret_client_secret"]


def test_secret_client_requires_a_valid_secret_hash(stub, cognito):
    def attempt(**extra):
        return cognito.initiate_auth(
            ClientId=SECRET_CLIENT_ID,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": DEMO_EMAIL, "PASSWORD": DEMO_PASSWORD, **extra},
        )

    expected = f"Unable to verify secret hash for client {SECRET_CLIENT_ID}"
    for extra in ({}, {"SECRET_HASH": "d3Jvbmc="}):
        error = error_of(attempt, **extra)
        assert (error["Code"], error["Message"]) == ("NotAuthorizedException", expected)

    good = secret_hash(_secret(stub), DEMO_EMAIL, SECRET_CLIENT_ID)
    tokens = attempt(SECRET_HASH=good)["AuthenticationResult"]
    assert refresh(cognito, tokens["RefreshToken"], SECRET_CLIENT_ID, SECRET_HASH=good)
    # a token from one client is no good on another
    assert error_of(refresh, cognito, tokens["RefreshToken"])["Code"] == "NotAuthorizedException"


def test_secret_client_sign_up_needs_secret_hash(stub, cognito):
    error = error_of(
        cognito.sign_up, ClientId=SECRET_CLIENT_ID, Username=EMAIL, Password=NEW_PASSWORD
    )
    assert error["Code"] == "NotAuthorizedException"
    cognito.sign_up(
        ClientId=SECRET_CLIENT_ID,
        Username=EMAIL,
        Password=NEW_PASSWORD,
        SecretHash=secret_hash(_secret(stub), EMAIL, SECRET_CLIENT_ID),
    )
    assert stub.latest_code(EMAIL)


def test_secret_client_exposes_its_secret(stub, admin):
    client = admin.describe_user_pool_client(UserPoolId=USER_POOL_ID, ClientId=SECRET_CLIENT_ID)
    assert client["UserPoolClient"]["ClientSecret"] == _secret(stub)
