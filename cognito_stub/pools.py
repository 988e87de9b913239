"""The pools the stub manages: the seeded one and those made with `POST /_stub/pools`, each
kept as a PoolSpec so that it can be reset to what it was when made (seed.py builds them)."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from typing import Any

from .first_factors import STUB_DEFAULT, parse_factors
from .ids import REGION
from .passkeys import USER_VERIFICATIONS

# What the seeded clients, and a client of a pool made with POST /_stub/pools, allow unless
# told otherwise (USER_AUTH: choice-based sign-in, passwordless codes and passkeys).
DEFAULT_AUTH_FLOWS = (
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
)
KNOWN_FLOWS = frozenset(
    {
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_USER_AUTH",
    }
)
REQUEST_OPTIONS = {
    "name",
    "mfa",
    "client_secret",
    "auth_flows",
    "refresh_token_rotation",
    "first_factors",
    "webauthn_rp_id",
    "webauthn_user_verification",
}
# Passkeys work out of the box for a site on http://localhost:<any port>.
DEFAULT_RP_ID = "localhost"
MAX_GRACE_SECONDS = 60


class PoolSpecError(ValueError):
    """A POST /_stub/pools body the stub cannot use (answered 400)."""


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def new_pool_id() -> str:
    """Like Cognito's: `<region>_` and nine letters and digits."""
    return f"{REGION}_{_random(string.ascii_letters + string.digits, 9)}"


def new_client_id() -> str:
    return _random(string.ascii_lowercase + string.digits, 26)


def new_client_secret() -> str:
    return _random(string.ascii_lowercase + string.digits, 51)


@dataclass(frozen=True)
class ClientSpec:
    client_id: str
    name: str
    secret: str | None = None
    auth_flows: tuple[str, ...] = DEFAULT_AUTH_FLOWS
    rotation_grace: int | None = None  # refresh-token rotation on, with this grace period

    def config(self) -> dict[str, Any]:
        """CreateUserPoolClient's settings for this client."""
        config: dict[str, Any] = {
            "ClientName": self.name,
            "ExplicitAuthFlows": list(self.auth_flows),
            "PreventUserExistenceErrors": "ENABLED",
            "EnableTokenRevocation": True,
        }
        if self.rotation_grace is not None:
            config["RefreshTokenRotation"] = {
                "Feature": "ENABLED",
                "RetryGracePeriodSeconds": self.rotation_grace,
            }
        return config


@dataclass(frozen=True)
class PoolSpec:
    pool_id: str
    name: str
    clients: tuple[ClientSpec, ...]
    mfa: str = "off"
    demo_user: bool = False
    # Policies.SignInPolicy.AllowedFirstAuthFactors, and the WebAuthnConfiguration.
    first_factors: tuple[str, ...] = STUB_DEFAULT
    webauthn_rp_id: str = DEFAULT_RP_ID
    webauthn_user_verification: str = "preferred"

    def describe(self) -> dict[str, Any]:
        """What POST /_stub/pools answers (the issuer and endpoint are added by the caller)."""
        client = self.clients[0]
        return {
            "user_pool_id": self.pool_id,
            "user_pool_name": self.name,
            "region": REGION,
            "client_id": client.client_id,
            "client_secret": client.secret,
            "auth_flows": list(client.auth_flows),
            "refresh_token_rotation": client.rotation_grace,
            "mfa": self.mfa,
            "first_factors": list(self.first_factors),
            "webauthn_rp_id": self.webauthn_rp_id,
            "webauthn_user_verification": self.webauthn_user_verification,
        }


def _rotation(value: Any) -> int | None:
    """`refresh_token_rotation`: null/false (off), a grace period in seconds, or Cognito's
    `{"Feature": "ENABLED", "RetryGracePeriodSeconds": n}`."""
    if value is None or value is False:
        return None
    if isinstance(value, dict):
        if value.get("Feature") != "ENABLED":
            return None
        value = value.get("RetryGracePeriodSeconds", 0)
    if value is True:
        value = 0
    if not isinstance(value, int) or not 0 <= value <= MAX_GRACE_SECONDS:
        raise PoolSpecError(
            f"'refresh_token_rotation' must be a grace period of 0..{MAX_GRACE_SECONDS} s"
        )
    return value


def _passkey_options(body: dict[str, Any]) -> tuple[tuple[str, ...], str, str]:
    """`first_factors`, `webauthn_rp_id` and `webauthn_user_verification`, checked."""
    try:
        factors = parse_factors(body.get("first_factors", STUB_DEFAULT))
    except (ValueError, TypeError) as exc:
        raise PoolSpecError(f"'first_factors': {exc}") from exc
    rp_id = body.get("webauthn_rp_id", DEFAULT_RP_ID)
    if not isinstance(rp_id, str) or not rp_id:
        raise PoolSpecError("'webauthn_rp_id' must be a host name, e.g. localhost")
    verification = body.get("webauthn_user_verification", "preferred")
    if verification not in USER_VERIFICATIONS:
        raise PoolSpecError("'webauthn_user_verification' must be preferred or required")
    return factors, rp_id, verification


def spec_from_request(body: Any) -> PoolSpec:
    """A new pool with one client, from `{"name", "mfa", "client_secret", "auth_flows",
    "refresh_token_rotation", "first_factors", "webauthn_rp_id", "webauthn_user_verification"}`
    (all optional)."""
    body = body if body is not None else {}
    if not isinstance(body, dict):
        raise PoolSpecError("body must be a JSON object")
    unknown = set(body) - REQUEST_OPTIONS
    if unknown:
        raise PoolSpecError(f"unknown option(s): {', '.join(sorted(unknown))}")
    mfa = body.get("mfa", "off")
    if mfa not in ("off", "optional", "on"):
        raise PoolSpecError("'mfa' must be off, optional or on")
    flows = body.get("auth_flows", list(DEFAULT_AUTH_FLOWS))
    if not isinstance(flows, list) or not set(flows) <= KNOWN_FLOWS:
        raise PoolSpecError(f"'auth_flows' must be a list of {', '.join(sorted(KNOWN_FLOWS))}")
    secret = body.get("client_secret", False)
    if not isinstance(secret, bool | str):
        raise PoolSpecError("'client_secret' must be true, false or the secret")
    pool_id = new_pool_id()
    name = body.get("name") or f"stub-pool-{pool_id.split('_')[1].lower()}"
    if not isinstance(name, str):
        raise PoolSpecError("'name' must be a string")
    client = ClientSpec(
        new_client_id(),
        f"{name}-client",
        (secret if isinstance(secret, str) else new_client_secret()) if secret else None,
        tuple(flows),
        _rotation(body.get("refresh_token_rotation")),
    )
    return PoolSpec(pool_id, name, (client,), mfa, False, *_passkey_options(body))
