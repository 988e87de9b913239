"""SMS and email MFA with codes from the outbox, SELECT_MFA_TYPE, the challenge session's
lifetime and wrong-code limit, and phone numbers verified by a code."""

from __future__ import annotations

import json

import pytest

from .helpers import attributes_of, error_of, sign_in
from .mfa_helpers import PHONE, answer, new_user, prefer, set_pool_mfa, totp_code, with_totp

EMAIL = "sam@example.org"
INVALID_CODE = "Invalid code or auth state for the user."


@pytest.fixture
def sam(stub, cognito, admin):
    """Sam, in an OPTIONAL pool with every method, with a verified phone number: access token."""
    set_pool_mfa(admin)
    access = new_user(stub, cognito, EMAIL)
    cognito.update_user_attributes(
        AccessToken=access, UserAttributes=[{"Name": "phone_number", "Value": PHONE}]
    )
    code = stub.latest_code(PHONE, "verify_phone")
    cognito.verify_user_attribute(AccessToken=access, AttributeName="phone_number", Code=code)
    return access


def test_a_new_phone_number_is_verified_with_a_code(stub, cognito, admin):
    access = new_user(stub, cognito, EMAIL)
    answer_ = cognito.update_user_attributes(
        AccessToken=access, UserAttributes=[{"Name": "phone_number", "Value": PHONE}]
    )
    assert answer_["CodeDeliveryDetailsList"] == [
        {"Destination": "+*******0123", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}
    ]
    [message] = stub.outbox(PHONE)
    assert message["purpose"] == "verify_phone"
    assert attributes_of(cognito, access)["phone_number_verified"] == "false"

    again = cognito.get_user_attribute_verification_code(
        AccessToken=access, AttributeName="phone_number"
    )
    assert again["CodeDeliveryDetails"]["DeliveryMedium"] == "SMS"
    superseded = error_of(
        cognito.verify_user_attribute,
        AccessToken=access,
        AttributeName="phone_number",
        Code=message["code"],
    )
    assert superseded["Code"] == "ExpiredCodeException"
    wrong = error_of(
        cognito.verify_user_attribute, AccessToken=access, AttributeName="phone_number", Code="1"
    )
    assert wrong["Code"] == "CodeMismatchException"
    code = stub.latest_code(PHONE, "verify_phone")
    cognito.verify_user_attribute(AccessToken=access, AttributeName="phone_number", Code=code)
    assert attributes_of(cognito, access)["phone_number_verified"] == "true"


def test_sms_mfa_with_the_code_from_the_outbox(stub, cognito, sam):
    prefer(cognito, sam, sms=(True, True))
    challenge = sign_in(cognito, EMAIL)
    assert challenge["ChallengeName"] == "SMS_MFA"
    parameters = challenge["ChallengeParameters"]
    assert parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    assert parameters["CODE_DELIVERY_DESTINATION"] == "+*******0123"
    message = stub.outbox(PHONE)[0]
    assert (message["purpose"], message["to"]) == ("mfa_sms", PHONE)

    wrong = error_of(answer, cognito, challenge, EMAIL, SMS_MFA_CODE="000000")
    assert (wrong["Code"], wrong["Message"]) == ("CodeMismatchException", INVALID_CODE)
    tokens = answer(cognito, challenge, EMAIL, SMS_MFA_CODE=message["code"])
    assert "IdToken" in tokens["AuthenticationResult"]


def test_email_mfa_with_the_code_from_the_outbox(stub, cognito, sam):
    prefer(cognito, sam, email=(True, False))
    stub.clear_outbox()
    challenge = sign_in(cognito, EMAIL)
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    parameters = challenge["ChallengeParameters"]
    assert parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert parameters["CODE_DELIVERY_DESTINATION"] == "s***@e***"
    [message] = stub.outbox(EMAIL)
    assert message["purpose"] == "mfa_email"
    wrong = error_of(answer, cognito, challenge, EMAIL, EMAIL_OTP_CODE="000000")
    assert (wrong["Code"], wrong["Message"]) == ("CodeMismatchException", INVALID_CODE)
    assert "AuthenticationResult" in answer(
        cognito, challenge, EMAIL, EMAIL_OTP_CODE=message["code"]
    )


