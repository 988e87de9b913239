"""SignUp, ConfirmSignUp and ResendConfirmationCode, with real codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..codes import RESEND, SIGN_UP
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..users import delivery_details
from .common import public_request, send_code_to_user

if TYPE_CHECKING:
    from ..state import Handler, StubState


def sign_up(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client, (username, password) = public_request(state, params, "Password")
    if bridge.find_user(pool, username) is not None:
        raise CognitoError("UsernameExistsException")
    attributes = [
        a
        for a in params.get("UserAttributes") or []
        if a.get("Name") not in ("email", "email_verified", "sub")
    ]
    user = bridge.sign_up(state.backend, client.id, username, password, attributes)
    bridge.set_email_verified(user, False)
    state.send_code(user, SIGN_UP)
    return {
        "UserConfirmed": False,
        "UserSub": bridge.user_id(user),
        "CodeDeliveryDetails": delivery_details(username),
    }


def confirm_sign_up(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, _client, (username, code) = public_request(state, params, "ConfirmationCode")
    user = bridge.find_user(pool, username)
    if user is None:
        raise CognitoError("CodeMismatchException")
    key = bridge.user_id(user)
    if bridge.user_status(user) == bridge.CONFIRMED and not state.codes.was_issued(
        key, SIGN_UP, code
    ):
        raise not_authorized("User cannot be confirmed. Current status is CONFIRMED")
    state.codes.verify(key, SIGN_UP, code)
    bridge.confirm(user)
    bridge.set_email_verified(user, True)
    return {}


def _not_yet_confirmed(user: Any) -> None:
    if bridge.user_status(user) == bridge.CONFIRMED:
        raise invalid_parameter("User is already confirmed.")


def resend_confirmation_code(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    return send_code_to_user(state, params, RESEND, _not_yet_confirmed)


HANDLERS: dict[str, Handler] = {
    "SignUp": sign_up,
    "ConfirmSignUp": confirm_sign_up,
    "ResendConfirmationCode": resend_confirmation_code,
}
