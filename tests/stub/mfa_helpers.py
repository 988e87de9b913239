"""Helpers for the MFA contract tests: the pool's MFA, authenticator-app codes, and users with a
method set up."""

from __future__ import annotations

import pyotp

from cognito_stub import APP_CLIENT_ID, USER_POOL_ID

from .helpers import confirmed_user, signed_in

PHONE = "+15555550123"
SMS_BLOCK = {
    "SmsAuthenticationMessage": "Your code is {####}",
    "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sms"},
}
EMAIL_BLOCK = {"Subject": "Your code", "Message": "Your code is {####}"}


def set_pool_mfa(
    admin, mode: str = "OPTIONAL", *, totp: bool = True, sms: bool = True, email: bool = True
) -> dict:
    params: dict = {"UserPoolId": USER_POOL_ID, "MfaConfiguration": mode}
    params["SoftwareTokenMfaConfiguration"] = {"Enabled": totp}
    if sms:
        params["SmsMfaConfiguration"] = SMS_BLOCK
    if email:
        params["EmailMfaConfiguration"] = EMAIL_BLOCK
    return admin.set_user_pool_mfa_config(**params)


def totp_code(secret: str, at: float) -> str:
    """The authenticator app's code at Unix time `at` (30-second steps)."""
    return pyotp.TOTP(secret).generate_otp(int(at // 30))


def new_user(stub, cognito, email: str) -> str:
    """A confirmed user (verified email); their access token."""
    confirmed_user(stub, cognito, email)
    return signed_in(cognito, email)["AccessToken"]


def with_totp(cognito, clock, access: str) -> str:
    """Associate and verify an authenticator app for the user, then move the clock to the next
    step (the code just used would be refused at sign-in); the secret."""
    secret = cognito.associate_software_token(AccessToken=access)["SecretCode"]
    cognito.verify_software_token(AccessToken=access, UserCode=totp_code(secret, clock()))
    clock.advance(30)
    return secret


def with_phone(stub, cognito, access: str, phone: str = PHONE) -> None:
    """Give the user a verified phone number (its code from the outbox)."""
    cognito.update_user_attributes(
        AccessToken=access, UserAttributes=[{"Name": "phone_number", "Value": phone}]
    )
    code = stub.latest_code(phone, "verify_phone")
    cognito.verify_user_attribute(AccessToken=access, AttributeName="phone_number", Code=code)


def prefer(cognito, access: str, **methods: tuple[bool, bool]) -> None:
    """SetUserMFAPreference with blocks given as totp=/sms=/email=(enabled, preferred)."""
    names = {
        "totp": "SoftwareTokenMfaSettings",
        "sms": "SMSMfaSettings",
        "email": "EmailMfaSettings",
    }
    cognito.set_user_mfa_preference(
        AccessToken=access,
        **{names[k]: {"Enabled": on, "PreferredMfa": pref} for k, (on, pref) in methods.items()},
    )


def answer(cognito, challenge: dict, email: str, **responses: str) -> dict:
    return cognito.respond_to_auth_challenge(
        ClientId=APP_CLIENT_ID,
        ChallengeName=challenge["ChallengeName"],
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": email, **responses},
    )
