"""AdminCreateUser as Cognito does it: a TemporaryPassword is checked against the policy, or
one is generated; the invitation (its "code" is the temporary password, purpose
`invitation`) goes to the outbox unless MessageAction is SUPPRESS; RESEND sends a new one to a
user who has not yet chosen a password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..codes import INVITATION
from ..errors import CognitoError, invalid_parameter
from ..passwords import DEFAULT_PASSWORD_POLICY, temporary_password
from .common import named_pool, required

if TYPE_CHECKING:
    from ..state import Handler, StubState

ACTIONS = (None, "", "SUPPRESS", "RESEND")
MEDIUM_ATTRIBUTE = {"EMAIL": "email", "SMS": "phone_number"}


def admin_create_user(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool = named_pool(state, params)
    username = required(params, "Username")
    action = params.get("MessageAction")
    if action not in ACTIONS:
        raise invalid_parameter(f"Invalid MessageAction: {action}")
    password = params.get("TemporaryPassword")
    if password:
        state.check_password(pool, password)
    else:
        password = temporary_password(bridge.password_policy(pool) or DEFAULT_PASSWORD_POLICY)
    user = bridge.find_user(pool, username)
    if action == "RESEND":
        if user is None:
            raise CognitoError("UserNotFoundException")
        if bridge.user_status(user) != bridge.FORCE_CHANGE_PASSWORD:
            raise CognitoError(
                "UnsupportedUserStateException",
                f"Resend not possible. {username} status is not FORCE_CHANGE_PASSWORD.",
            )
        bridge.set_password(user, password)
        described = bridge.admin_describe(bridge.pool_id(pool), user)
        described["Attributes"] = described.pop("UserAttributes", [])
        answer = {"User": described}
    else:
        if user is not None:
            raise CognitoError("UsernameExistsException", "User account already exists")
        answer = bridge.moto_answer("AdminCreateUser", {**params, "TemporaryPassword": password})
        user = bridge.find_user(pool, username)
    if action != "SUPPRESS":
        _invite(state, user, password, params.get("DesiredDeliveryMediums") or ["SMS"])
    return answer


def _invite(state: StubState, user: Any, password: str, mediums: list[str]) -> None:
    """The invitation, by each medium asked for that the user has an address for (else to
    their email, or phone number)."""
    wanted = [bridge.attribute(user, MEDIUM_ATTRIBUTE.get(m, "")) for m in mediums]
    fallback = [bridge.attribute(user, "email") or bridge.attribute(user, "phone_number")]
    for to in [to for to in wanted if to] or [to for to in fallback if to]:
        state.record_sent(user, INVITATION, to, password)


HANDLERS: dict[str, Handler] = {"AdminCreateUser": admin_create_user}