def test_select_mfa_type_when_several_methods_and_none_preferred(stub, cognito, clock, sam):
    secret = with_totp(cognito, clock, sam)
    prefer(cognito, sam, totp=(True, False), sms=(True, False), email=(True, False))
    challenge = sign_in(cognito, EMAIL)
    assert challenge["ChallengeName"] == "SELECT_MFA_TYPE"
    choices = json.loads(challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"])
    assert choices == ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]

    bad = error_of(answer, cognito, challenge, EMAIL, ANSWER="VOICE")
    assert bad["Code"] == "InvalidParameterException"
    # a code for a challenge not yet set is refused, and the choice still stands
    as_totp = {**challenge, "ChallengeName": "SOFTWARE_TOKEN_MFA"}
    early = error_of(answer, cognito, as_totp, EMAIL, SOFTWARE_TOKEN_MFA_CODE="123456")
    assert (early["Code"], early["Message"]) == ("CodeMismatchException", INVALID_CODE)

    stub.clear_outbox()
    chosen = answer(cognito, challenge, EMAIL, ANSWER="EMAIL_OTP")
    assert chosen["ChallengeName"] == "EMAIL_OTP"
    assert chosen["Session"] != challenge["Session"]
    code = stub.latest_code(EMAIL, "mfa_email")
    assert "AuthenticationResult" in answer(cognito, chosen, EMAIL, EMAIL_OTP_CODE=code)

    totp = answer(cognito, sign_in(cognito, EMAIL), EMAIL, ANSWER="SOFTWARE_TOKEN_MFA")
    assert totp["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    code = totp_code(secret, clock())
    assert "AuthenticationResult" in answer(cognito, totp, EMAIL, SOFTWARE_TOKEN_MFA_CODE=code)


def test_the_preferred_method_is_asked_for(cognito, clock, sam):
    with_totp(cognito, clock, sam)
    prefer(cognito, sam, totp=(True, False), sms=(True, True))
    assert sign_in(cognito, EMAIL)["ChallengeName"] == "SMS_MFA"


def test_the_session_expires_after_three_minutes(stub, cognito, clock, sam):
    prefer(cognito, sam, email=(True, True))
    late = sign_in(cognito, EMAIL)
    clock.advance(180)
    code = stub.latest_code(EMAIL, "mfa_email")
    error = error_of(answer, cognito, late, EMAIL, EMAIL_OTP_CODE=code)
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    in_time = sign_in(cognito, EMAIL)
    clock.advance(179)
    code = stub.latest_code(EMAIL, "mfa_email")
    assert "AuthenticationResult" in answer(cognito, in_time, EMAIL, EMAIL_OTP_CODE=code)


def test_a_session_answers_once(stub, cognito, sam):
    prefer(cognito, sam, sms=(True, True))
    challenge = sign_in(cognito, EMAIL)
    code = stub.latest_code(PHONE, "mfa_sms")
    answer(cognito, challenge, EMAIL, SMS_MFA_CODE=code)
    error = error_of(answer, cognito, challenge, EMAIL, SMS_MFA_CODE=code)
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )


@pytest.mark.parametrize(("wrong_codes", "signed_in"), [(4, True), (5, False)])
def test_five_wrong_codes_end_the_session(stub, cognito, sam, wrong_codes, signed_in):
    prefer(cognito, sam, sms=(True, True))
    challenge = sign_in(cognito, EMAIL)
    for _ in range(wrong_codes):
        error = error_of(answer, cognito, challenge, EMAIL, SMS_MFA_CODE="000000")
        assert error["Code"] == "CodeMismatchException"
    code = stub.latest_code(PHONE, "mfa_sms")
    if signed_in:
        assert "AuthenticationResult" in answer(cognito, challenge, EMAIL, SMS_MFA_CODE=code)
        return
    error = error_of(answer, cognito, challenge, EMAIL, SMS_MFA_CODE=code)
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Too many invalid credentials attempts. User temporarily locked. "
        "Please try again after few seconds.",
    )
    # a new sign-in starts a new session
    fresh = sign_in(cognito, EMAIL)
    code = stub.latest_code(PHONE, "mfa_sms")
    assert "AuthenticationResult" in answer(cognito, fresh, EMAIL, SMS_MFA_CODE=code)


def test_an_answer_to_another_challenge_is_refused(stub, cognito, sam):
    prefer(cognito, sam, sms=(True, True))
    challenge = sign_in(cognito, EMAIL)
    as_setup = {**challenge, "ChallengeName": "MFA_SETUP"}
    error = error_of(answer, cognito, as_setup, EMAIL)
    assert (error["Code"], error["Message"]) == ("CodeMismatchException", INVALID_CODE)
    code = stub.latest_code(PHONE, "mfa_sms")
    assert "AuthenticationResult" in answer(cognito, challenge, EMAIL, SMS_MFA_CODE=code)


def test_unknown_session(cognito, sam):
    prefer(cognito, sam, sms=(True, True))
    fake = {"ChallengeName": "SMS_MFA", "Session": "x" * 60}
    error = error_of(answer, cognito, fake, EMAIL, SMS_MFA_CODE="123456")
    assert (error["Code"], error["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user.",
    )
