"""MFA at sign-in: the challenge that follows a correct password, and the answers to it.

- a user with one usable method (or a preferred one) gets that method's challenge:
  SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP (the code for the last two goes to the outbox);
- more than one and none preferred: SELECT_MFA_TYPE (MFAS_CAN_CHOOSE), answered with ANSWER;
- none, in a pool whose MFA is ON: MFA_SETUP (MFAS_CAN_SETUP), finished with a software token
  verified with the session (AssociateSoftwareToken/VerifySoftwareToken, see mfa.py), or with
  EMAIL (an address), which leads to EMAIL_OTP for that address.
A usable method is one the pool allows and the user has enabled (and can receive)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import INVALID_SESSION, Challenge
from ..codes import MFA_EMAIL, MFA_SMS
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..mfa import EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA
from ..moto_bridge import AppClient
from . import challenge_codes
from .challenge_codes import WRONG_STATE, Delivery
from .common import EMAIL_FORMAT, check_email_free, required

if TYPE_CHECKING:
    from ..state import StubState

SELECT_MFA_TYPE = "SELECT_MFA_TYPE"
MFA_SETUP = "MFA_SETUP"
CHALLENGES = (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP)
# Each method's code in ChallengeResponses, and Cognito's words for a wrong one.
CODE_KEYS = {
    SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
    SMS_MFA: "SMS_MFA_CODE",
    EMAIL_OTP: "EMAIL_OTP_CODE",
}
WRONG_TOTP = "Invalid code received for user"
# Where each sent code goes.
DELIVERY = {
    SMS_MFA: Delivery(MFA_SMS, "phone_number", "SMS"),
    EMAIL_OTP: Delivery(MFA_EMAIL, "email", "EMAIL"),
}


def _usable(state: StubState, user: Any, method: str) -> bool:
    if method == SOFTWARE_TOKEN_MFA:
        return state.totp.has_verified(bridge.user_id(user))
    return bool(bridge.attribute(user, DELIVERY[method].attribute))


def needs_mfa(state: StubState, pool: Any, user: Any) -> tuple[str, list[str]] | None:
    """The challenge a correct password leads to, with its choices (SELECT_MFA_TYPE,
    MFA_SETUP), or None when the user signs in without MFA."""
    config = state.pool_mfa_config(pool)  # no methods while MFA is OFF
    settings = state.user_mfa.get(bridge.user_id(user))
    usable = [m for m in config.methods() if m in settings.enabled and _usable(state, user, m)]
    if not usable:
        return (MFA_SETUP, config.methods()) if config.mode == "ON" else None
    if settings.preferred in usable:
        return settings.preferred, []
    if len(usable) == 1:
        return usable[0], []
    return SELECT_MFA_TYPE, usable


def begin(
    state: StubState, client: AppClient, user: Any, step: tuple[str, list[str]]
) -> dict[str, Any]:
    """Set the challenge `needs_mfa` found: a new session (and a code, for SMS and email)."""
    name, choices = step
    return _issue(state, user, Challenge(name, bridge.user_id(user), client.id), choices)


def _issue(
    state: StubState,
    user: Any,
    challenge: Challenge,
    choices: list[str] | tuple[str, ...] = (),
    previous: str | None = None,
) -> dict[str, Any]:
    """The answer that sets `challenge` (ending the `previous` session, if any)."""
    parameters = {"USER_ID_FOR_SRP": bridge.username(user)}
    if challenge.name in DELIVERY:
        delivery = DELIVERY[challenge.name]
        challenge, sent = challenge_codes.send(
            state, user, challenge, delivery, challenge.setup_email
        )
        parameters.update(sent)
    elif challenge.name in (SELECT_MFA_TYPE, MFA_SETUP):
        key = "MFAS_CAN_CHOOSE" if challenge.name == SELECT_MFA_TYPE else "MFAS_CAN_SETUP"
        parameters[key] = json.dumps(list(choices), separators=(",", ":"))
        challenge = replace(challenge, choices=tuple(choices))
    session = state.challenges.open_next(challenge, previous)
    return {"ChallengeName": challenge.name, "Session": session, "ChallengeParameters": parameters}


def answer(state: StubState, pool: Any, client: AppClient, params: dict[str, Any]) -> dict:
    """RespondToAuthChallenge for an MFA challenge: tokens, or the next challenge."""
    name, session = params["ChallengeName"], params.get("Session") or ""
    responses = params.get("ChallengeResponses") or {}
    challenge = state.challenges.take(session, client.id)
    user = bridge.find_user(pool, responses.get("USERNAME"))
    if user is None or bridge.user_id(user) != challenge.user_key:
        raise not_authorized(INVALID_SESSION)
    if name != challenge.name:
        raise CognitoError("CodeMismatchException", WRONG_STATE)
    if name == SELECT_MFA_TYPE:
        method = required(responses, "ANSWER")
        if method not in challenge.choices:
            raise invalid_parameter(f"ANSWER must be one of {', '.join(challenge.choices)}")
        return _issue(state, user, Challenge(method, challenge.user_key, client.id), (), session)
    if name == MFA_SETUP and responses.get("EMAIL"):
        return _set_up_email(state, pool, user, (session, challenge), responses["EMAIL"])
    if name == MFA_SETUP:
        _set_up_totp(state, challenge)
    else:
        _check_code(state, session, challenge, required(responses, CODE_KEYS[name]))
    if challenge.setup_email:
        _adopt_email(state, pool, user, challenge.setup_email)
    return signed_in(state, pool, client, user, session)


def _check_code(state: StubState, session: str, challenge: Challenge, code: str) -> None:
    if challenge.name != SOFTWARE_TOKEN_MFA:
        challenge_codes.check(state, session, challenge, code)
    elif not state.totp.check(challenge.user_key, code):
        state.challenges.wrong_code(session)
        raise CognitoError("CodeMismatchException", WRONG_TOTP)


def _set_up_email(
    state: StubState, pool: Any, user: Any, setup: tuple[str, Challenge], email: str
) -> dict[str, Any]:
    """MFA_SETUP answered with EMAIL: an EMAIL_OTP challenge, its code sent to that address."""
    session, challenge = setup
    if EMAIL_OTP not in challenge.choices:
        raise invalid_parameter("Email MFA is not enabled for this user pool")
    if not EMAIL_FORMAT.fullmatch(email):
        raise invalid_parameter("Invalid email address format.")
    check_email_free(pool, user, email)
    otp = Challenge(EMAIL_OTP, challenge.user_key, challenge.client_id, setup_email=email)
    return _issue(state, user, otp, (), session)


def _set_up_totp(state: StubState, challenge: Challenge) -> None:
    """MFA_SETUP answered after VerifySoftwareToken with its session: the app is enabled."""
    if not challenge.totp_verified:
        raise CognitoError(
            "SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user."
        )
    state.user_mfa.enable(challenge.user_key, SOFTWARE_TOKEN_MFA)


def _adopt_email(state: StubState, pool: Any, user: Any, email: str) -> None:
    """Email MFA set up at sign-in: the address (its code answered) is the user's verified
    email, and email MFA is on."""
    check_email_free(pool, user, email)
    key = bridge.user_id(user)
    if email.lower() == bridge.email_of(user).lower():
        bridge.set_attributes(user, {"email_verified": "true"})
    else:
        state.pending_emails.pop(key, None)
        bridge.change_email(state.backend, pool, user, email, verified=True)
    state.user_mfa.enable(key, EMAIL_OTP)


def signed_in(
    state: StubState, pool: Any, client: AppClient, user: Any, session: str | None = None
) -> dict[str, Any]:
    """Every challenge answered: the session is used up, and the user gets tokens."""
    if session is not None:
        state.challenges.finish(session)
    state.lockouts.record_success(bridge.user_id(user))
    return bridge.log_in(state.backend, pool, client.id, user)
