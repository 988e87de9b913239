"""USER_AUTH, choice-based sign-in (InitiateAuth and AdminInitiateAuth, for a client that allows
ALLOW_USER_AUTH). With USERNAME and a PREFERRED_CHALLENGE the user can take, that challenge
begins (a password or SRP_A given with it is used at once); otherwise SELECT_CHALLENGE offers
AvailableChallenges: the pool's AllowedFirstAuthFactors that the user has (a password: PASSWORD
and PASSWORD_SRP; a verified email: EMAIL_OTP; a verified phone number: SMS_OTP; a passkey:
WEB_AUTHN). RespondToAuthChallenge then answers SELECT_CHALLENGE (ANSWER, with PASSWORD or
SRP_A for those two), PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP and WEB_AUTHN.

A password goes on exactly as USER_PASSWORD_AUTH / USER_SRP_AUTH do (lockout, MFA,
NEW_PASSWORD_REQUIRED); a code or a passkey signs in at once. With the Session ConfirmSignUp
answered, USER_AUTH signs the new user in with no other proof (once, within its 3 minutes).

PreventUserExistenceErrors: an unknown user (and one with nothing to offer) is offered what a
user with a password and a verified email would be, and each challenge looks the same for them
(see passwordless; a password is "Incorrect username or password."). A WEB_AUTHN, SMS_OTP or
other preference they cannot take answers the same SELECT_CHALLENGE as for anybody without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import AFTER_SIGN_UP, INVALID_SESSION, Challenge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..first_factors import (
    EMAIL_OTP,
    FIRST_FACTOR_CHALLENGES,
    PASSWORD,
    PASSWORD_SRP,
    SMS_OTP,
    WEB_AUTHN,
    offered,
)
from ..moto_bridge import AppClient
from . import passkey_sign_in, passwordless, srp_sign_in
from .challenge_codes import WRONG_STATE
from .common import check_secret_hash, required
from .password_sign_in import sign_in

if TYPE_CHECKING:
    from ..state import StubState

SELECT_CHALLENGE = "SELECT_CHALLENGE"
# Challenges only USER_AUTH sets (EMAIL_OTP is also an MFA challenge: its session tells).
CHALLENGES = (SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, SMS_OTP, WEB_AUTHN)
# What anybody might have: offered for an unknown user, or one with nothing to offer.
PLAUSIBLE = (PASSWORD, EMAIL_OTP)


def user_factors(state: StubState, pool: Any, user: Any) -> list[str]:
    """The first factors the user could use, whatever the pool allows."""
    has = [PASSWORD] if bridge.has_password(user) else []
    has += [f for f in (EMAIL_OTP, SMS_OTP) if passwordless.can_receive(user, f)]
    if passkey_sign_in.usable_passkeys(state, pool, user):
        has.append(WEB_AUTHN)
    return has


def available(state: StubState, pool: Any, user: Any | None) -> list[str]:
    """AvailableChallenges for the user (the plausible ones for nobody)."""
    allowed = bridge.first_auth_factors(pool)
    found = offered(allowed, user_factors(state, pool, user)) if user is not None else []
    return found or offered(allowed, PLAUSIBLE)


def initiate(
    state: StubState, pool: Any, client: AppClient, params: dict[str, Any]
) -> dict[str, Any]:
    auth = dict(params.get("AuthParameters") or {})
    username = required(auth, "USERNAME")
    check_secret_hash(client, [username], auth.get("SECRET_HASH"))
    if params.get("Session"):
        return _after_sign_up(state, pool, client, username, params["Session"])
    preferred = auth.get("PREFERRED_CHALLENGE")
    if preferred and preferred not in FIRST_FACTOR_CHALLENGES:
        raise invalid_parameter(
            f"PREFERRED_CHALLENGE must be one of {', '.join(FIRST_FACTOR_CHALLENGES)}"
        )
    user = bridge.find_user(pool, username)
    choices = available(state, pool, user)
    if preferred in choices:
        return _begin(state, pool, client, (user, username), preferred, auth)
    return _select(state, client, (user, username), choices)


def _after_sign_up(
    state: StubState, pool: Any, client: AppClient, username: str, session: str
) -> dict[str, Any]:
    """USER_AUTH with ConfirmSignUp's Session: the confirmed user, signed in."""
    challenge = state.challenges.take(session, client.id)
    user = bridge.find_user(pool, username)
    if challenge.name != AFTER_SIGN_UP or user is None:
        raise not_authorized(INVALID_SESSION)
    if bridge.user_id(user) != challenge.user_key:
        raise not_authorized(INVALID_SESSION)
    return passwordless.signed_in(state, pool, client, user, session)


