"""The one-time codes of sign-in challenges (SMS_MFA and EMAIL_OTP after a password; EMAIL_OTP
and SMS_OTP as USER_AUTH's first factor): sent to the outbox when the challenge is set, named
in its ChallengeParameters, and checked against the session, where a wrong one counts toward
the session's limit of wrong codes."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import Challenge
from ..errors import CognitoError
from ..users import masked

if TYPE_CHECKING:
    from ..state import StubState

WRONG_STATE = "Invalid code or auth state for the user."


@dataclass(frozen=True)
class Delivery:
    """Where a challenge's code goes: its outbox purpose, the user's attribute it is sent to
    (email, phone_number) and the delivery medium Cognito names (EMAIL, SMS)."""

    purpose: str
    attribute: str
    medium: str

    def parameters(self, to: str) -> dict[str, str]:
        return {
            "CODE_DELIVERY_DELIVERY_MEDIUM": self.medium,
            "CODE_DELIVERY_DESTINATION": masked(to, self.attribute),
        }


def send(
    state: StubState, user: Any, challenge: Challenge, delivery: Delivery, to: str = ""
) -> tuple[Challenge, dict[str, str]]:
    """Send a new code for `challenge` to `to` (default: the user's attribute); the challenge
    holding it, and the delivery's ChallengeParameters."""
    to = to or bridge.attribute(user, delivery.attribute) or ""
    code = state.send_one_time_code(user, delivery.purpose, to)
    return replace(challenge, code=code, sent_to=to), delivery.parameters(to)


def check(state: StubState, session: str, challenge: Challenge, code: Any) -> None:
    """CodeMismatchException (counted against the session) unless `code` is the one sent; a
    challenge with no code sent (a stand-in for an unknown user) accepts none."""
    if not challenge.code or not hmac.compare_digest(challenge.code, str(code)):
        state.challenges.wrong_code(session)
        raise CognitoError("CodeMismatchException", WRONG_STATE)
