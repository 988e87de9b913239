"""ID and access tokens with Cognito's claims, signed with the stub's own key.

moto still keeps which tokens exist (the bridge registers every token minted here in its
tables); what goes in them is decided here:
- ID token: `sub`, `cognito:groups` (when in groups), `email_verified` / `phone_number_verified`
  (booleans), `iss`, `cognito:username`, `origin_jti`, `aud`, `event_id`, `token_use` "id",
  `auth_time`, `exp`, `iat`, `jti`, and the user's standard and `custom:` attributes (those the
  client may read: all unless it has ReadAttributes).
- access token: `sub`, `cognito:groups`, `iss`, `client_id`, `origin_jti`, `event_id`,
  `token_use` "access", `scope` "aws.cognito.signin.user.admin", `auth_time`, `exp`, `iat`,
  `jti`, `username`.
`event_id` and `auth_time` belong to the authentication: tokens refreshed from its refresh
token (same `origin_jti`) keep them. The times in tokens are wall-clock Unix times, because
the verifiers that read them compare them with their own clocks."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .signing import SigningKey, process_key

ACCESS_SCOPE = "aws.cognito.signin.user.admin"
TOKEN_SECONDS = 3600
VERIFIED_FLAGS = ("email_verified", "phone_number_verified")


@dataclass(frozen=True)
class UserFacts:
    """What a token says about its user (given by the bridge, from moto's user)."""

    sub: str
    username: str  # Cognito's username (the sub in a pool that signs in by email)
    attributes: dict[str, str] = field(default_factory=dict)  # those the client may read
    groups: tuple[str, ...] = ()


class TokenMinter:
    def __init__(
        self,
        issuer: Callable[[str], str],
        access_token_issued: Callable[[str, int], None],
        key: SigningKey | None = None,
        wall_clock: Callable[[], float] = time.time,
    ):
        self._issuer = issuer
        self._access_token_issued = access_token_issued
        self._key = key
        self._wall_clock = wall_clock
        self._events: dict[str, tuple[str, int]] = {}  # origin_jti -> (event_id, auth_time)
        self._lock = threading.Lock()

    @property
    def key(self) -> SigningKey:
        if self._key is None:
            self._key = process_key()
        return self._key

    def clear(self) -> None:
        with self._lock:
            self._events.clear()

    def _common(self, pool_id: str, user: UserFacts, origin_jti: str) -> dict[str, Any]:
        now = int(self._wall_clock())
        with self._lock:
            event_id, auth_time = self._events.setdefault(origin_jti, (str(uuid.uuid4()), now))
        claims: dict[str, Any] = {"sub": user.sub}
        if user.groups:
            claims["cognito:groups"] = list(user.groups)
        claims.update(iss=self._issuer(pool_id), origin_jti=origin_jti, event_id=event_id)
        claims.update(auth_time=auth_time, exp=now + TOKEN_SECONDS, iat=now)
        claims["jti"] = str(uuid.uuid4())
        return claims

    def id_token(
        self, pool_id: str, client_id: str, user: UserFacts, origin_jti: str
    ) -> tuple[str, int]:
        claims = self._common(pool_id, user, origin_jti)
        claims.update({"cognito:username": user.username, "aud": client_id, "token_use": "id"})
        for name, value in user.attributes.items():
            if name == "sub" or name.startswith("dev:"):
                continue
            claims[name] = value == "true" if name in VERIFIED_FLAGS else value
        return self.key.sign(claims), TOKEN_SECONDS

    def access_token(
        self, pool_id: str, client_id: str, user: UserFacts, origin_jti: str
    ) -> tuple[str, int]:
        claims = self._common(pool_id, user, origin_jti)
        claims.update({"client_id": client_id, "token_use": "access", "scope": ACCESS_SCOPE})
        claims["username"] = user.username
        token = self.key.sign(claims)
        self._access_token_issued(token, TOKEN_SECONDS)
        return token, TOKEN_SECONDS
