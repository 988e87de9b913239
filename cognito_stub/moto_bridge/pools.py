"""User pools and app clients: lookups and the settings our operations read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..first_factors import COGNITO_DEFAULT
from .backend import moto_answer

# What CreateUserPool sets once and UpdateUserPool cannot change (moto's UpdateUserPool would
# drop them: it replaces the whole configuration).
CREATION_ONLY = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


@dataclass(frozen=True)
class AppClient:
    id: str
    secret: str | None  # None for a client without a secret
    auth_flows: tuple[str, ...]  # ExplicitAuthFlows as set (empty: Cognito's default)
    # RefreshTokenRotation: None when off, else the old token's grace period in seconds.
    rotation_grace: int | None = None


def pool_and_client(backend: Any, client_id: str | None) -> tuple[Any, AppClient] | None:
    for pool in backend.user_pools.values():
        if client_id in pool.clients:
            config = pool.clients[client_id].extended_config
            client = pool.clients[client_id]
            flows = tuple(config.get("ExplicitAuthFlows") or ())
            secret = client.secret if client.generate_secret else None
            rotation = config.get("RefreshTokenRotation") or {}
            grace = None
            if rotation.get("Feature") == "ENABLED":
                grace = int(rotation.get("RetryGracePeriodSeconds") or 0)
            return pool, AppClient(client.id, secret, flows, grace)
    return None


def pool_id(pool: Any) -> str:
    return pool.id


def find_pool(backend: Any, pool_id: str) -> Any | None:
    return backend.user_pools.get(pool_id)


def delete_pool(backend: Any, pool_id: str) -> list[Any]:
    """Remove a pool (its users, clients and tokens); returns the users it had."""
    pool = backend.user_pools.pop(pool_id, None)
    return list(pool.users.values()) if pool is not None else []


def signs_in_by_alias(pool: Any) -> bool:
    """Whether users sign in by email or phone number (their Cognito username is then the sub)."""
    return bool(pool.extended_config.get("UsernameAttributes"))


def pool_name(pool: Any) -> str:
    return pool.name


def describe_pool(backend: Any, pool_id: str) -> Any:
    """The pool, or moto's ResourceNotFound (translated by as_cognito_error)."""
    return backend.describe_user_pool(pool_id)


def password_policy(pool: Any) -> dict[str, Any] | None:
    return pool.extended_config.get("Policies", {}).get("PasswordPolicy")


def first_auth_factors(pool: Any) -> tuple[str, ...]:
    """Policies.SignInPolicy.AllowedFirstAuthFactors (Cognito's default: passwords only)."""
    policy = (pool.extended_config.get("Policies") or {}).get("SignInPolicy") or {}
    return tuple(policy.get("AllowedFirstAuthFactors") or COGNITO_DEFAULT)


def update_pool(pool: Any, params: dict[str, Any]) -> None:
    """UpdateUserPool as Cognito does it: what is left out goes back to its default (moto
    replaces the configuration), except the settings only CreateUserPool makes."""
    kept = {k: pool.extended_config[k] for k in CREATION_ONLY if k in pool.extended_config}
    moto_answer("UpdateUserPool", params)
    pool.extended_config.pop("UserPoolId", None)
    pool.extended_config.update(kept)


def mfa_configuration(pool: Any) -> str:
    """The MfaConfiguration a pool was created with (moto's; the stub keeps its own after a
    SetUserPoolMfaConfig, and never lets moto act on it)."""
    return str(getattr(pool, "mfa_config", None) or "OFF")


def auto_verifies(pool: Any, attribute: str) -> bool:
    """Whether the pool sends a code when `attribute` (email, phone_number) gets a value."""
    return attribute in (pool.extended_config.get("AutoVerifiedAttributes") or ())


def verifies_before_update(pool: Any, attribute: str) -> bool:
    """UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: the old value
    stays active until the new one is verified."""
    settings = pool.extended_config.get("UserAttributeUpdateSettings") or {}
    return attribute in (settings.get("AttributesRequireVerificationBeforeUpdate") or ())


def attribute_mutable(pool: Any, name: str) -> bool | None:
    """Whether the pool's schema lets `name` change once set; None if it has no such
    attribute (standard attributes are always there, as in Cognito)."""
    from moto.cognitoidp.models import CognitoIdpUserPoolAttribute

    schema = pool.schema_attributes.get(name)
    if schema is not None:
        return bool(schema.mutable)
    standard = CognitoIdpUserPoolAttribute.STANDARD_SCHEMA.get(name)
    return None if standard is None else bool(standard.get("Mutable", True))
