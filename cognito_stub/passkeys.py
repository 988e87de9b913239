"""Passkeys (WebAuthn): each pool's relying-party configuration (SetUserPoolMfaConfig's
WebAuthnConfiguration), each user's registered credentials, and the registration each user
has started (StartWebAuthnRegistration) and not yet completed. The ceremonies themselves are
checked in webauthn_ceremonies.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .errors import invalid_parameter

USER_VERIFICATIONS = ("required", "preferred")
FACTOR_CONFIGURATIONS = ("SINGLE_FACTOR", "MULTI_FACTOR_WITH_USER_VERIFICATION")
MAX_RP_ID_LENGTH = 127
# A started registration waits this long (the stub's clock) for CompleteWebAuthnRegistration.
REGISTRATION_SECONDS = 5 * 60
MAX_PASSKEYS_PER_USER = 20


@dataclass(frozen=True)
class WebAuthnConfig:
    """A pool's WebAuthnConfiguration. Without a relying-party id (a pool the stub did not make,
    until SetUserPoolMfaConfig gives it one) nobody can register a passkey: Cognito would fall
    back to the pool's domain, and the stub has no domains."""

    rp_id: str | None = None
    user_verification: str = "preferred"
    factor_configuration: str = "SINGLE_FACTOR"

    @classmethod
    def from_request(cls, block: Any) -> WebAuthnConfig:
        """SetUserPoolMfaConfig's WebAuthnConfiguration block, checked as Cognito checks it."""
        if not isinstance(block, dict):
            raise invalid_parameter("WebAuthnConfiguration must be an object")
        rp_id = block.get("RelyingPartyId")
        if rp_id is not None and (
            not isinstance(rp_id, str) or not 1 <= len(rp_id) <= MAX_RP_ID_LENGTH
        ):
            raise invalid_parameter(
                "1 validation error detected: Value at 'webAuthnConfiguration.relyingPartyId' "
                f"failed to satisfy constraint: Member must have length between 1 and "
                f"{MAX_RP_ID_LENGTH}"
            )
        config = cls(
            rp_id,
            block.get("UserVerification") or "preferred",
            block.get("FactorConfiguration") or "SINGLE_FACTOR",
        )
        _check_enum(config.user_verification, "userVerification", USER_VERIFICATIONS)
        _check_enum(config.factor_configuration, "factorConfiguration", FACTOR_CONFIGURATIONS)
        return config

    def to_json(self) -> dict[str, str]:
        answer = {
            "UserVerification": self.user_verification,
            "FactorConfiguration": self.factor_configuration,
        }
        if self.rp_id:
            answer["RelyingPartyId"] = self.rp_id
        return answer


def _check_enum(value: str, name: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise invalid_parameter(
            f"1 validation error detected: Value '{value}' at 'webAuthnConfiguration.{name}' "
            f"failed to satisfy constraint: Member must satisfy enum value set: "
            f"[{', '.join(allowed)}]"
        )


@dataclass(frozen=True)
class Passkey:
    """A registered credential: what signing in with it needs (the COSE public key, the last
    sign count) and what ListWebAuthnCredentials shows."""

    credential_id: str  # base64url, as the browser's PublicKeyCredential.id
    public_key: bytes  # COSE_Key
    sign_count: int
    rp_id: str
    friendly_name: str
    attachment: str | None
    transports: tuple[str, ...]
    created_at: float  # Unix time (wall clock, as a person reads CreatedAt)

    def describe(self) -> dict[str, Any]:
        """A WebAuthnCredentialDescription."""
        answer: dict[str, Any] = {
            "CredentialId": self.credential_id,
            "FriendlyCredentialName": self.friendly_name,
            "RelyingPartyId": self.rp_id,
            "AuthenticatorTransports": list(self.transports),
            "CreatedAt": self.created_at,
        }
        if self.attachment:
            answer["AuthenticatorAttachment"] = self.attachment
        return answer

    def descriptor(self) -> dict[str, Any]:
        """A PublicKeyCredentialDescriptor (allowCredentials, excludeCredentials)."""
        answer: dict[str, Any] = {"type": "public-key", "id": self.credential_id}
        if self.transports:
            answer["transports"] = list(self.transports)
        return answer


@dataclass(frozen=True)
class Registration:
    """A registration started by StartWebAuthnRegistration, until it is completed."""

    challenge: str  # base64url
    client_id: str  # the client of the access token that started it
    rp_id: str
    user_verification: str
    expires_at: float = 0.0


class PasskeyBook:
    def __init__(self, clock: Callable[[], float] = time.time):
        self._clock = clock
        self._configs: dict[str, WebAuthnConfig] = {}  # by pool id
        self._passkeys: dict[str, list[Passkey]] = {}  # by user id (the sub)
        self._registrations: dict[str, Registration] = {}  # by user id
        self._lock = threading.Lock()

    # -- the pools' configuration -----------------------------------------------------------
    def config(self, pool_id: str) -> WebAuthnConfig:
        with self._lock:
            return self._configs.get(pool_id, WebAuthnConfig())

    def configure(self, pool_id: str, config: WebAuthnConfig) -> None:
        with self._lock:
            self._configs[pool_id] = config

    def forget_pool(self, pool_id: str) -> None:
        with self._lock:
            self._configs.pop(pool_id, None)

    # -- registrations ------------------------------------------------------------------------
    def start(self, user_key: str, registration: Registration) -> None:
        """Remember a started registration (it replaces an earlier one), expiring
        REGISTRATION_SECONDS from now."""
        expires_at = self._clock() + REGISTRATION_SECONDS
        with self._lock:
            self._registrations[user_key] = replace(registration, expires_at=expires_at)

    def started(self, user_key: str) -> Registration | None:
        """The user's live registration, if any."""
        with self._lock:
            found = self._registrations.get(user_key)
            if found is not None and self._clock() >= found.expires_at:
                del self._registrations[user_key]
                return None
            return found

    def complete(self, user_key: str, passkey: Passkey) -> None:
        """Store the new passkey; the registration is used up."""
        with self._lock:
            self._registrations.pop(user_key, None)
            self._passkeys.setdefault(user_key, []).append(passkey)

    # -- credentials --------------------------------------------------------------------------
    def of(self, user_key: str, rp_id: str | None = None) -> list[Passkey]:
        """The user's passkeys (for `rp_id` only, if given), oldest first."""
        with self._lock:
            found = list(self._passkeys.get(user_key, ()))
        return [p for p in found if rp_id is None or p.rp_id == rp_id]

    def registered(self, credential_id: str) -> bool:
        """Whether anybody has registered this credential id."""
        with self._lock:
            return any(
                p.credential_id == credential_id for ps in self._passkeys.values() for p in ps
            )

    def used(self, user_key: str, credential_id: str, sign_count: int) -> None:
        """Record the sign count of a successful sign-in with the passkey."""
        with self._lock:
            self._passkeys[user_key] = [
                replace(p, sign_count=sign_count) if p.credential_id == credential_id else p
                for p in self._passkeys.get(user_key, ())
            ]

    def delete(self, user_key: str, credential_id: str) -> bool:
        """Remove one of the user's passkeys; whether it was there."""
        with self._lock:
            before = self._passkeys.get(user_key, [])
            after = [p for p in before if p.credential_id != credential_id]
            self._passkeys[user_key] = after
            return len(after) < len(before)

    def forget(self, user_key: str) -> None:
        with self._lock:
            self._passkeys.pop(user_key, None)
            self._registrations.pop(user_key, None)

    def clear(self) -> None:
        with self._lock:
            self._configs.clear()
            self._passkeys.clear()
            self._registrations.clear()
