"""A signed-in user's passkeys: StartWebAuthnRegistration (CredentialCreationOptions),
CompleteWebAuthnRegistration (the browser's RegistrationResponseJSON, verified for real),
ListWebAuthnCredentials (paginated) and DeleteWebAuthnCredential, each authorised by an
AccessToken. Registering needs WEB_AUTHN among the pool's AllowedFirstAuthFactors
(WebAuthnNotEnabledException) and a relying party id (WebAuthnConfigurationMissingException)."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, invalid_parameter
from ..first_factors import WEB_AUTHN
from ..passkeys import MAX_PASSKEYS_PER_USER, Registration, WebAuthnConfig
from ..webauthn_ceremonies import (
    UserEntity,
    b64url,
    creation_options,
    new_challenge,
    verify_registration,
)
from .common import required, signed_in_user

if TYPE_CHECKING:
    from ..state import Handler, StubState

MAX_RESULTS = 20


def _registering_user(state: StubState, params: dict[str, Any]) -> tuple[Any, Any, WebAuthnConfig]:
    """(pool, user, the pool's WebAuthn configuration) of a registration call."""
    pool, user = signed_in_user(state, params)
    if WEB_AUTHN not in bridge.first_auth_factors(pool):
        raise CognitoError("WebAuthnNotEnabledException")
    config = state.passkeys.config(bridge.pool_id(pool))
    if not config.rp_id:
        raise CognitoError("WebAuthnConfigurationMissingException")
    return pool, user, config


def start_web_authn_registration(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """A fresh challenge (it replaces one started before) for the user's next passkey."""
    pool, user, config = _registering_user(state, params)
    key = bridge.user_id(user)
    challenge = new_challenge()
    client_id = bridge.access_token_client(pool, params["AccessToken"]) or ""
    registration = Registration(challenge, client_id, str(config.rp_id), config.user_verification)
    state.passkeys.start(key, registration)
    name = bridge.sign_in_name(user)
    options = creation_options(
        config,
        bridge.pool_name(pool),
        UserEntity(b64url(key.encode()), name, name),
        state.passkeys.of(key, config.rp_id),
        challenge,
    )
    return {"CredentialCreationOptions": options}


def complete_web_authn_registration(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The credential (attestation verified) becomes one of the user's passkeys."""
    pool, user, _config = _registering_user(state, params)
    key = bridge.user_id(user)
    credential = required(params, "Credential")
    registration = state.passkeys.started(key)
    if registration is None:
        raise CognitoError("WebAuthnChallengeNotFoundException")
    if registration.client_id != bridge.access_token_client(pool, params["AccessToken"]):
        raise CognitoError("WebAuthnClientMismatchException")
    passkey = verify_registration(credential, registration)
    if state.passkeys.registered(passkey.credential_id):
        raise invalid_parameter("This credential is already registered.")
    if len(state.passkeys.of(key)) >= MAX_PASSKEYS_PER_USER:
        raise CognitoError(
            "LimitExceededException",
            f"A user can have at most {MAX_PASSKEYS_PER_USER} passkeys.",
        )
    state.passkeys.complete(key, passkey)
    return {}


def _offset(token: Any) -> int:
    """Where a NextToken (the stub's: the base64 of an index) resumes."""
    if token is None:
        return 0
    try:
        return int(base64.urlsafe_b64decode(str(token).encode()).decode())
    except (ValueError, binascii.Error):
        raise invalid_parameter("Invalid NextToken") from None


def list_web_authn_credentials(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The user's passkeys, oldest first, MaxResults (1-20, default 20) at a time."""
    _pool, user = signed_in_user(state, params)
    limit = params.get("MaxResults") or MAX_RESULTS
    if not isinstance(limit, int) or not 0 < limit <= MAX_RESULTS:
        raise invalid_parameter(
            f"1 validation error detected: Value '{limit}' at 'maxResults' failed to satisfy "
            f"constraint: Member must have value less than or equal to {MAX_RESULTS}"
        )
    passkeys = state.passkeys.of(bridge.user_id(user))
    start = _offset(params.get("NextToken"))
    answer: dict[str, Any] = {
        "Credentials": [p.describe() for p in passkeys[start : start + limit]]
    }
    if start + limit < len(passkeys):
        answer["NextToken"] = base64.urlsafe_b64encode(str(start + limit).encode()).decode()
    return answer


def delete_web_authn_credential(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The passkey can no longer sign the user in."""
    _pool, user = signed_in_user(state, params)
    credential_id = required(params, "CredentialId")
    if not state.passkeys.delete(bridge.user_id(user), credential_id):
        raise CognitoError("ResourceNotFoundException", "Credential not found.")
    return {}


HANDLERS: dict[str, Handler] = {
    "StartWebAuthnRegistration": start_web_authn_registration,
    "CompleteWebAuthnRegistration": complete_web_authn_registration,
    "ListWebAuthnCredentials": list_web_authn_credentials,
    "DeleteWebAuthnCredential": delete_web_authn_credential,
}
