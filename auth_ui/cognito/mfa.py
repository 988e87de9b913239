"""Multi-factor authentication: an authenticator app's secret and its first code, each person's
MFA preferences, and the pool's MFA configuration."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.views.decorators.debug import sensitive_variables

from .client import call, cognito_settings
from .errors import AuthError

POOL_MFA_CACHE_SECONDS = 3600
# Cognito's names for the methods, as in challenges and preferences.
TOTP, SMS, EMAIL = "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"
METHODS = (TOTP, SMS, EMAIL)


@dataclass(frozen=True)
class PoolMfa:
    mode: str  # "OFF", "OPTIONAL" or "ON"
    methods: tuple[str, ...]  # the methods the pool allows

    @property
    def required(self) -> bool:
        return self.mode == "ON"


@dataclass(frozen=True)
class Association:
    """A new authenticator app: its secret, and (during sign-in) the challenge's next session."""

    secret: str
    session: str


@sensitive_variables()
def associate_software_token(*, access_token: str = "", session: str = "") -> Association:
    auth = {"AccessToken": access_token} if access_token else {"Session": session}
    response = call("associate_software_token", **auth)
    return Association(secret=response["SecretCode"], session=response.get("Session", ""))


@sensitive_variables()
def verify_software_token(*, code: str, access_token: str = "", session: str = "") -> str:
    """Check the app's first code; returns the challenge's next session (during sign-in)."""
    auth = {"AccessToken": access_token} if access_token else {"Session": session}
    response = call("verify_software_token", UserCode=code, **auth)
    if response.get("Status") != "SUCCESS":
        raise AuthError("CodeMismatchException")
    return response.get("Session", "")


SETTINGS_PARAMS = {
    TOTP: "SoftwareTokenMfaSettings",
    SMS: "SMSMfaSettings",
    EMAIL: "EmailMfaSettings",
}


@sensitive_variables()
def set_mfa_preference(*, access_token: str, method: str, enabled: bool, preferred: bool) -> None:
    call(
        "set_user_mfa_preference",
        AccessToken=access_token,
        **{SETTINGS_PARAMS[method]: {"Enabled": enabled, "PreferredMfa": preferred}},
    )


def pool_mfa() -> PoolMfa:
    """The pool's MFA configuration (GetUserPoolMfaConfig needs admin credentials; cached), or
    COGNITO_MFA from settings when it can't be read."""
    key = f"cognito:pool-mfa:{cognito_settings().user_pool_id}"
    found = cache.get(key)
    if found is None:
        try:
            config = call("get_user_pool_mfa_config", UserPoolId=cognito_settings().user_pool_id)
            methods = [
                method
                for method, section in (
                    (TOTP, "SoftwareTokenMfaConfiguration"),
                    (SMS, "SmsMfaConfiguration"),
                    (EMAIL, "EmailMfaConfiguration"),
                )
                if section in config and config[section].get("Enabled", True)
            ]
            found = {"mode": config.get("MfaConfiguration", "OFF"), "methods": methods}
        except AuthError:
            found = settings.COGNITO_MFA
        cache.set(key, found, POOL_MFA_CACHE_SECONDS)
    return PoolMfa(mode=found["mode"], methods=tuple(found["methods"]))
