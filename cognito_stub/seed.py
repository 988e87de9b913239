"""Fixed ids, the demo user, and creating them in moto's backend."""

from __future__ import annotations

from typing import Any

from .passwords import DEFAULT_PASSWORD_POLICY

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
USER_POOL_ID = "us-east-1_StubPool01"
USER_POOL_NAME = "local-stub"
APP_CLIENT_ID = "localstubappclient00000001"
APP_CLIENT_NAME = "local-stub-app"
SECRET_CLIENT_ID = "localstubsecretclient00001"  # noqa: S105 - an id
SECRET_CLIENT_NAME = "local-stub-secret-app"  # noqa: S105 - a name
DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "Demo-Passw0rd!"  # noqa: S105 - a published demo credential
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"

POOL_CONFIG: dict[str, Any] = {
    "UsernameAttributes": ["email"],
    "AutoVerifiedAttributes": ["email"],
    "UsernameConfiguration": {"CaseSensitive": False},
    "Policies": {"PasswordPolicy": dict(DEFAULT_PASSWORD_POLICY)},
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
}

CLIENT_CONFIG: dict[str, Any] = {
    "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
}


def _rekey(table: dict, old_id: str, new_id: str) -> None:
    """moto generates random ids; move the object to the fixed key instead."""
    table[new_id] = table.pop(old_id)


def seed(backend: Any, client_secret: str | None = None) -> None:
    """Create the pool, the app client(s) and the confirmed demo user with the fixed ids."""
    from moto.cognitoidp.models import UserStatus

    pool = backend.create_user_pool(USER_POOL_NAME, {k: v for k, v in POOL_CONFIG.items()})
    _rekey(backend.user_pools, pool.id, USER_POOL_ID)
    pool.id = USER_POOL_ID
    pool.arn = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{USER_POOL_ID}"

    clients = [(APP_CLIENT_ID, APP_CLIENT_NAME, None)]
    if client_secret:
        clients.append((SECRET_CLIENT_ID, SECRET_CLIENT_NAME, client_secret))
    for client_id, name, secret in clients:
        config = {**CLIENT_CONFIG, "ClientName": name}
        client = backend.create_user_pool_client(USER_POOL_ID, bool(secret), config)
        _rekey(pool.clients, client.id, client_id)
        client.id = client_id
        if secret:
            client.secret = secret

    demo = backend.admin_create_user(
        USER_POOL_ID,
        DEMO_EMAIL,
        "SUPPRESS",
        DEMO_PASSWORD,
        [{"Name": "email_verified", "Value": "true"}],
    )
    demo.status = UserStatus.CONFIRMED
