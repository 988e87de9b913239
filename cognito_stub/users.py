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


def mask_phone(phone: str) -> str:
    """Cognito's masked phone number: "+*******1234" (a star for each hidden digit)."""
    digits = phone.lstrip("+")
    return "+" + "*" * max(len(digits) - 4, 0) + digits[-4:]


# How a code reaches each attribute a user can verify: (delivery medium, masking).
DELIVERY = {"email": ("EMAIL", mask_email), "phone_number": ("SMS", mask_phone)}


def masked(destination: str, attribute: str = "email") -> str:
    return DELIVERY[attribute][1](destination)


def delivery_details(destination: str, attribute: str = "email") -> dict[str, str]:
    """CodeDeliveryDetails for a code sent to an email (or, with `phone_number`, by SMS)."""
    medium, mask = DELIVERY[attribute]
    return {"Destination": mask(destination), "DeliveryMedium": medium, "AttributeName": attribute}


def secret_hash(client_secret: str, username: str, client_id: str) -> str:
    """base64(HMAC-SHA256(client secret, username + client id)), as Cognito expects."""
    digest = hmac.new(
        client_secret.encode(), (username + client_id).encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()
