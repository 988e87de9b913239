"""Looking users up the way Cognito does (by email, case-insensitively) and describing them."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any


def find_user(pool: Any, username: str | None) -> Any | None:
    """The user whose username or email matches (emails compared case-insensitively)."""
    if not username or not isinstance(username, str):
        return None
    if username in pool.users:
        return pool.users[username]
    wanted = username.lower()
    for user in pool.users.values():
        email = user.attribute_lookup.get("email")
        if email and email.lower() == wanted:
            return user
    return None


def sign_in_name(user: Any) -> str:
    """What moto expects as the username: the email in an email-username pool."""
    return user.attribute_lookup.get("email") or user.username


def email_of(user: Any) -> str:
    return user.attribute_lookup.get("email", "")


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
