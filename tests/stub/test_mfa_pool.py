"""The pool's MFA configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig, DescribeUserPool),
MFA_SETUP in a pool where MFA is ON, and the admin sign-in calls."""

from __future__ import annotations

import json

import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, USER_POOL_ID
from cognito_stub.state import StubOptions

from .helpers import NEW_PASSWORD, TEMPORARY_PASSWORD, attributes_of, error_of, invite, sign_in
from .mfa_helpers import (
    EMAIL_BLOCK,
    SMS_BLOCK,
    answer,
    new_user,
    prefer,
    set_pool_mfa,
    totp_code,
    with_totp,
)

EMAIL = "uma@example.org"


def test_the_pool_starts_with_mfa_off(admin):
    config = admin.get_user_pool_mfa_config(UserPoolId=USER_POOL_ID)
    assert config["MfaConfiguration"] == "OFF"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": False}
    assert "SmsMfaConfiguration" not in config and "EmailMfaConfiguration" not in config


def test_set_user_pool_mfa_config_is_read_back(admin):
    set_pool_mfa(admin, "OPTIONAL", sms=False)
    config = admin.get_user_pool_mfa_config(UserPoolId=USER_POOL_ID)
    assert config["MfaConfiguration"] == "OPTIONAL"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert config["EmailMfaConfiguration"] == EMAIL_BLOCK
    assert "SmsMfaConfiguration" not in config
    pool = admin.describe_user_pool(UserPoolId=USER_POOL_ID)["UserPool"]
    assert pool["MfaConfiguration"] == "OPTIONAL"

    set_pool_mfa(admin, "ON", totp=False, email=False)
    config = admin.get_user_pool_mfa_config(UserPoolId=USER_POOL_ID)
    assert (config["MfaConfiguration"], config["SmsMfaConfiguration"]) == ("ON", SMS_BLOCK)
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": False}


@pytest.mark.parametrize(
    ("mode", "methods", "message"),
    [
        ("OFF", {"totp": True}, "can't turn off MFA and configure an MFA together."),
        ("ON", {"totp": False, "sms": False, "email": False}, "can't disable all MFAs"),
        ("OPTIONAL", {"totp": False, "sms": False, "email": False}, "can't disable all MFAs"),
    ],
)
def test_inconsistent_mfa_configurations_are_refused(admin, mode, methods, message):
    options = {"totp": False, "sms": False, "email": False, **methods}
    error = error_of(set_pool_mfa, admin, mode, **options)
    assert error["Code"] == "InvalidParameterException"
    assert error["Message"].startswith("Invalid MFA configuration given, ")
    assert message in error["Message"]


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="off, optional, on"):
        StubOptions(mfa="sometimes")


def test_with_mfa_off_enabled_methods_are_not_asked_for(stub, cognito, admin, clock):
    set_pool_mfa(admin, "OPTIONAL")
    access = new_user(stub, cognito, EMAIL)
    with_totp(cognito, clock, access)
    prefer(cognito, access, totp=(True, True))
    assert sign_in(cognito, EMAIL)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    admin.set_user_pool_mfa_config(UserPoolId=USER_POOL_ID, MfaConfiguration="OFF")
    assert "AuthenticationResult" in sign_in(cognito, EMAIL)


def test_optional_mfa_without_a_method_signs_in_directly(cognito, admin):
    set_pool_mfa(admin, "OPTIONAL")
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)


