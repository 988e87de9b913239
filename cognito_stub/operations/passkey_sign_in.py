"""WEB_AUTHN, USER_AUTH's passkey first factor: the challenge carries
CREDENTIAL_REQUEST_OPTIONS (a fresh challenge, the pool's relying party, the user's passkeys for
it, the pool's user verification), answered with CREDENTIAL, the browser's
AuthenticationResponseJSON. The assertion is verified for real (webauthn_ceremonies); a refused
one counts against the session like a wrong code, and the session stays usable until then."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..challenges import Challenge
from ..errors import CognitoError
from ..first_factors import WEB_AUTHN
from ..moto_bridge import AppClient
from ..passkeys import Passkey
from ..webauthn_ceremonies import new_challenge, request_options, verify_assertion
from . import passwordless
from .common import required

if TYPE_CHECKING:
    from ..state import StubState


def usable_passkeys(state: StubState, pool: Any, user: Any) -> list[Passkey]:
    """The user's passkeys for the pool's current relying party."""
    rp_id = state.passkeys.config(bridge.pool_id(pool)).rp_id
    return state.passkeys.of(bridge.user_id(user), rp_id) if rp_id else []


def begin(
    state: StubState,
    pool: Any,
    client: AppClient,
    user: Any,
    username: str,
    previous: str | None = None,
) -> dict[str, Any]:
    config = state.passkeys.config(bridge.pool_id(pool))
    challenge = new_challenge()
    options = request_options(config, usable_passkeys(state, pool, user), challenge)
    session = state.challenges.open_next(
        Challenge(
            WEB_AUTHN,
            bridge.user_id(user),
            client.id,
            first_factor=True,
            username=username,
            passkey_challenge=challenge,
        ),
        previous,
    )
    return {
        "ChallengeName": WEB_AUTHN,
        "Session": session,
        "ChallengeParameters": {"CREDENTIAL_REQUEST_OPTIONS": options},
    }


def answer(
    state: StubState,
    pool: Any,
    client: AppClient,
    user: Any,
    answered: tuple[str, Challenge],
    responses: dict[str, Any],
) -> dict[str, Any]:
    """RespondToAuthChallenge WEB_AUTHN (CREDENTIAL): tokens once the assertion verifies."""
    session, challenge = answered
    credential = required(responses, "CREDENTIAL")
    config = state.passkeys.config(bridge.pool_id(pool))
    try:
        passkey, sign_count = verify_assertion(
            credential, usable_passkeys(state, pool, user), challenge.passkey_challenge, config
        )
    except CognitoError:
        state.challenges.wrong_code(session)
        raise
    state.passkeys.used(bridge.user_id(user), passkey.credential_id, sign_count)
    return passwordless.signed_in(state, pool, client, user, session)
