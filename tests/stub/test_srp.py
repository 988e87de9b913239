"""USER_SRP_AUTH with real SRP-6a, driven by pycognito's own SRP code (AWSSRP) as the client:
the PASSWORD_VERIFIER challenge, a wrong password and an unknown user as Cognito answers them,
the lockout, MFA and a new password after the verifier, the TIMESTAMP format."""

from __future__ import annotations

import re

import pytest
from pycognito.aws_srp import AWSSRP

from cognito_stub import (
    APP_CLIENT_ID,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    SECRET_CLIENT_ID,
    USER_POOL_ID,
)

from .helpers import (
    NEW_PASSWORD,
    STRONG_PASSWORD,
    TEMPORARY_PASSWORD,
    choose_new_password,
    error_of,
    invite,
    sign_in,
    sign_up,
)
from .mfa_helpers import answer, new_user, prefer, set_pool_mfa

EMAIL = "sol@example.org"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _srp(cognito, username: str, password: str, client_id: str = APP_CLIENT_ID, secret=None):
    return AWSSRP(username, password, USER_POOL_ID, client_id, client=cognito, client_secret=secret)


def _challenge(cognito, srp: AWSSRP, client_id: str = APP_CLIENT_ID) -> dict:
    return cognito.initiate_auth(
        ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params()
    )


def _claim(cognito, srp: AWSSRP, challenge: dict, **override: str) -> dict:
    responses = srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params())
    return cognito.respond_to_auth_challenge(
        ClientId=APP_CLIENT_ID,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses={**responses, **override},
    )


def srp_sign_in(cognito, username: str, password: str) -> dict:
    srp = _srp(cognito, username, password)
    return _claim(cognito, srp, _challenge(cognito, srp))


def test_srp_sign_in_gives_tokens(cognito, admin):
    srp = _srp(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    challenge = _challenge(cognito, srp)
    sub = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)["Username"]
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    assert "Session" not in challenge  # the SECRET_BLOCK names the exchange
    parameters = challenge["ChallengeParameters"]
    assert set(parameters) == {"SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "USER_ID_FOR_SRP"}
    assert parameters["USERNAME"] == parameters["USER_ID_FOR_SRP"] == sub
    assert re.fullmatch(r"[0-9a-f]+", parameters["SRP_B"] + parameters["SALT"])
    result = _claim(cognito, srp, challenge)["AuthenticationResult"]
    assert {"AccessToken", "IdToken", "RefreshToken"} <= result.keys()
    assert cognito.get_user(AccessToken=result["AccessToken"])["Username"] == sub


def test_a_wrong_password_fails_like_a_password_sign_in_and_counts_to_the_lockout(cognito):
    for _ in range(3):
        error = error_of(srp_sign_in, cognito, DEMO_EMAIL, "Wrong-Passw0rd!")
        assert (error["Code"], error["Message"]) == INCORRECT
    for _ in range(2):
        error_of(sign_in, cognito, DEMO_EMAIL, "Wrong-Passw0rd!")
    locked = error_of(srp_sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert (locked["Code"], locked["Message"]) == (
        "NotAuthorizedException",
        "Password attempts exceeded",
    )


def test_an_unknown_user_gets_a_challenge_like_anyone_and_then_the_same_refusal(cognito):
    first = _challenge(cognito, _srp(cognito, "nobody@example.org", DEMO_PASSWORD))
    again = _challenge(cognito, _srp(cognito, "NOBODY@example.org", DEMO_PASSWORD))
    parameters = first["ChallengeParameters"]
    assert UUID.fullmatch(parameters["USER_ID_FOR_SRP"])
    assert parameters["USERNAME"] == parameters["USER_ID_FOR_SRP"]
    for name in ("USER_ID_FOR_SRP", "SALT"):  # stable, like a real user's
        assert parameters[name] == again["ChallengeParameters"][name]
    unknown = error_of(srp_sign_in, cognito, "nobody@example.org", DEMO_PASSWORD)
    assert unknown == error_of(srp_sign_in, cognito, DEMO_EMAIL, "Wrong-Passw0rd!")


def test_an_unconfirmed_user_with_the_right_password(cognito):
    sign_up(cognito, EMAIL)
    error = error_of(srp_sign_in, cognito, EMAIL, STRONG_PASSWORD)
    assert error["Code"] == "UserNotConfirmedException"


def test_the_timestamp_must_be_in_cognitos_format(cognito):
    srp = _srp(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    padded = "Tue Nov 03 23:45:37 UTC 2026"
    error = error_of(_claim, cognito, srp, _challenge(cognito, srp), TIMESTAMP=padded)
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterException",
        "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
    )


def test_a_claim_signed_for_another_timestamp_is_refused(cognito):
    srp = _srp(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    other = "Tue Nov 3 23:45:37 UTC 2026"
    error = error_of(_claim, cognito, srp, _challenge(cognito, srp), TIMESTAMP=other)
    assert (error["Code"], error["Message"]) == INCORRECT


def test_a_secret_block_answers_once(cognito):
    srp = _srp(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    challenge = _challenge(cognito, srp)
    assert "AuthenticationResult" in _claim(cognito, srp, challenge)
    error = error_of(_claim, cognito, srp, challenge)
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )


def test_mfa_follows_the_verifier_as_it_follows_a_password(stub, cognito, admin):
    set_pool_mfa(admin)
    access = new_user(stub, cognito, EMAIL)
    prefer(cognito, access, email=(True, True))
    challenge = srp_sign_in(cognito, EMAIL, STRONG_PASSWORD)
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    code = stub.latest_code(EMAIL, "mfa_email")
    result = answer(cognito, challenge, EMAIL, EMAIL_OTP_CODE=code)
    assert "AccessToken" in result["AuthenticationResult"]


def test_a_new_password_after_the_verifier(cognito, admin):
    invite(admin, EMAIL)
    challenge = srp_sign_in(cognito, EMAIL, TEMPORARY_PASSWORD)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    result = choose_new_password(cognito, challenge, EMAIL)
    assert "IdToken" in result["AuthenticationResult"]
    assert "AuthenticationResult" in srp_sign_in(cognito, EMAIL, NEW_PASSWORD)


def test_a_client_with_a_secret_needs_the_secret_hash(stub, cognito):
    secret = stub.info()["secret_client_secret"]
    tokens = _srp(cognito, DEMO_EMAIL, DEMO_PASSWORD, SECRET_CLIENT_ID, secret).authenticate_user()
    assert "AccessToken" in tokens["AuthenticationResult"]
    unsigned = _srp(cognito, DEMO_EMAIL, DEMO_PASSWORD, SECRET_CLIENT_ID)
    error = error_of(_challenge, cognito, unsigned, SECRET_CLIENT_ID)
    assert error["Message"] == f"Unable to verify secret hash for client {SECRET_CLIENT_ID}"


@pytest.mark.parametrize("srp_a", ["not-hex", "0"])
def test_a_bad_srp_a_is_refused(cognito, srp_a):
    error = error_of(
        cognito.initiate_auth,
        ClientId=APP_CLIENT_ID,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL, "SRP_A": srp_a},
    )
    assert error["Code"] == "InvalidParameterException"
