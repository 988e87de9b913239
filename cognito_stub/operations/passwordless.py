"""Passwordless first factors of USER_AUTH: a one-time code by email (EMAIL_OTP, to a verified
email) or by SMS (SMS_OTP, to a verified phone number), and what every passwordless proof ends
with (a code, a passkey, or the session ConfirmSignUp gives): tokens, with no MFA after it.

PreventUserExistenceErrors: a user who cannot receive the code (nobody by that name, or no
verified address) gets the same challenge, its destination masked from the name typed, and no
code is sent; every code is then wrong, and too many wrong codes end the session, as for anyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import Challenge
from ..codes import SIGN_IN_EMAIL, SIGN_IN_SMS
from ..errors import CognitoError, not_authorized
from ..first_factors import EMAIL_OTP, SMS_OTP
from ..moto_bridge import AppClient
from . import challenge_codes, mfa_sign_in
from .challenge_codes import Delivery
from .common import required

if TYPE_CHECKING:
    from ..state import StubState

DELIVERY = {
    EMAIL_OTP: Delivery(SIGN_IN_EMAIL, "email", "EMAIL"),
    SMS_OTP: Delivery(SIGN_IN_SMS, "phone_number", "SMS"),
}
CODE_KEYS = {EMAIL_OTP: "EMAIL_OTP_CODE", SMS_OTP: "SMS_OTP_CODE"}


def can_receive(user: Any, factor: str) -> bool:
    """Whether the user has a verified address for the factor's code."""
    return bridge.has_verified(user, DELIVERY[factor].attribute)


def begin(
    state: StubState,
    client: AppClient,
    user: Any | None,
    username: str,
    factor: str,
    previous: str | None = None,
) -> dict[str, Any]:
    """The EMAIL_OTP / SMS_OTP challenge, its code sent (or, for a stand-in, seemingly sent)."""
    delivery = DELIVERY[factor]
    real = user is not None and can_receive(user, factor)
    key = bridge.user_id(user) if real else ""
    challenge = Challenge(factor, key, client.id, first_factor=True, username=username)
    if real:
        challenge, parameters = challenge_codes.send(state, user, challenge, delivery)
    else:
        parameters = delivery.parameters(username)
    session = state.challenges.open_next(challenge, previous)
    return {"ChallengeName": factor, "Session": session, "ChallengeParameters": parameters}


def answer(
    state: StubState,
    pool: Any,
    client: AppClient,
    user: Any | None,
    answered: tuple[str, Challenge],
    responses: dict[str, Any],
) -> dict[str, Any]:
    """RespondToAuthChallenge EMAIL_OTP (EMAIL_OTP_CODE) / SMS_OTP (SMS_OTP_CODE)."""
    session, challenge = answered
    challenge_codes.check(state, session, challenge, required(responses, CODE_KEYS[challenge.name]))
    return signed_in(state, pool, client, user, session)


def signed_in(
    state: StubState, pool: Any, client: AppClient, user: Any | None, session: str
) -> dict[str, Any]:
    """A passwordless proof accepted: the session is used up and the user gets tokens (unless
    they are disabled or not yet confirmed, as after a right password)."""
    if user is None:  # only a stand-in has no user, and no proof of a stand-in is accepted
        raise not_authorized()
    if not bridge.is_enabled(user):
        raise not_authorized("User is disabled.")
    if bridge.user_status(user) == bridge.UNCONFIRMED:
        raise CognitoError("UserNotConfirmedException")
    return mfa_sign_in.signed_in(state, pool, client, user, session)
