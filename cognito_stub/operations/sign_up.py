"""SignUp, ConfirmSignUp and ResendConfirmationCode, with real codes.

A pool whose AllowedFirstAuthFactors include a passwordless factor (EMAIL_OTP, SMS_OTP,
WEB_AUTHN) lets a user sign up without a Password. ConfirmSignUp answers a Session with which
USER_AUTH signs the confirmed user in without another proof (see user_auth)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import AFTER_SIGN_UP, Challenge
from ..codes import RESEND, SIGN_UP
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..first_factors import EMAIL_OTP, SMS_OTP, WEB_AUTHN
from ..users import delivery_details
from .common import public_request, required, send_code_to_user

if TYPE_CHECKING:
    from ..state import Handler, StubState

PASSWORDLESS_FACTORS = {EMAIL_OTP, SMS_OTP, WEB_AUTHN}


def _password(pool: Any, params: dict[str, Any]) -> str | None:
    """SignUp's Password: required unless the pool allows a passwordless first factor."""
    if PASSWORDLESS_FACTORS & set(bridge.first_auth_factors(pool)):
        return params.get("Password") or None
    return required(params, "Password")


def sign_up(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client, (username,) = public_request(state, params)
    password = _password(pool, params)
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
    pool, client, (username, code) = public_request(state, params, "ConfirmationCode")
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
    return {"Session": state.challenges.open(Challenge(AFTER_SIGN_UP, key, client.id))}


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
