"""What the operations share: required parameters, the client a call names, SECRET_HASH, and
the answer Cognito gives when a code goes out (or, for an unknown user, seems to)."""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..moto_bridge import AppClient
from ..users import delivery_details, secret_hash

if TYPE_CHECKING:
    from ..state import StubState

INCORRECT_CREDENTIALS = "Incorrect username or password."
EMAIL_FORMAT = re.compile(r"[^@\s]+@[^@\s]+")


def required(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if value in (None, ""):
        raise invalid_parameter(f"Missing required parameter {name}")
    return value


def named_pool(state: StubState, params: dict[str, Any]) -> Any:
    """The pool a call names in UserPoolId (ResourceNotFoundException when there is none)."""
    return bridge.describe_pool(state.backend, required(params, "UserPoolId"))


def pool_and_client(state: StubState, client_id: str | None) -> tuple[Any, AppClient]:
    found = bridge.pool_and_client(state.backend, client_id)
    if found is None:
        raise CognitoError(
            "ResourceNotFoundException", f"User pool client {client_id} does not exist."
        )
    return found


def check_secret_hash(client: AppClient, usernames: list[str], provided: str | None) -> None:
    """Clients with a secret must send SECRET_HASH = HMAC(secret, username + client id)."""
    if client.secret is None:
        return
    expected = [secret_hash(client.secret, name, client.id) for name in usernames if name]
    if not provided or not any(hmac.compare_digest(provided, e) for e in expected):
        raise not_authorized(f"Unable to verify secret hash for client {client.id}")


def signed_in_user(state: StubState, params: dict[str, Any]) -> tuple[Any, Any]:
    """The pool and user of a call authorised by an AccessToken, or NotAuthorized as Cognito
    answers for a revoked, unknown or expired token, or a disabled user."""
    token = required(params, "AccessToken")
    owner = bridge.access_token_owner(state.backend, token)
    state.access_tokens.check(token, known=owner is not None)
    pool, name = owner
    user = bridge.find_user(pool, name)
    if user is None:
        raise CognitoError("UserNotFoundException")
    if not bridge.is_enabled(user):
        raise not_authorized("User is disabled.")
    return pool, user


def check_email_free(pool: Any, user: Any, email: str) -> None:
    """AliasExistsException if another user has `email` (in any letter case)."""
    other = bridge.find_user(pool, email)
    if other is not None and other is not user:
        raise CognitoError("AliasExistsException")


def admin_user(state: StubState, params: dict[str, Any]) -> tuple[Any, Any]:
    """The pool and user an Admin* call names (UserPoolId, Username), or UserNotFound."""
    pool = named_pool(state, params)
    user = bridge.find_user(pool, required(params, "Username"))
    if user is None:
        raise CognitoError("UserNotFoundException")
    return pool, user


def public_request(
    state: StubState, params: dict[str, Any], *names: str
) -> tuple[Any, AppClient, list[Any]]:
    """A call made with a client id: its pool and client, then Username and the `names`
    parameters (in that order), once present and signed with SECRET_HASH where needed."""
    pool, client = pool_and_client(state, params.get("ClientId"))
    values = [required(params, name) for name in ("Username", *names)]
    check_secret_hash(client, [values[0]], params.get("SecretHash"))
    return pool, client, values


def send_code_to_user(
    state: StubState, params: dict[str, Any], purpose: str, check: Callable[[Any], None]
) -> dict[str, Any]:
    """ResendConfirmationCode and ForgotPassword: once `check(user)` passes, a new code goes to
    the user's email. PreventUserExistenceErrors: an unknown or disabled user gets the same
    answer (for a made-up address if the username is not one) and nothing is sent."""
    pool, _client, (username,) = public_request(state, params)
    user = bridge.find_user(pool, username)
    if user is None or not bridge.is_enabled(user):
        return {"CodeDeliveryDetails": delivery_details(username if "@" in username else "x@x.x")}
    check(user)
    state.send_code(user, purpose)
    return {"CodeDeliveryDetails": delivery_details(bridge.sign_in_name(user))}
