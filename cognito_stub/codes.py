"""Six-digit confirmation codes: single-use, expiring, superseded by a resend, attempt-limited."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

from .errors import CognitoError

# Purposes recorded in the outbox, and the family of codes each one belongs to: a resend
# replaces the sign-up code; forgot-password and attribute-verification (an email or phone
# change, or GetUserAttributeVerificationCode) codes are independent of it and of each other.
SIGN_UP = "sign_up"
RESEND = "resend"
FORGOT_PASSWORD = "forgot_password"  # noqa: S105 - a purpose name
VERIFY_EMAIL = "verify_email"
VERIFY_PHONE = "verify_phone"
FAMILY = {
    SIGN_UP: SIGN_UP,
    RESEND: SIGN_UP,
    FORGOT_PASSWORD: FORGOT_PASSWORD,
    VERIFY_EMAIL: VERIFY_EMAIL,
    VERIFY_PHONE: VERIFY_PHONE,
}
# Sign-in codes (SMS_MFA, EMAIL_OTP after a password; EMAIL_OTP, SMS_OTP as USER_AUTH's first
# factor): they belong to a challenge session (challenges.py), not to this book, and are
# recorded in the outbox under these purposes.
MFA_SMS = "mfa_sms"
MFA_EMAIL = "mfa_email"
SIGN_IN_SMS = "sign_in_sms"
SIGN_IN_EMAIL = "sign_in_email"
# AdminCreateUser's invitation: its "code" is the temporary password.
INVITATION = "invitation"


def new_code() -> str:
    """Six random digits."""
    return f"{secrets.randbelow(1_000_000):06d}"


def code_mismatch() -> CognitoError:
    return CognitoError("CodeMismatchException")


def expired_code() -> CognitoError:
    return CognitoError("ExpiredCodeException")


def attempts_exceeded() -> CognitoError:
    return CognitoError("LimitExceededException")


@dataclass
class IssuedCode:
    code: str
    to: str
    purpose: str
    expires_at: float
    used: bool = False


@dataclass
class _Slot:
    """Codes of one family for one user: the current one, every earlier one, wrong tries."""

    current: IssuedCode | None = None
    earlier: set[str] = field(default_factory=set)
    wrong_attempts: int = 0


class CodeBook:
    def __init__(self, max_wrong_attempts: int = 5, clock=time.time):
        self.max_wrong_attempts = max_wrong_attempts
        self._clock = clock
        self._slots: dict[tuple[str, str], _Slot] = {}
        self._lock = threading.RLock()

    def issue(self, user_key: str, purpose: str, to: str, ttl_seconds: float) -> str:
        """Make a new code for the user; it supersedes the previous one of the same family."""
        code = new_code()
        with self._lock:
            slot = self._slots.setdefault((user_key, FAMILY[purpose]), _Slot())
            if slot.current is not None:
                slot.earlier.add(slot.current.code)
            slot.earlier.discard(code)
            slot.current = IssuedCode(code, to, purpose, self._clock() + ttl_seconds)
            slot.wrong_attempts = 0
        return code

    def was_issued(self, user_key: str, purpose: str, code: str) -> bool:
        with self._lock:
            slot = self._slots.get((user_key, FAMILY[purpose]))
            if slot is None:
                return False
            return code in slot.earlier or (slot.current is not None and slot.current.code == code)

    def verify(self, user_key: str, purpose: str, code: str) -> str:
        """Consume `code` and return where it was sent, or raise CodeMismatch / ExpiredCode /
        LimitExceeded as Cognito does."""
        with self._lock:
            slot = self._slots.get((user_key, FAMILY[purpose]))
            if slot is None:
                raise code_mismatch()
            if slot.wrong_attempts >= self.max_wrong_attempts:
                raise attempts_exceeded()
            current = slot.current
            if current is not None and secrets.compare_digest(current.code, code or ""):
                if current.used or self._clock() >= current.expires_at:
                    raise expired_code()
                current.used = True
                return current.to
            if code in slot.earlier:
                raise expired_code()
            slot.wrong_attempts += 1
            raise code_mismatch()

    def expire(self, to: str | None = None) -> int:
        """Make current codes (all, or those sent to `to`) expired; returns how many."""
        count = 0
        with self._lock:
            now = self._clock()
            for slot in self._slots.values():
                current = slot.current
                if current is None or current.used or current.expires_at <= now:
                    continue
                if to is None or current.to.lower() == to.lower():
                    current.expires_at = now - 1
                    count += 1
        return count

    def clear(self) -> None:
        with self._lock:
            self._slots.clear()