def test_mfa_setup_with_an_authenticator_app(cognito, admin, clock):
    set_pool_mfa(admin, "ON")
    challenge = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    choices = json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"])
    assert choices == ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]

    too_soon = error_of(answer, cognito, challenge, DEMO_EMAIL)
    assert too_soon["Code"] == "SoftwareTokenMFANotFoundException"
    associated = cognito.associate_software_token(Session=challenge["Session"])
    assert associated["Session"] != challenge["Session"]
    secret = associated["SecretCode"]
    wrong = error_of(
        cognito.verify_software_token, Session=associated["Session"], UserCode="000000"
    )
    assert wrong["Code"] == "EnableSoftwareTokenMFAException"
    verified = cognito.verify_software_token(
        Session=associated["Session"], UserCode=totp_code(secret, clock())
    )
    assert verified["Status"] == "SUCCESS" and verified["Session"]
    used = error_of(cognito.associate_software_token, Session=associated["Session"])
    assert used["Message"] == "Invalid session for the user, session can only be used once."

    result = answer(cognito, {**challenge, "Session": verified["Session"]}, DEMO_EMAIL)
    access = result["AuthenticationResult"]["AccessToken"]
    assert cognito.get_user(AccessToken=access)["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    clock.advance(30)
    assert sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_mfa_setup_with_email(stub, cognito, admin):
    set_pool_mfa(admin, "ON", totp=True, sms=False, email=True)
    challenge = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]) == [
        "SOFTWARE_TOKEN_MFA",
        "EMAIL_OTP",
    ]
    stub.clear_outbox()
    otp = answer(cognito, challenge, DEMO_EMAIL, EMAIL=DEMO_EMAIL)
    assert otp["ChallengeName"] == "EMAIL_OTP"
    assert otp["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "d***@e***"
    code = stub.latest_code(DEMO_EMAIL, "mfa_email")
    result = answer(cognito, otp, DEMO_EMAIL, EMAIL_OTP_CODE=code)
    access = result["AuthenticationResult"]["AccessToken"]
    assert cognito.get_user(AccessToken=access)["UserMFASettingList"] == ["EMAIL_OTP"]
    assert sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["ChallengeName"] == "EMAIL_OTP"


def test_mfa_setup_after_a_new_password(cognito, admin):
    set_pool_mfa(admin, "ON")
    invite(admin, EMAIL, email_verified="true")
    challenge = sign_in(cognito, EMAIL, TEMPORARY_PASSWORD)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    setup = answer(cognito, challenge, EMAIL, NEW_PASSWORD=NEW_PASSWORD)
    assert setup["ChallengeName"] == "MFA_SETUP"
    again = sign_in(cognito, EMAIL, NEW_PASSWORD)  # the new password is set
    assert again["ChallengeName"] == "MFA_SETUP"


def test_admin_sign_in_asks_for_mfa_too(stub, cognito, admin, clock):
    set_pool_mfa(admin, "OPTIONAL")
    access = new_user(stub, cognito, EMAIL)
    secret = with_totp(cognito, clock, access)
    admin.admin_set_user_mfa_preference(
        UserPoolId=USER_POOL_ID,
        Username=EMAIL.upper(),
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    user = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=EMAIL)
    assert (user["UserMFASettingList"], user["PreferredMfaSetting"]) == (
        ["SOFTWARE_TOKEN_MFA"],
        "SOFTWARE_TOKEN_MFA",
    )
    assert "MFAOptions" not in user
    client_id = admin.create_user_pool_client(
        UserPoolId=USER_POOL_ID,
        ClientName="admin-flows",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    auth = {"USERNAME": EMAIL, "PASSWORD": "Str0ng-Passw0rd!"}

    def admin_sign_in(client: str) -> dict:
        return admin.admin_initiate_auth(
            UserPoolId=USER_POOL_ID,
            ClientId=client,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters=auth,
        )

    assert error_of(admin_sign_in, APP_CLIENT_ID)["Code"] == "InvalidParameterException"
    challenge = admin_sign_in(client_id)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"

    def admin_answer(code: str) -> dict:
        return admin.admin_respond_to_auth_challenge(
            UserPoolId=USER_POOL_ID,
            ClientId=client_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": EMAIL, "SOFTWARE_TOKEN_MFA_CODE": code},
        )

    assert error_of(admin_answer, "000000")["Code"] == "CodeMismatchException"
    assert "AuthenticationResult" in admin_answer(totp_code(secret, clock()))
    assert attributes_of(cognito, access)["email"] == EMAIL
