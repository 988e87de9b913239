"""Changing the email with UpdateUserAttributes, and verifying it with a code, in the seeded pool
(AttributesRequireVerificationBeforeUpdate = [email]: the old email stays until verified)."""

from __future__ import annotations

import re

import jwt

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD

from .helpers import (
    NEW_PASSWORD,
    attributes_of,
    confirmed_user,
    error_of,
    refresh,
    sign_in,
    sign_up,
    signed_in,
)

NEW_EMAIL = "dana.new@example.net"
INCORRECT = "Incorrect username or password."
MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."
DAY = 24 * 3600
DELIVERY = {"Destination": "d***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}


def _change_email(cognito, access_token: str, email: str = NEW_EMAIL) -> dict:
    return cognito.update_user_attributes(
        AccessToken=access_token, UserAttributes=[{"Name": "email", "Value": email}]
    )


def _verify(cognito, access_token: str, code: str) -> dict:
    return cognito.verify_user_attribute(AccessToken=access_token, AttributeName="email", Code=code)


def _code_for(stub, email: str) -> str:
    [message, *_] = stub.outbox(email)
    assert message["purpose"] == "verify_email"
    return message["code"]


def _demo_access(cognito) -> str:
    return signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AccessToken"]


def _pending_change(stub, cognito) -> tuple[str, str]:
    """The demo user signed in and asking for NEW_EMAIL: (access token, the code sent)."""
    access = _demo_access(cognito)
    _change_email(cognito, access)
    return access, _code_for(stub, NEW_EMAIL)


def test_email_change_sends_a_code_to_the_new_address(stub, cognito):
    access = _demo_access(cognito)
    answer = _change_email(cognito, access)
    assert answer["CodeDeliveryDetailsList"] == [DELIVERY]
    [message] = stub.outbox(NEW_EMAIL)
    assert message["purpose"] == "verify_email"
    assert re.fullmatch(r"\d{6}", message["code"])
    assert stub.outbox(DEMO_EMAIL) == []


def test_pending_change_keeps_the_old_email_everywhere(stub, cognito):
    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    _change_email(cognito, tokens["AccessToken"])
    attributes = attributes_of(cognito, tokens["AccessToken"])
    assert attributes["email"] == DEMO_EMAIL
    assert attributes["email_verified"] == "true"
    assert NEW_EMAIL not in str(cognito.get_user(AccessToken=tokens["AccessToken"]))
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert error_of(sign_in, cognito, NEW_EMAIL, DEMO_PASSWORD)["Message"] == INCORRECT
    id_token = refresh(cognito, tokens["RefreshToken"])["AuthenticationResult"]["IdToken"]
    assert jwt.decode(id_token, options={"verify_signature": False})["email"] == DEMO_EMAIL


def test_verified_change_moves_the_sign_in_to_the_new_email(stub, cognito):
    tokens = signed_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    _change_email(cognito, tokens["AccessToken"])
    answer = _verify(cognito, tokens["AccessToken"], _code_for(stub, NEW_EMAIL))
    assert set(answer) == {"ResponseMetadata"}
    attributes = attributes_of(cognito, tokens["AccessToken"])  # the same session goes on
    assert (attributes["email"], attributes["email_verified"]) == (NEW_EMAIL, "true")
    old = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert (old["Code"], old["Message"]) == ("NotAuthorizedException", INCORRECT)
    assert "AuthenticationResult" in sign_in(cognito, NEW_EMAIL.upper(), DEMO_PASSWORD)
    id_token = refresh(cognito, tokens["RefreshToken"])["AuthenticationResult"]["IdToken"]
    claims = jwt.decode(id_token, options={"verify_signature": False})
    assert (claims["email"], claims["email_verified"]) == (NEW_EMAIL, True)
    # the old address is free again
    assert sign_up(cognito, DEMO_EMAIL)["UserConfirmed"] is False


def test_an_email_of_another_account_is_an_alias_conflict(stub, cognito):
    confirmed_user(stub, cognito, NEW_EMAIL)
    access = _demo_access(cognito)
    error = error_of(_change_email, cognito, access, NEW_EMAIL.upper())
    assert (error["Code"], error["Message"]) == (
        "AliasExistsException",
        "An account with the given email already exists.",
    )
    assert stub.outbox(NEW_EMAIL)[0]["purpose"] == "sign_up"  # nothing more was sent


def test_an_address_taken_while_pending_is_an_alias_conflict_on_verify(stub, cognito):
    access, code = _pending_change(stub, cognito)
    sign_up(cognito, NEW_EMAIL)  # a pending address is no alias yet: anyone may sign up
    assert error_of(_verify, cognito, access, code)["Code"] == "AliasExistsException"
    assert attributes_of(cognito, access)["email"] == DEMO_EMAIL


def test_asking_for_a_fresh_code_supersedes_the_first(stub, cognito):
    access, first = _pending_change(stub, cognito)
    answer = cognito.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    assert answer["CodeDeliveryDetails"] == DELIVERY
    second = _code_for(stub, NEW_EMAIL)
    if first != second:  # (one chance in a million that the new code is the same)
        error = error_of(_verify, cognito, access, first)
        assert (error["Code"], error["Message"]) == ("ExpiredCodeException", EXPIRED)
    _verify(cognito, access, second)
    assert attributes_of(cognito, access)["email"] == NEW_EMAIL


def test_wrong_expired_and_reused_codes(stub, cognito, clock):
    access, code = _pending_change(stub, cognito)
    wrong = error_of(_verify, cognito, access, f"{(int(code) + 1) % 1_000_000:06d}")
    assert (wrong["Code"], wrong["Message"]) == ("CodeMismatchException", MISMATCH)
    clock.advance(DAY - 1)
    fresh = _demo_access(cognito)  # 1 h tokens
    clock.advance(1)
    expired = error_of(_verify, cognito, fresh, code)
    assert (expired["Code"], expired["Message"]) == ("ExpiredCodeException", EXPIRED)

    cognito.get_user_attribute_verification_code(AccessToken=fresh, AttributeName="email")
    code = _code_for(stub, NEW_EMAIL)
    _verify(cognito, fresh, code)
    reused = error_of(_verify, cognito, fresh, code)
    assert (reused["Code"], reused["Message"]) == ("ExpiredCodeException", EXPIRED)


def test_repeated_wrong_codes_hit_the_attempt_limit(stub, cognito):
    access, code = _pending_change(stub, cognito)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert error_of(_verify, cognito, access, wrong)["Code"] == "CodeMismatchException"
    limited = error_of(_verify, cognito, access, code)
    assert (limited["Code"], limited["Message"]) == (
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )
    cognito.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    _verify(cognito, access, _code_for(stub, NEW_EMAIL))  # a new code starts over


def test_code_for_the_current_email_when_nothing_is_pending(stub, cognito):
    access = _demo_access(cognito)
    answer = cognito.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    assert answer["CodeDeliveryDetails"]["Destination"] == "d***@e***"
    _verify(cognito, access, _code_for(stub, DEMO_EMAIL))
    attributes = attributes_of(cognito, access)
    assert (attributes["email"], attributes["email_verified"]) == (DEMO_EMAIL, "true")


def test_changing_back_to_the_current_email_drops_the_pending_change(stub, cognito):
    access, code = _pending_change(stub, cognito)
    assert "CodeDeliveryDetailsList" not in _change_email(cognito, access, DEMO_EMAIL)
    assert error_of(_verify, cognito, access, code)["Code"] == "ExpiredCodeException"
    assert attributes_of(cognito, access)["email"] == DEMO_EMAIL


def test_only_email_and_phone_number_can_be_verified(cognito):
    access = _demo_access(cognito)
    message = "Invalid attribute name. Only phone_number and email can be verified."
    for call, extra in (
        (cognito.get_user_attribute_verification_code, {}),
        (cognito.verify_user_attribute, {"Code": "123456"}),
    ):
        error = error_of(call, AccessToken=access, AttributeName="name", **extra)
        assert (error["Code"], error["Message"]) == ("InvalidParameterException", message)


def test_verification_codes_leave_a_password_reset_code_alone(stub, cognito):
    cognito.forgot_password(ClientId=APP_CLIENT_ID, Username=DEMO_EMAIL)
    [reset] = stub.outbox(DEMO_EMAIL)
    access = _demo_access(cognito)
    cognito.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    _change_email(cognito, access)
    cognito.confirm_forgot_password(
        ClientId=APP_CLIENT_ID,
        Username=DEMO_EMAIL,
        ConfirmationCode=reset["code"],
        Password=NEW_PASSWORD,
    )
    _verify(cognito, access, _code_for(stub, NEW_EMAIL))
    assert "AuthenticationResult" in sign_in(cognito, NEW_EMAIL, NEW_PASSWORD)
