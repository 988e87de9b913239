"""Forgotten, reset and changed passwords."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..codes import FORGOT_PASSWORD
from ..errors import CognitoError, invalid_parameter, not_authorized
from .common import (
    INCORRECT_CREDENTIALS,
    admin_user,
    public_request,
    required,
    send_code_to_user,
    signed_in_user,
)

if TYPE_CHECKING:
    from ..state import Handler, StubState


def _has_verified_email(user: Any) -> None:
    if not bridge.email_verified(user):
        raise invalid_parameter(
            "Cannot reset password for the user as there is no registered/verified email "
            "or phone_number"
        )


def forgot_password(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    return send_code_to_user(state, params, FORGOT_PASSWORD, _has_verified_email)


def confirm_forgot_password(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, _client, (username, code, password) = public_request(
        state, params, "ConfirmationCode", "Password"
    )
    user = bridge.find_user(pool, username)
    if user is None:
        raise CognitoError("CodeMismatchException")
    state.check_password(pool, password)
    state.codes.verify(bridge.user_id(user), FORGOT_PASSWORD, code)
    bridge.set_password(user, password)
    if bridge.user_status(user) == bridge.RESET_REQUIRED:
        bridge.confirm(user)
    state.lockouts.record_success(bridge.user_id(user))
    return {}


def admin_reset_user_password(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, user = admin_user(state, params)
    bridge.admin_reset_user_password(state.backend, pool, user)
    state.send_code(user, FORGOT_PASSWORD)
    return {}


def change_password(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """A wrong previous password counts toward the lockout, as at sign-in."""
    pool, user = signed_in_user(state, params)
    key = bridge.user_id(user)
    state.lockouts.check(key)
    proposed = required(params, "ProposedPassword")
    state.check_password(pool, proposed)
    if not bridge.password_matches(user, required(params, "PreviousPassword")):
        state.lockouts.record_failure(key)
        raise not_authorized(INCORRECT_CREDENTIALS)
    state.lockouts.record_success(key)
    bridge.set_password(user, proposed)
    return {}


HANDLERS: dict[str, Handler] = {
    "ForgotPassword": forgot_password,
    "ConfirmForgotPassword": confirm_forgot_password,
    "AdminResetUserPassword": admin_reset_user_password,
    "ChangePassword": change_password,
}
