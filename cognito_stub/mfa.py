"""MFA settings: each pool's configuration (SetUserPoolMfaConfig) and each user's methods and
preferred method (SetUserMFAPreference). Secrets live in totp.py, sign-in sessions in
challenges.py."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from .errors import invalid_parameter

# Cognito's names for the methods (in challenges, preferences and UserMFASettingList), in the
# order the stub lists them.
SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"  # noqa: S105 - a method name
SMS_MFA = "SMS_MFA"
EMAIL_OTP = "EMAIL_OTP"
METHODS = (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP)
MODES = ("OFF", "OPTIONAL", "ON")

# What `--mfa on|optional` configures: every method, with messages like Cognito's defaults.
SEEDED_SMS = {
    "SmsAuthenticationMessage": "Your authentication code is {####}. ",
    "SmsConfiguration": {
        "SnsCallerArn": "arn:aws:iam::123456789012:role/cognito-stub-sms",
        "ExternalId": "cognito-stub",
        "SnsRegion": "us-east-1",
    },
}
SEEDED_EMAIL = {"Subject": "Your sign-in code", "Message": "Your sign-in code is {####}."}


@dataclass(frozen=True)
class PoolMfaConfig:
    mode: str = "OFF"
    software_token: bool = False
    sms: dict[str, Any] | None = None  # SmsMfaConfiguration, None when SMS MFA is off
    email: dict[str, Any] | None = None  # EmailMfaConfiguration, None when email MFA is off

    @classmethod
    def preset(cls, mode: str) -> PoolMfaConfig:
        """`off`, `optional` or `on` (any case); the last two enable every method."""
        mode = mode.upper()
        if mode not in MODES:
            raise ValueError(f"MFA must be one of off, optional, on (not {mode.lower()!r})")
        if mode == "OFF":
            return cls()
        return cls(mode, True, dict(SEEDED_SMS), dict(SEEDED_EMAIL))

    @classmethod
    def from_request(cls, params: dict[str, Any]) -> PoolMfaConfig:
        """SetUserPoolMfaConfig's parameters, checked as Cognito checks them. The call replaces
        the whole configuration: a method whose block is left out is off."""
        mode = params.get("MfaConfiguration") or "OFF"
        if mode not in MODES:
            raise invalid_parameter(
                f"1 validation error detected: Value '{mode}' at 'mfaConfiguration' failed to "
                "satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"
            )
        token = params.get("SoftwareTokenMfaConfiguration")
        config = cls(
            mode,
            isinstance(token, dict) and bool(token.get("Enabled")),
            _block(params, "SmsMfaConfiguration"),
            _block(params, "EmailMfaConfiguration"),
        )
        if mode == "OFF" and config.methods():
            raise invalid_parameter(
                "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
            )
        if mode != "OFF" and not config.methods():
            raise invalid_parameter(
                "Invalid MFA configuration given, can't disable all MFAs with a required or "
                "optional configuration."
            )
        return config

    def methods(self) -> list[str]:
        """The methods the pool allows (none while MFA is OFF)."""
        enabled = {
            SOFTWARE_TOKEN_MFA: self.software_token,
            SMS_MFA: self.sms is not None,
            EMAIL_OTP: self.email is not None,
        }
        return [method for method in METHODS if enabled[method]]

    def to_json(self) -> dict[str, Any]:
        """GetUserPoolMfaConfig's answer: a method that is off has no block (but the software
        token's says Enabled false)."""
        answer: dict[str, Any] = {
            "MfaConfiguration": self.mode,
            "SoftwareTokenMfaConfiguration": {"Enabled": self.software_token},
        }
        if self.sms is not None:
            answer["SmsMfaConfiguration"] = self.sms
        if self.email is not None:
            answer["EmailMfaConfiguration"] = self.email
        return answer


def _block(params: dict[str, Any], name: str) -> dict[str, Any] | None:
    """A method block: present → that method is on, with this configuration."""
    value = params.get(name)
    return dict(value) if isinstance(value, dict) else None


class PoolMfaBook:
    """Each pool's MFA configuration, once set (at reset for the seeded pool, or by
    SetUserPoolMfaConfig)."""

    def __init__(self) -> None:
        self._configs: dict[str, PoolMfaConfig] = {}
        self._lock = threading.Lock()

    def get(self, pool_id: str) -> PoolMfaConfig | None:
        with self._lock:
            return self._configs.get(pool_id)

    def set(self, pool_id: str, config: PoolMfaConfig) -> None:
        with self._lock:
            self._configs[pool_id] = config

    def clear(self) -> None:
        with self._lock:
            self._configs.clear()


@dataclass
class UserMfa:
    enabled: set[str] = field(default_factory=set)
    preferred: str = ""

    def setting_list(self) -> list[str]:
        return [method for method in METHODS if method in self.enabled]


class UserMfaBook:
    """Each user's enabled MFA methods and preferred one, by user id (the sub)."""

    def __init__(self) -> None:
        self._users: dict[str, UserMfa] = {}
        self._lock = threading.Lock()

    def get(self, user_key: str) -> UserMfa:
        with self._lock:
            found = self._users.get(user_key)
            return UserMfa(set(found.enabled), found.preferred) if found else UserMfa()

    def set(self, user_key: str, settings: UserMfa) -> None:
        with self._lock:
            self._users[user_key] = UserMfa(set(settings.enabled), settings.preferred)

    def enable(self, user_key: str, method: str) -> None:
        with self._lock:
            self._users.setdefault(user_key, UserMfa()).enabled.add(method)

    def forget(self, user_key: str) -> None:
        with self._lock:
            self._users.pop(user_key, None)

    def clear(self) -> None:
        with self._lock:
            self._users.clear()
