"""The signed-in user's account: GetUser, GlobalSignOut, DeleteUser (and the admin's
AdminGetUser, AdminUserGlobalSignOut). Every user call is authorised by an AccessToken (see
signed_in_user)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from .common import admin_user, signed_in_user
from .mfa import mfa_fields

if TYPE_CHECKING:
    from ..state import Handler, StubState


def get_user(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """While an email change waits for its code, this shows the old email, still verified:
    Cognito returns the pending value nowhere."""
    _pool, user = signed_in_user(state, params)
    return {**bridge.describe(user), **mfa_fields(state, user)}


def admin_get_user(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """moto's answer, with the stub's MFA settings."""
    _pool, user = admin_user(state, params)
    return {**bridge.admin_describe(params["UserPoolId"], user), **mfa_fields(state, user)}


def _sign_out(state: StubState, pool: Any, user: Any) -> None:
    """Every refresh token of the user revoked; their access and ID tokens stop working."""
    signed_out = bridge.sign_out(pool, user)
    state.revoke_tokens(signed_out.refresh_tokens, signed_out.access_tokens)


def global_sign_out(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    _sign_out(state, *signed_in_user(state, params))
    return {}


def admin_user_global_sign_out(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    _sign_out(state, *admin_user(state, params))
    return {}


def delete_user(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The user is gone: signing in is then an incorrect username or password."""
    pool, user = signed_in_user(state, params)
    _sign_out(state, pool, user)
    state.forget_user(user)
    bridge.delete_user(pool, user)
    return {}


HANDLERS: dict[str, Handler] = {
    "GetUser": get_user,
    "AdminGetUser": admin_get_user,
    "GlobalSignOut": global_sign_out,
    "AdminUserGlobalSignOut": admin_user_global_sign_out,
    "DeleteUser": delete_user,
}
