"""The seed every start and every reset begins from: the pool, its client(s), the demo user."""

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

CLIENT_CONFIG: dict[str, Any] = {
    "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
}


def seed(backend: Any, client_secret: str | None = None) -> None:
    """Create the pool, the app client(s) and the confirmed demo user with the fixed ids."""
    bridge.create_pool(backend, USER_POOL_ID, USER_POOL_NAME, POOL_CONFIG)
    clients = [(APP_CLIENT_ID, APP_CLIENT_NAME, None)]
    if client_secret:
        clients.append((SECRET_CLIENT_ID, SECRET_CLIENT_NAME, client_secret))
    for client_id, name, secret in clients:
        config = {**CLIENT_CONFIG, "ClientName": name}
        bridge.create_client(backend, USER_POOL_ID, client_id, config, secret)
    bridge.create_confirmed_user(
        backend,
        USER_POOL_ID,
        DEMO_EMAIL,
        DEMO_PASSWORD,
        [{"Name": "email_verified", "Value": "true"}],
    )
