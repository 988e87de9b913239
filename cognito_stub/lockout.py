"""Temporary lockout after repeated wrong passwords, as Cognito does."""

from __future__ import annotations

import threading
import time

from .errors import not_authorized


class LockoutBook:
    def __init__(self, max_failures: int = 5, lockout_seconds: float = 60, clock=time.monotonic):
        self.max_failures = max_failures
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def is_locked(self, user_key: str) -> bool:
        with self._lock:
            until = self._locked_until.get(user_key)
            if until is None:
                return False
            if self._clock() < until:
                return True
            del self._locked_until[user_key]
            self._failures.pop(user_key, None)
            return False

    def check(self, user_key: str) -> None:
        """Raise NotAuthorized "Password attempts exceeded" while the user is locked out."""
        if self.is_locked(user_key):
            raise not_authorized("Password attempts exceeded")

    def record_failure(self, user_key: str) -> None:
        with self._lock:
            failures = self._failures.get(user_key, 0) + 1
            self._failures[user_key] = failures
            if failures >= self.max_failures:
                self._locked_until[user_key] = self._clock() + self.lockout_seconds

    def record_success(self, user_key: str) -> None:
        with self._lock:
            self._failures.pop(user_key, None)
            self._locked_until.pop(user_key, None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()
            self._locked_until.clear()
