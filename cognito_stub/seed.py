"""What every start and every reset begins from: the seeded pool (its fixed ids, its client(s),
the demo user), and how any managed pool is built from its PoolSpec."""

from __future__ import annotations

from typing import Any

from . import moto_bridge as bridge
from .ids import (
    APP_CLIENT_ID,
    APP_CLIENT_NAME,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    SECRET_CLIENT_ID,
    SECRET_CLIENT_NAME,
    USER_POOL_ID,
    USER_POOL_NAME,
)
from .passwords import DEFAULT_PASSWORD_POLICY
from .pools import ClientSpec, PoolSpec

POOL_CONFIG: dict[str, Any] = {
    "UsernameAttributes": ["email"],
    # A new email or phone number gets a code (the phone's goes to the outbox as an "SMS").
    "AutoVerifiedAttributes": ["email", "phone_number"],
    "UsernameConfiguration": {"CaseSensitive": False},
    "Policies": {"PasswordPolicy": dict(DEFAULT_PASSWORD_POLICY)},
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    # "Keep original attribute value active when an update is pending".
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
}


def seeded_spec(
    client_secret: str | None,
    mfa: str,
    first_factors: tuple[str, ...],
    webauthn_rp_id: str,
    webauthn_user_verification: str,
) -> PoolSpec:
    """The fixed pool: the app client, the secret client when there is a secret."""
    clients = [ClientSpec(APP_CLIENT_ID, APP_CLIENT_NAME)]
    if client_secret:
        clients.append(ClientSpec(SECRET_CLIENT_ID, SECRET_CLIENT_NAME, client_secret))
    return PoolSpec(
        USER_POOL_ID,
        USER_POOL_NAME,
        tuple(clients),
        mfa,
        True,
        first_factors,
        webauthn_rp_id,
        webauthn_user_verification,
    )


def pool_config(spec: PoolSpec) -> dict[str, Any]:
    """CreateUserPool's settings for a managed pool: POOL_CONFIG and the spec's sign-in policy."""
    policies = {
        **POOL_CONFIG["Policies"],
        "SignInPolicy": {"AllowedFirstAuthFactors": list(spec.first_factors)},
    }
    return {**POOL_CONFIG, "Policies": policies}


def build(backend: Any, spec: PoolSpec) -> None:
    """Create the pool, its clients (and the confirmed demo user) with the spec's ids."""
    bridge.create_pool(backend, spec.pool_id, spec.name, pool_config(spec))
    for client in spec.clients:
        bridge.create_client(
            backend, spec.pool_id, client.client_id, client.config(), client.secret
        )
    if spec.demo_user:
        bridge.create_confirmed_user(
            backend,
            spec.pool_id,
            DEMO_EMAIL,
            DEMO_PASSWORD,
            [{"Name": "email_verified", "Value": "true"}],
        )
