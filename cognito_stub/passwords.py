"""Cognito's password policy check, with Cognito's own error messages."""

from __future__ import annotations

import secrets
import string
from typing import Any

from .errors import CognitoError

# Cognito's default policy (what a console-created pool gets).
DEFAULT_PASSWORD_POLICY: dict[str, Any] = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}

SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-")

_PREFIX = "Password did not conform with policy: "


def check_password(password: str | None, policy: dict[str, Any]) -> None:
    """Raise InvalidPasswordException (Cognito wording) if `password` breaks `policy`."""
    password = password or ""
    if len(password) < int(policy.get("MinimumLength", 8)):
        raise CognitoError("InvalidPasswordException", _PREFIX + "Password not long enough")
    rules = [
        ("RequireUppercase", str.isupper, "Password must have uppercase characters"),
        ("RequireLowercase", str.islower, "Password must have lowercase characters"),
        ("RequireNumbers", str.isdigit, "Password must have numeric characters"),
        ("RequireSymbols", SYMBOLS.__contains__, "Password must have symbol characters"),
    ]
    for key, test, message in rules:
        if policy.get(key, True) and not any(test(ch) for ch in password):
            raise CognitoError("InvalidPasswordException", _PREFIX + message)


def temporary_password(policy: dict[str, Any]) -> str:
    """A random password that `policy` accepts (AdminCreateUser without TemporaryPassword)."""
    length = max(int(policy.get("MinimumLength", 8)), 12)
    classes = [string.ascii_uppercase, string.ascii_lowercase, string.digits, "!#%&*+-=?@^_"]
    chosen = [secrets.choice(chars) for chars in classes]
    everything = "".join(classes)
    chosen += [secrets.choice(everything) for _ in range(length - len(chosen))]
    secrets.SystemRandom().shuffle(chosen)
    return "".join(chosen)
