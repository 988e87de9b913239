"""Users as Cognito names them: by email in any letter case, masked in answers, signed hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from . import moto_bridge as bridge
from .ids import USER_POOL_ID


def canonicalize_usernames(backend: Any, params: dict[str, Any]) -> None:
    """Before an operation goes to moto: let moto find users by email in any letter case
    (and by their sub), as Cognito does."""
    pool = _pool_for(backend, params)
    if pool is None:
        return
    for container, key in (
        (params, "Username"),
        (params.get("AuthParameters"), "USERNAME"),
        (params.get("ChallengeResponses"), "USERNAME"),
    ):
        if isinstance(container, dict) and isinstance(container.get(key), str):
            user = bridge.find_user(pool, container[key])
            if user is not None:
                container[key] = bridge.sign_in_name(user)


def _pool_for(backend: Any, params: dict[str, Any]) -> Any | None:
    if isinstance(params.get("UserPoolId"), str):
        return bridge.find_pool(backend, params["UserPoolId"])
    found = bridge.pool_and_client(backend, params.get("ClientId"))
    return found[0] if found else bridge.find_pool(backend, USER_POOL_ID)


def mask_email(email: str) -> str:
    """Cognito's CodeDeliveryDetails destination: "d***@e***"."""
    local, _, domain = email.partition("@")
    if not domain:
        return f"{local[:1]}***"
    return f"{local[:1]}***@{domain[:1]}***"


def delivery_details(email: str) -> dict[str, str]:
    return {"Destination": mask_email(email), "DeliveryMedium": "EMAIL", "AttributeName": "email"}


def secret_hash(client_secret: str, username: str, client_id: str) -> str:
    """base64(HMAC-SHA256(client secret, username + client id)), as Cognito expects."""
    digest = hmac.new(
        client_secret.encode(), (username + client_id).encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()
