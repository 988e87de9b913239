"""USER_SRP_AUTH: InitiateAuth (USERNAME, SRP_A) → PASSWORD_VERIFIER (SALT, SRP_B,
SECRET_BLOCK, USERNAME, USER_ID_FOR_SRP; no Session: the secret block names the exchange),
answered with PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE and TIMESTAMP. A right
claim goes on as a right password does (password_sign_in); a wrong one fails as a wrong
password does. An unknown user (or one without a password) gets a challenge that looks like
anyone's (a stand-in USER_ID_FOR_SRP and salt, stable per name), and then "Incorrect username or
password."."""

from __future__ import annotations

import base64
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from .. import srp
from ..challenges import INVALID_SESSION, Challenge
from ..errors import invalid_parameter, not_authorized
from ..moto_bridge import AppClient
from .common import check_secret_hash, required
from .password_sign_in import sign_in

if TYPE_CHECKING:
    from ..state import StubState

PASSWORD_VERIFIER = "PASSWORD_VERIFIER"  # noqa: S105 - a challenge name
SECRET_BLOCK_BYTES = 64
BAD_TIMESTAMP = "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."


@dataclass(frozen=True)
class Exchange:
    """One SRP exchange, kept (in its challenge session) until the claim answers it."""

    pool_id: str
    user_id: str  # USER_ID_FOR_SRP
    big_a: int
    b: int
    big_b: int
    v: int

    def proves(self, secret_block: str, timestamp: str, signature: str) -> bool:
        key = srp.session_key(self.big_a, self.big_b, self.b, self.v)
        if key is None:
            return False
        expected = srp.claim_signature(key, self.pool_id, self.user_id, secret_block, timestamp)
        return hmac.compare_digest(expected, signature)


def begin(state: StubState, pool: Any, client: AppClient, auth: dict[str, Any]) -> dict:
    username = required(auth, "USERNAME")
    big_a = srp.parse_a(required(auth, "SRP_A"))
    check_secret_hash(client, [username], auth.get("SECRET_HASH"))
    if big_a is None:
        raise invalid_parameter("SRP_A is not a valid SRP value.")
    pool_id = bridge.pool_id(pool)
    user = bridge.find_user(pool, username)
    if user is not None and not bridge.has_password(user):
        user = None  # a passwordless user: no password can prove anything
    if user is not None:
        user_id, password = bridge.username(user), bridge.password_of(user)
        salt = srp.stable_hex("salt", pool_id, user_id, password)
    else:  # a stand-in, so that nobody learns who has an account
        alias = bridge.signs_in_by_alias(pool)
        user_id = srp.stand_in_user_id(pool_id, username) if alias else username
        password = secrets.token_hex(16)
        salt = srp.stable_hex("salt", pool_id, username.lower())
    v = srp.verifier(pool_id, user_id, password, salt)
    b, big_b = srp.server_values(v)
    secret_block = base64.b64encode(secrets.token_bytes(SECRET_BLOCK_BYTES)).decode()
    exchange = Exchange(pool_id, user_id, big_a, b, big_b, v)
    user_key = bridge.user_id(user) if user is not None else ""
    challenge = Challenge(PASSWORD_VERIFIER, user_key, client.id, srp=exchange)
    state.challenges.open(challenge, session=secret_block)
    return {
        "ChallengeName": PASSWORD_VERIFIER,
        "ChallengeParameters": {
            "SALT": salt,
            "SECRET_BLOCK": secret_block,
            "SRP_B": f"{big_b:x}",
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        },
    }


def answer(state: StubState, pool: Any, client: AppClient, responses: dict[str, Any]) -> dict:
    """RespondToAuthChallenge PASSWORD_VERIFIER (the exchange is used up, right or wrong)."""
    username = required(responses, "USERNAME")
    secret_block = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK")
    signature = required(responses, "PASSWORD_CLAIM_SIGNATURE")
    timestamp = required(responses, "TIMESTAMP")
    if not srp.TIMESTAMP.fullmatch(timestamp):
        raise invalid_parameter(BAD_TIMESTAMP)
    challenge = state.challenges.take(secret_block, client.id)
    if challenge.srp is None:
        raise not_authorized(INVALID_SESSION)
    state.challenges.finish(secret_block)
    exchange: Exchange = challenge.srp
    user = bridge.find_user(pool, username)
    if user is not None and bridge.user_id(user) != challenge.user_key:
        user = None  # another user's (or nobody's) exchange
    check_secret_hash(client, [username, exchange.user_id], responses.get("SECRET_HASH"))
    return sign_in(
        state, pool, client, user, lambda _user: exchange.proves(secret_block, timestamp, signature)
    )
