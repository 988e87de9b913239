"""Authenticator apps (TOTP): a real secret per association, codes checked with pyotp on the
stub's clock (one step either side), each code accepted once; the SOFTWARE_TOKEN_MFA challenge."""

from __future__ import annotations

import base64

import jwt
import pytest
from moto.cognitoidp.models import COGNITO_TOTP_MFA_SECRET

from .helpers import error_of, sign_in
from .mfa_helpers import answer, new_user, prefer, set_pool_mfa, totp_code, with_totp

EMAIL = "tess@example.org"
OTHER = "omar@example.org"


@pytest.fixture
def tess(stub, cognito, admin, clock):
    """Tess, with an authenticator app enabled in an OPTIONAL pool: (secret, access token)."""
    set_pool_mfa(admin)
    access = new_user(stub, cognito, EMAIL)
    secret = with_totp(cognito, clock, access)
    prefer(cognito, access, totp=(True, True))
    return secret, access


def test_each_association_gets_a_fresh_base32_secret(stub, cognito):
    access = new_user(stub, cognito, EMAIL)
    other = new_user(stub, cognito, OTHER)
    secrets = [
        cognito.associate_software_token(AccessToken=token)["SecretCode"]
        for token in (access, access, other)
    ]
    assert len(set(secrets)) == 3
    assert COGNITO_TOTP_MFA_SECRET not in secrets  # not moto's one secret for everybody
    for secret in secrets:
        assert len(secret) >= 16
        base64.b32decode(secret)  # valid base32
    assert "Session" not in cognito.associate_software_token(AccessToken=access)


def test_verify_software_token_checks_the_code(stub, cognito, clock):
    access = new_user(stub, cognito, EMAIL)
    secret = cognito.associate_software_token(AccessToken=access)["SecretCode"]
    wrong = error_of(cognito.verify_software_token, AccessToken=access, UserCode="000000")
    assert (wrong["Code"], wrong["Message"]) == (
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
    )
    answer_ = cognito.verify_software_token(
        AccessToken=access, UserCode=totp_code(secret, clock()), FriendlyDeviceName="phone"
    )
    assert answer_["Status"] == "SUCCESS"
    assert "Session" not in answer_


def test_a_code_is_accepted_once_in_its_step(stub, cognito, admin, clock):
    set_pool_mfa(admin)
    access = new_user(stub, cognito, EMAIL)
    secret = cognito.associate_software_token(AccessToken=access)["SecretCode"]
    code = totp_code(secret, clock())
    cognito.verify_software_token(AccessToken=access, UserCode=code)
    prefer(cognito, access, totp=(True, False))
    challenge = sign_in(cognito, EMAIL)
    reused = error_of(answer, cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code)
    assert (reused["Code"], reused["Message"]) == (
        "ExpiredCodeException",
        "Your software token has already been used once.",
    )
    clock.advance(30)
    assert "AuthenticationResult" in answer(
        cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=totp_code(secret, clock())
    )


def test_sign_in_with_an_authenticator_app(cognito, clock, tess):
    secret, _access = tess
    challenge = sign_in(cognito, EMAIL)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert set(challenge["ChallengeParameters"]) == {"USER_ID_FOR_SRP"}
    assert "AuthenticationResult" not in challenge

    wrong = error_of(answer, cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE="123456")
    assert (wrong["Code"], wrong["Message"]) == (
        "CodeMismatchException",
        "Invalid code received for user",
    )
    # the session stays usable after a wrong code
    result = answer(cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=totp_code(secret, clock()))
    tokens = result["AuthenticationResult"]
    assert {"AccessToken", "IdToken", "RefreshToken"} <= tokens.keys()
    claims = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
    assert (claims["email"], claims["email_verified"]) == (EMAIL, True)
    assert cognito.get_user(AccessToken=tokens["AccessToken"])["Username"]

    clock.advance(30)
    again = sign_in(cognito, EMAIL)
    code = totp_code(secret, clock())
    assert "AuthenticationResult" in answer(cognito, again, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code)
    third = sign_in(cognito, EMAIL)
    error = error_of(answer, cognito, third, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code)
    assert error["Code"] == "ExpiredCodeException"


@pytest.mark.parametrize(("steps", "accepted"), [(-2, False), (-1, True), (1, True), (2, False)])
def test_one_step_of_clock_skew_either_way(cognito, clock, tess, steps, accepted):
    secret, _access = tess
    clock.advance(30)  # away from the step whose code verified the app
    challenge = sign_in(cognito, EMAIL)
    code = totp_code(secret, clock() + 30 * steps)
    if accepted:
        assert "AuthenticationResult" in answer(
            cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code
        )
    else:
        error = error_of(answer, cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code)
        assert error["Code"] == "CodeMismatchException"


def test_a_code_from_another_users_secret_is_refused(stub, cognito, clock, tess):
    other_access = new_user(stub, cognito, OTHER)
    other_secret = with_totp(cognito, clock, other_access)
    challenge = sign_in(cognito, EMAIL)
    code = totp_code(other_secret, clock())
    error = error_of(answer, cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code)
    assert error["Code"] == "CodeMismatchException"


def test_another_users_name_cannot_answer_the_challenge(stub, cognito, clock, tess):
    secret, _access = tess
    new_user(stub, cognito, OTHER)
    challenge = sign_in(cognito, EMAIL)
    code = totp_code(secret, clock())
    error = error_of(answer, cognito, challenge, OTHER, SOFTWARE_TOKEN_MFA_CODE=code)
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user.",
    )


def test_a_new_association_replaces_the_secret_once_verified(cognito, clock, tess):
    old_secret, access = tess
    new_secret = cognito.associate_software_token(AccessToken=access)["SecretCode"]
    challenge = sign_in(cognito, EMAIL)  # not verified yet: the old secret still signs in
    result = answer(
        cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=totp_code(old_secret, clock())
    )
    assert "AuthenticationResult" in result
    clock.advance(30)
    cognito.verify_software_token(AccessToken=access, UserCode=totp_code(new_secret, clock()))
    clock.advance(30)
    challenge = sign_in(cognito, EMAIL)
    old = error_of(
        answer, cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=totp_code(old_secret, clock())
    )
    assert old["Code"] == "CodeMismatchException"
    new = totp_code(new_secret, clock())
    assert "AuthenticationResult" in answer(cognito, challenge, EMAIL, SOFTWARE_TOKEN_MFA_CODE=new)
