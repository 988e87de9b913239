"""Authenticator-app (TOTP) secrets per user, checked with pyotp as Cognito checks them: RFC 6238,
SHA-1, six digits, 30-second steps, one step either side accepted, and a code accepted once.

AssociateSoftwareToken gives a user a new secret, pending until VerifySoftwareToken accepts a
code for it; it then replaces the user's verified secret (the one sign-in checks)."""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable

from .errors import CognitoError

STEP_SECONDS = 30
WINDOW = 1  # steps accepted either side of the current one


def code_already_used() -> CognitoError:
    return CognitoError("ExpiredCodeException", "Your software token has already been used once.")


class TotpBook:
    def __init__(self, clock: Callable[[], float] = time.time):
        self._clock = clock  # Unix time: authenticator apps count steps from the epoch
        self._pending: dict[str, str] = {}
        self._verified: dict[str, str] = {}
        self._used: dict[str, set[tuple[str, int]]] = {}  # (secret, step) accepted, per user
        self._lock = threading.Lock()

    def associate(self, user_key: str) -> str:
        """A fresh random base32 secret for the user, pending until verified."""
        import pyotp

        secret = pyotp.random_base32()
        with self._lock:
            self._pending[user_key] = secret
        return secret

    def has_pending(self, user_key: str) -> bool:
        with self._lock:
            return user_key in self._pending

    def has_verified(self, user_key: str) -> bool:
        with self._lock:
            return user_key in self._verified

    def verify_pending(self, user_key: str, code: str) -> bool:
        """Whether `code` is right for the pending secret; if so it becomes the verified one.
        A code already accepted in its step raises ExpiredCodeException."""
        with self._lock:
            secret = self._pending.get(user_key)
            if secret is None or not self._accept(user_key, secret, code):
                return False
            self._verified[user_key] = self._pending.pop(user_key)
            return True

    def check(self, user_key: str, code: str) -> bool:
        """Whether `code` is right for the user's verified secret (each step's code once)."""
        with self._lock:
            secret = self._verified.get(user_key)
            return secret is not None and self._accept(user_key, secret, code)

    def _accept(self, user_key: str, secret: str, code: str) -> bool:
        step = self._matching_step(secret, code)
        if step is None:
            return False
        used = self._used.setdefault(user_key, set())
        if (secret, step) in used:
            raise code_already_used()
        used.add((secret, step))
        return True

    def _matching_step(self, secret: str, code: str) -> int | None:
        import pyotp

        totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
        now = int(self._clock() // STEP_SECONDS)
        for step in range(now - WINDOW, now + WINDOW + 1):
            if hmac.compare_digest(totp.generate_otp(step), str(code)):
                return step
        return None

    def forget(self, user_key: str) -> None:
        with self._lock:
            for table in (self._pending, self._verified, self._used):
                table.pop(user_key, None)

    def clear(self) -> None:
        with self._lock:
            for table in (self._pending, self._verified, self._used):
                table.clear()
