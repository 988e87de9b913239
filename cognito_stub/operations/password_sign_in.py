"""A sign-in once the user has offered a proof of their password: the password itself
(USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) or an SRP claim (srp_sign_in). Whatever the
proof, Cognito's checks come in the same order, a wrong one counts toward the same lockout,
and MFA follows the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, not_authorized
from ..moto_bridge import AppClient
from . import mfa_sign_in
from .common import INCORRECT_CREDENTIALS, check_secret_hash, required

if TYPE_CHECKING:
    from ..state import StubState


def sign_in(
    state: StubState,
    pool: Any,
    client: AppClient,
    user: Any | None,
    proven: Callable[[Any], bool],
) -> dict[str, Any]:
    """Tokens, NEW_PASSWORD_REQUIRED or an MFA challenge for `user` if `proven(user)`; an
    unknown user (None) is told what a wrong password is told."""
    if user is None:
        raise not_authorized(INCORRECT_CREDENTIALS)
    key = bridge.user_id(user)
    state.lockouts.check(key)
    if not bridge.is_enabled(user):
        raise not_authorized("User is disabled.")
    if bridge.user_status(user) == bridge.RESET_REQUIRED:
        raise CognitoError("PasswordResetRequiredException")
    if not proven(user):
        state.lockouts.record_failure(key)
        raise not_authorized(INCORRECT_CREDENTIALS)
    state.lockouts.record_success(key)
    if bridge.user_status(user) == bridge.UNCONFIRMED:
        raise CognitoError("UserNotConfirmedException")
    if bridge.user_status(user) != bridge.FORCE_CHANGE_PASSWORD:  # MFA after the new password
        step = mfa_sign_in.needs_mfa(state, pool, user)
        if step is not None:
            return mfa_sign_in.begin(state, client, user, step)
    # moto's own password sign-in mints the tokens, or sets NEW_PASSWORD_REQUIRED.
    auth = {"USERNAME": bridge.sign_in_name(user), "PASSWORD": bridge.password_of(user)}
    return bridge.initiate_auth(state.backend, client.id, "USER_PASSWORD_AUTH", auth)


def password_sign_in(
    state: StubState, pool: Any, client: AppClient, auth: dict[str, Any]
) -> dict[str, Any]:
    """USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH (USERNAME, PASSWORD, SECRET_HASH)."""
    username = required(auth, "USERNAME")
    password = required(auth, "PASSWORD")
    check_secret_hash(client, [username], auth.get("SECRET_HASH"))
    user = bridge.find_user(pool, username)
    return sign_in(state, pool, client, user, lambda u: bridge.password_matches(u, password))
