"""moto's users: status, password, attributes, and moto's own sign-up and sign-in."""

from __future__ import annotations

from typing import Any

from .lookup import sign_in_name
from .tokens import name_tokens_by_sub

# User statuses, as Cognito (and moto's UserStatus) spell them.
CONFIRMED = "CONFIRMED"
UNCONFIRMED = "UNCONFIRMED"
RESET_REQUIRED = "RESET_REQUIRED"
FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD"  # noqa: S105 - a status


def is_enabled(user: Any) -> bool:
    return bool(user.enabled)


def user_status(user: Any) -> str:
    return getattr(user.status, "value", user.status)


def confirm(user: Any) -> None:
    from moto.cognitoidp.models import UserStatus

    user.status = UserStatus.CONFIRMED


def email_verified(user: Any) -> bool:
    return user.attribute_lookup.get("email_verified") == "true"


def set_email_verified(user: Any, verified: bool) -> None:
    user.update_attributes([{"Name": "email_verified", "Value": "true" if verified else "false"}])


def password_matches(user: Any, password: str | None) -> bool:
    return bool(user.password) and user.password == password


def has_password(user: Any) -> bool:
    """False for a user who signed up without one (a passwordless pool)."""
    return bool(user.password)


def password_of(user: Any) -> str:
    """The user's password (moto keeps it in the clear; SRP derives its verifier from it)."""
    return user.password or ""


def set_password(user: Any, password: str) -> None:
    user.password = password


def attribute(user: Any, name: str) -> str | None:
    return user.attribute_lookup.get(name)


def has_verified(user: Any, name: str) -> bool:
    """Whether the user has `name` (email, phone_number) set and verified: a code can go there."""
    return bool(attribute(user, name)) and attribute(user, f"{name}_verified") == "true"


def set_attributes(user: Any, values: dict[str, str]) -> None:
    """Set attributes; an empty value deletes the attribute (as Cognito does)."""
    updates = [{"Name": name, "Value": value} for name, value in values.items() if value]
    if updates:
        user.update_attributes(updates)
    deleted = [
        name for name, value in values.items() if not value and name in user.attribute_lookup
    ]
    if deleted:
        user.delete_attributes(deleted)


def change_email(backend: Any, pool: Any, user: Any, email: str, verified: bool) -> None:
    """Give the user a new email (their sign-in name). moto's tokens and sessions name a user
    by the email they signed in with, so they are re-pointed at the sub first: the user stays
    signed in, and refresh tokens keep working."""
    name_tokens_by_sub(backend, pool, user)
    user.update_attributes(
        [
            {"Name": "email", "Value": email},
            {"Name": "email_verified", "Value": "true" if verified else "false"},
        ]
    )


def describe(user: Any) -> dict[str, Any]:
    """The user as GetUser answers (MFA settings are the stub's, not moto's)."""
    return {"Username": user.username, "UserAttributes": user.attributes}


def delete_user(pool: Any, user: Any) -> None:
    for group in list(user.groups):
        group.users.remove(user)
    del pool.users[user.username]


# -- moto's own operations ----------------------------------------------------------------
def sign_up(
    backend: Any,
    client_id: str,
    name: str,
    password: str | None,
    attributes: list[dict[str, str]],
) -> Any:
    """moto's SignUp; without a password (passwordless), moto's password check is skipped and
    the user has none."""
    if password is not None:
        return backend.sign_up(client_id, name, password, attributes)[0]  # (user, details)
    check = backend._validate_password
    backend._validate_password = lambda _pool_id, _password: None
    try:
        return backend.sign_up(client_id, name, None, attributes)[0]
    finally:
        backend._validate_password = check


def initiate_auth(backend: Any, client_id: str, flow: str, auth: dict[str, Any]) -> dict:
    return backend.initiate_auth(client_id, flow, auth)


def respond_to_auth_challenge(
    backend: Any, session: str, client_id: str, challenge: str, responses: dict[str, Any]
) -> dict[str, Any]:
    return backend.respond_to_auth_challenge(session, client_id, challenge, responses)


def log_in(backend: Any, pool: Any, client_id: str, user: Any) -> dict[str, Any]:
    """Tokens for a user who has answered every challenge (as moto's sign-in mints them)."""
    return backend._log_user_in(pool, pool.clients[client_id], sign_in_name(user))


def end_session(backend: Any, session: Any) -> None:
    """Forget one of moto's own auth-challenge sessions (NEW_PASSWORD_REQUIRED)."""
    backend.sessions.pop(session, None)


def admin_reset_user_password(backend: Any, pool: Any, user: Any) -> None:
    backend.admin_reset_user_password(pool.id, sign_in_name(user))


def session_username(backend: Any, session: Any) -> str | None:
    """Who an auth-challenge session belongs to, or None for an unknown session."""
    entry = backend.sessions.get(session)
    return entry[0] if entry else None
