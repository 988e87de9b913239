"""USER_AUTH's one-time codes as a first factor: EMAIL_OTP to a verified email and SMS_OTP to a
verified phone number, each code in the outbox (purpose sign_in_email / sign_in_sms), a wrong
code, the session's 3 minutes, single use and wrong-code limit, and an unknown user who gets
the same challenge with nothing sent."""

from __future__ import annotations

import re

from cognito_stub import DEMO_EMAIL, USER_POOL_ID

from .helpers import STRONG_PASSWORD, error_of, sign_up
from .mfa_helpers import PHONE, new_user, with_phone
from .user_auth_helpers import INVALID_CODE, respond, shape, user_auth

EMAIL = "otto@example.org"
NOBODY = "nobody@example.org"
TOO_MANY = (
    "Too many invalid credentials attempts. User temporarily locked. "
    "Please try again after few seconds."
)


def _code(stub, to: str, purpose: str) -> str:
    [message] = [m for m in stub.outbox(to) if m["purpose"] == purpose]
    assert re.fullmatch(r"[0-9]{6}", message["code"])
    return message["code"]


def test_email_otp_signs_in_with_the_code_from_the_outbox(stub, cognito):
    challenge = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
        "CODE_DELIVERY_DESTINATION": "d***@e***",
    }
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    answer = respond(cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    tokens = answer["AuthenticationResult"]
    attributes = cognito.get_user(AccessToken=tokens["AccessToken"])["UserAttributes"]
    assert {"Name": "email", "Value": DEMO_EMAIL} in attributes
    assert "RefreshToken" in tokens


def test_email_otp_chosen_from_select_challenge(stub, cognito):
    choice = user_auth(cognito, DEMO_EMAIL)
    challenge = respond(cognito, choice, DEMO_EMAIL, ANSWER="EMAIL_OTP")
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    assert (
        "IdToken"
        in respond(cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)["AuthenticationResult"]
    )


def test_sms_otp_to_a_verified_phone_number(stub, cognito):
    access = new_user(stub, cognito, EMAIL)
    assert user_auth(cognito, EMAIL, "SMS_OTP")["ChallengeName"] == "SELECT_CHALLENGE"
    with_phone(stub, cognito, access)
    challenge = user_auth(cognito, EMAIL, "SMS_OTP")
    assert challenge["ChallengeName"] == "SMS_OTP"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
        "CODE_DELIVERY_DESTINATION": "+*******0123",
    }
    code = _code(stub, PHONE, "sign_in_sms")
    wrong = error_of(respond, cognito, challenge, EMAIL, SMS_OTP_CODE="000000")
    assert (wrong["Code"], wrong["Message"]) == ("CodeMismatchException", INVALID_CODE)
    assert (
        "AccessToken"
        in respond(cognito, challenge, EMAIL, SMS_OTP_CODE=code)["AuthenticationResult"]
    )


def test_a_wrong_code_leaves_the_session_usable(stub, cognito):
    challenge = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    refused = error_of(respond, cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=wrong)
    assert (refused["Code"], refused["Message"]) == ("CodeMismatchException", INVALID_CODE)
    # another challenge name for this session is the wrong state, not a way in
    other = error_of(respond, cognito, challenge, DEMO_EMAIL, "SMS_OTP", SMS_OTP_CODE=code)
    assert (other["Code"], other["Message"]) == ("CodeMismatchException", INVALID_CODE)
    assert "AuthenticationResult" in respond(cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    used = error_of(respond, cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    assert (used["Code"], used["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )


def test_five_wrong_codes_end_the_session(stub, cognito):
    challenge = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    for _ in range(5):
        error_of(respond, cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE="not-it")
    locked = error_of(respond, cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    assert (locked["Code"], locked["Message"]) == ("NotAuthorizedException", TOO_MANY)
    # a new sign-in starts afresh
    again = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    fresh = stub.latest_code(DEMO_EMAIL, "sign_in_email")
    assert "AuthenticationResult" in respond(cognito, again, DEMO_EMAIL, EMAIL_OTP_CODE=fresh)


def test_the_session_expires_after_three_minutes(stub, cognito, clock):
    challenge = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    clock.advance(179)
    choice = user_auth(cognito, DEMO_EMAIL)  # a second session, to use after the first expires
    clock.advance(1)
    expired = error_of(respond, cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    assert (expired["Code"], expired["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    assert respond(cognito, choice, DEMO_EMAIL, ANSWER="EMAIL_OTP")["ChallengeName"] == "EMAIL_OTP"


def test_an_unknown_user_gets_the_same_challenge_and_nothing_is_sent(stub, cognito):
    known = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    unknown = user_auth(cognito, NOBODY, "EMAIL_OTP")
    assert shape(known) == shape(unknown)
    assert unknown["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
        "CODE_DELIVERY_DESTINATION": "n***@e***",
    }
    assert stub.outbox(NOBODY) == []
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    # not even the code sent to someone else, nor a made-up one, signs them in
    for guess in (code, "123456"):
        refused = error_of(respond, cognito, unknown, NOBODY, EMAIL_OTP_CODE=guess)
        assert (refused["Code"], refused["Message"]) == ("CodeMismatchException", INVALID_CODE)
    wrong_known = error_of(respond, cognito, known, DEMO_EMAIL, EMAIL_OTP_CODE="123456")
    assert wrong_known == error_of(respond, cognito, unknown, NOBODY, EMAIL_OTP_CODE="123456")
    for _ in range(2):  # five wrong codes in all: the same lock as anyone's
        error_of(respond, cognito, unknown, NOBODY, EMAIL_OTP_CODE="123456")
    locked = error_of(respond, cognito, unknown, NOBODY, EMAIL_OTP_CODE=code)
    assert (locked["Code"], locked["Message"]) == ("NotAuthorizedException", TOO_MANY)


def test_an_unknown_user_chooses_email_otp_like_anyone(stub, cognito):
    choice = user_auth(cognito, NOBODY)
    challenge = respond(cognito, choice, NOBODY, ANSWER="EMAIL_OTP")
    assert shape(challenge) == shape(
        respond(cognito, user_auth(cognito, DEMO_EMAIL), DEMO_EMAIL, ANSWER="EMAIL_OTP")
    )
    assert stub.outbox(NOBODY) == []


def test_an_unconfirmed_user_is_not_offered_email_codes(stub, cognito):
    sign_up(cognito, EMAIL)
    assert user_auth(cognito, EMAIL)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    # preferring it anyway gets the choice, and sends nothing
    assert user_auth(cognito, EMAIL, "EMAIL_OTP")["ChallengeName"] == "SELECT_CHALLENGE"
    assert [m["purpose"] for m in stub.outbox(EMAIL)] == ["sign_up"]
    refused = error_of(user_auth, cognito, EMAIL, "PASSWORD", PASSWORD=STRONG_PASSWORD)
    assert refused["Code"] == "UserNotConfirmedException"


def test_a_disabled_user_is_refused_after_the_code(stub, cognito, admin):
    challenge = user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")
    admin.admin_disable_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)
    code = _code(stub, DEMO_EMAIL, "sign_in_email")
    refused = error_of(respond, cognito, challenge, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    assert (refused["Code"], refused["Message"]) == ("NotAuthorizedException", "User is disabled.")
