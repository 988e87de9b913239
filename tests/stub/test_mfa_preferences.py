"""SetUserMFAPreference as Cognito checks it, and GetUser's UserMFASettingList and
PreferredMfaSetting."""

from __future__ import annotations

import pytest

from .helpers import error_of
from .mfa_helpers import PHONE, new_user, prefer, with_phone, with_totp

EMAIL = "vic@example.org"


@pytest.fixture
def access(stub, cognito):
    return new_user(stub, cognito, EMAIL)


def _mfa(cognito, access: str) -> tuple[list[str] | None, str | None]:
    user = cognito.get_user(AccessToken=access)
    return user.get("UserMFASettingList"), user.get("PreferredMfaSetting")


def test_get_user_has_no_mfa_fields_until_a_method_is_enabled(cognito, access):
    assert _mfa(cognito, access) == (None, None)
    assert "MFAOptions" not in cognito.get_user(AccessToken=access)


@pytest.mark.parametrize(
    ("method", "block"),
    [
        ("totp", "SOFTWARE_TOKEN_MFA"),
        ("sms", "SMS_MFA"),
    ],
)
def test_a_method_needs_its_delivery_set_up(cognito, access, method, block):
    error = error_of(prefer, cognito, access, **{method: (True, False)})
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterException",
        f"User does not have delivery config set to turn on {block}",
    )
    assert _mfa(cognito, access) == (None, None)


def test_sms_needs_a_verified_phone_number(stub, cognito, access):
    cognito.update_user_attributes(
        AccessToken=access, UserAttributes=[{"Name": "phone_number", "Value": PHONE}]
    )
    assert error_of(prefer, cognito, access, sms=(True, False))["Code"] == (
        "InvalidParameterException"
    )
    code = stub.latest_code(PHONE, "verify_phone")
    cognito.verify_user_attribute(AccessToken=access, AttributeName="phone_number", Code=code)
    prefer(cognito, access, sms=(True, True))
    assert _mfa(cognito, access) == (["SMS_MFA"], "SMS_MFA")


def test_email_needs_a_verified_email(stub, cognito, admin, access):
    prefer(cognito, access, email=(True, False))
    assert _mfa(cognito, access) == (["EMAIL_OTP"], None)
    admin.admin_update_user_attributes(
        UserPoolId="us-east-1_StubPool01",
        Username=EMAIL,
        UserAttributes=[{"Name": "email_verified", "Value": "false"}],
    )
    error = error_of(prefer, cognito, access, email=(True, True))
    assert error["Message"] == "User does not have delivery config set to turn on EMAIL_OTP"


def test_enable_prefer_and_disable(stub, cognito, clock, access):
    with_totp(cognito, clock, access)
    with_phone(stub, cognito, access)
    prefer(cognito, access, totp=(True, True), sms=(True, False), email=(True, False))
    assert _mfa(cognito, access) == (
        ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"],
        "SOFTWARE_TOKEN_MFA",
    )
    prefer(cognito, access, sms=(True, True))  # a block left out stays as it was
    assert _mfa(cognito, access) == (
        ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"],
        "SMS_MFA",
    )
    prefer(cognito, access, sms=(False, False))  # disabling the preferred one unsets it
    assert _mfa(cognito, access) == (["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], None)
    prefer(cognito, access, totp=(False, False), email=(False, False))
    assert _mfa(cognito, access) == (None, None)


def test_one_preferred_method_and_only_an_enabled_one(cognito, clock, access):
    with_totp(cognito, clock, access)
    two = error_of(prefer, cognito, access, totp=(True, True), email=(True, True))
    assert two["Code"] == "InvalidParameterException"
    disabled = error_of(prefer, cognito, access, totp=(False, True))
    assert disabled["Code"] == "InvalidParameterException"
    assert _mfa(cognito, access) == (None, None)  # nothing of either call was applied