def _select(
    state: StubState,
    client: AppClient,
    who: tuple[Any | None, str],
    choices: list[str],
) -> dict[str, Any]:
    user, username = who
    key = bridge.user_id(user) if user is not None else ""
    challenge = Challenge(
        SELECT_CHALLENGE,
        key,
        client.id,
        choices=tuple(choices),
        first_factor=True,
        username=username,
    )
    return {
        "ChallengeName": SELECT_CHALLENGE,
        "Session": state.challenges.open(challenge),
        "ChallengeParameters": {},
        "AvailableChallenges": choices,
    }


def _begin(
    state: StubState,
    pool: Any,
    client: AppClient,
    who: tuple[Any | None, str],
    name: str,
    values: dict[str, Any],
    previous: str | None = None,
) -> dict[str, Any]:
    """The first factor `name` for the user, with what came with the choice (PASSWORD, SRP_A,
    SECRET_HASH): its challenge, or at once its outcome."""
    user, username = who
    if name == PASSWORD and values.get("PASSWORD"):
        return _password(state, pool, client, user, values["PASSWORD"], previous)
    if name == PASSWORD_SRP and values.get("SRP_A"):
        auth = {"USERNAME": username, "SRP_A": values["SRP_A"]}
        auth["SECRET_HASH"] = values.get("SECRET_HASH")
        answer = srp_sign_in.begin(state, pool, client, auth)
        if previous:
            state.challenges.finish(previous)
        return answer
    if name in (EMAIL_OTP, SMS_OTP):
        return passwordless.begin(state, client, user, username, name, previous)
    if name == WEB_AUTHN:
        return passkey_sign_in.begin(state, pool, client, user, username, previous)
    key = bridge.user_id(user) if user is not None else ""
    challenge = Challenge(name, key, client.id, first_factor=True, username=username)
    session = state.challenges.open_next(challenge, previous)
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": {}}


def _password(
    state: StubState,
    pool: Any,
    client: AppClient,
    user: Any | None,
    password: str,
    previous: str | None,
) -> dict[str, Any]:
    """A password sign-in (lockout, MFA, a new password ...); a wrong password leaves the
    session usable."""
    answer = sign_in(state, pool, client, user, lambda u: bridge.password_matches(u, password))
    if previous:
        state.challenges.finish(previous)
    return answer


def answers(state: StubState, name: str, session: str | None) -> bool:
    """Whether a RespondToAuthChallenge is USER_AUTH's to answer."""
    if name in CHALLENGES:
        return True
    found = state.challenges.peek(session)
    return found is not None and found.first_factor


def answer(state: StubState, pool: Any, client: AppClient, params: dict[str, Any]) -> dict:
    """RespondToAuthChallenge for a USER_AUTH challenge: tokens, or the next challenge."""
    name, session = params["ChallengeName"], params.get("Session") or ""
    responses = dict(params.get("ChallengeResponses") or {})
    username = required(responses, "USERNAME")
    check_secret_hash(client, [username], responses.get("SECRET_HASH"))
    challenge = state.challenges.take(session, client.id)
    user = _answering(pool, challenge, username)
    if not challenge.first_factor or name != challenge.name:
        raise CognitoError("CodeMismatchException", WRONG_STATE)
    who = (user, challenge.username or username)
    if name == SELECT_CHALLENGE:
        choice = required(responses, "ANSWER")
        if choice not in challenge.choices:
            raise invalid_parameter(f"ANSWER must be one of {', '.join(challenge.choices)}")
        return _begin(state, pool, client, who, choice, responses, session)
    if name == PASSWORD:
        return _password(state, pool, client, user, required(responses, "PASSWORD"), session)
    if name == PASSWORD_SRP:
        srp_a = {**responses, "SRP_A": required(responses, "SRP_A")}
        return _begin(state, pool, client, who, PASSWORD_SRP, srp_a, session)
    if name == WEB_AUTHN:
        return passkey_sign_in.answer(state, pool, client, user, (session, challenge), responses)
    return passwordless.answer(state, pool, client, user, (session, challenge), responses)


def _answering(pool: Any, challenge: Challenge, username: str) -> Any | None:
    """The user answering `challenge` as `username` (None for a stand-in), else
    NotAuthorizedException "Invalid session for the user."."""
    if not challenge.user_key:
        if username.lower() != challenge.username.lower():
            raise not_authorized(INVALID_SESSION)
        return None
    user = bridge.find_user(pool, username)
    if user is None or bridge.user_id(user) != challenge.user_key:
        raise not_authorized(INVALID_SESSION)
    return user
