"""Each user's MFA: authenticator apps (AssociateSoftwareToken, VerifySoftwareToken) and the
methods enabled (SetUserMFAPreference, AdminSetUserMFAPreference; GetUser's fields). moto's own
MFA (one fixed secret, any code accepted) never answers; the pool's side is in mfa_pool.py."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import INVALID_SESSION, Challenge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..mfa import EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA
from .common import admin_user, pool_and_client, required, signed_in_user
from .mfa_sign_in import MFA_SETUP

if TYPE_CHECKING:
    from ..state import Handler, StubState

# SetUserMFAPreference's settings blocks, and what enabling each method takes: a verified
# software token, or a verified phone number / email (the attribute the code goes to).
PREFERENCES = {
    "SoftwareTokenMfaSettings": SOFTWARE_TOKEN_MFA,
    "SMSMfaSettings": SMS_MFA,
    "EmailMfaSettings": EMAIL_OTP,
}
DELIVERY_ATTRIBUTE = {SMS_MFA: "phone_number", EMAIL_OTP: "email"}
WRONG_FIRST_CODE = "Code mismatch and fail enable Software Token MFA"


def _caller(
    state: StubState, params: dict[str, Any]
) -> tuple[Any, Any, tuple[str, Challenge] | None]:
    """(pool, user, (session, its MFA_SETUP challenge) or None) of a call made with either an
    AccessToken or, during sign-in, an MFA_SETUP challenge's Session."""
    if bool(params.get("AccessToken")) == bool(params.get("Session")):
        raise invalid_parameter("Provide either an AccessToken or a Session")
    if params.get("AccessToken"):
        pool, user = signed_in_user(state, params)
        return pool, user, None
    session = params["Session"]
    challenge = state.challenges.take(session)
    pool, _client = pool_and_client(state, challenge.client_id)
    user = bridge.find_user(pool, challenge.user_key)
    if challenge.name != MFA_SETUP or user is None:
        raise not_authorized(INVALID_SESSION)
    return pool, user, (session, challenge)


def associate_software_token(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """A fresh secret per call (the previous unverified one is dropped); a new Session when
    called with one."""
    _pool, user, setup = _caller(state, params)
    answer: dict[str, Any] = {"SecretCode": state.totp.associate(bridge.user_id(user))}
    if setup is not None:
        session, challenge = setup
        answer["Session"] = state.challenges.follow(session, challenge)
    return answer


def verify_software_token(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The authenticator app's first code verifies the secret (it then replaces any earlier
    one). With a Session, the new Session answers MFA_SETUP."""
    _pool, user, setup = _caller(state, params)
    code = required(params, "UserCode")
    if not state.totp.verify_pending(bridge.user_id(user), code):
        if setup is not None:
            state.challenges.wrong_code(setup[0])
        raise CognitoError("EnableSoftwareTokenMFAException", WRONG_FIRST_CODE)
    if setup is None:
        return {"Status": "SUCCESS"}
    session, challenge = setup
    verified = replace(challenge, totp_verified=True)
    return {"Status": "SUCCESS", "Session": state.challenges.follow(session, verified)}


def mfa_fields(state: StubState, user: Any) -> dict[str, Any]:
    """GetUser's and AdminGetUser's UserMFASettingList and PreferredMfaSetting (left out when
    empty, as Cognito does)."""
    settings = state.user_mfa.get(bridge.user_id(user))
    answer: dict[str, Any] = {}
    if settings.enabled:
        answer["UserMFASettingList"] = settings.setting_list()
    if settings.preferred:
        answer["PreferredMfaSetting"] = settings.preferred
    return answer


def _can_receive(state: StubState, user: Any, method: str) -> bool:
    if method == SOFTWARE_TOKEN_MFA:
        return state.totp.has_verified(bridge.user_id(user))
    return bridge.has_verified(user, DELIVERY_ATTRIBUTE[method])


def _set_preference(state: StubState, user: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Apply the settings blocks given (each {Enabled, PreferredMfa}); a block left out leaves
    that method as it is. Nothing changes unless every block is acceptable."""
    key = bridge.user_id(user)
    settings = state.user_mfa.get(key)
    preferred = []
    for param, method in PREFERENCES.items():
        block = params.get(param)
        if not isinstance(block, dict):
            continue
        if block.get("Enabled"):
            if not _can_receive(state, user, method):
                raise invalid_parameter(
                    f"User does not have delivery config set to turn on {method}"
                )
            settings.enabled.add(method)
        else:
            settings.enabled.discard(method)
        if block.get("PreferredMfa"):
            if not block.get("Enabled"):
                raise invalid_parameter(f"{method} cannot be preferred while it is disabled")
            preferred.append(method)
        elif settings.preferred == method:
            settings.preferred = ""
    if len(preferred) > 1:
        raise invalid_parameter("Only one MFA method can be preferred")
    settings.preferred = preferred[0] if preferred else settings.preferred
    state.user_mfa.set(key, settings)
    return {}


def set_user_mfa_preference(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    _pool, user = signed_in_user(state, params)
    return _set_preference(state, user, params)


def admin_set_user_mfa_preference(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    _pool, user = admin_user(state, params)
    return _set_preference(state, user, params)


HANDLERS: dict[str, Handler] = {
    "AssociateSoftwareToken": associate_software_token,
    "VerifySoftwareToken": verify_software_token,
    "SetUserMFAPreference": set_user_mfa_preference,
    "AdminSetUserMFAPreference": admin_set_user_mfa_preference,
}
