"""Finding moto's users and naming them."""

from __future__ import annotations

from typing import Any


def find_user(pool: Any, username: str | None) -> Any | None:
    """The user whose username, sub or email matches (emails compared case-insensitively).
    In an email-username pool the username is the sub."""
    if not username or not isinstance(username, str):
        return None
    if username in pool.users:
        return pool.users[username]
    wanted = username.lower()
    for user in pool.users.values():
        email = user.attribute_lookup.get("email")
        if user.id == username or (email and email.lower() == wanted):
            return user
    return None


def sign_in_name(user: Any) -> str:
    """What moto expects as the username: the email in an email-username pool."""
    return user.attribute_lookup.get("email") or user.username


def email_of(user: Any) -> str:
    return user.attribute_lookup.get("email", "")


def user_id(user: Any) -> str:
    """The user's sub: stable, and what codes and lockouts are keyed by."""
    return user.id


def username(user: Any) -> str:
    return user.username


def user_pool_id(user: Any) -> str:
    return user.user_pool_id
