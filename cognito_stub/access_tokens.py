"""Access tokens as Cognito judges them on user calls (GetUser, ChangePassword, ...): revoked by
sign-out or RevokeToken, expired after their lifetime on the stub's clock, or unknown."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from .errors import not_authorized

INVALID = "Invalid Access Token"
REVOKED = "Access Token has been revoked"
EXPIRED = "Access Token has expired"


class AccessTokenBook:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._expires_at: dict[str, float] = {}
        self._revoked: set[str] = set()
        self._lock = threading.Lock()

    def issued(self, token: str, lifetime_seconds: float) -> None:
        with self._lock:
            self._expires_at[token] = self._clock() + lifetime_seconds

    def revoke(self, tokens: Iterable[str]) -> None:
        with self._lock:
            for token in tokens:
                self._revoked.add(token)
                self._expires_at.pop(token, None)

    def check(self, token: str, known: bool) -> None:
        """Raise NotAuthorized as Cognito does for a revoked, unknown (`known` is whether moto
        still holds it) or expired access token."""
        with self._lock:
            if token in self._revoked:
                raise not_authorized(REVOKED)
            if not known:
                raise not_authorized(INVALID)
            expires_at = self._expires_at.get(token)
            if expires_at is not None and self._clock() >= expires_at:
                raise not_authorized(EXPIRED)

    def clear(self) -> None:
        with self._lock:
            self._expires_at.clear()
            self._revoked.clear()
