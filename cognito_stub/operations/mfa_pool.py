"""The pool's MFA configuration: SetUserPoolMfaConfig and GetUserPoolMfaConfig (the stub keeps it;
moto's pool never acts on it), with the passkeys' WebAuthnConfiguration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..mfa import PoolMfaConfig
from ..passkeys import WebAuthnConfig
from .common import named_pool

if TYPE_CHECKING:
    from ..state import Handler, StubState


def _answer(state: StubState, pool_id: str, config: PoolMfaConfig) -> dict[str, Any]:
    webauthn = state.passkeys.config(pool_id).to_json()
    return {**config.to_json(), "WebAuthnConfiguration": webauthn}


def set_user_pool_mfa_config(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The MFA settings are replaced as a whole; the WebAuthnConfiguration only when given (the
    stub's choice: a call about MFA leaves passkeys alone)."""
    pool_id = bridge.pool_id(named_pool(state, params))
    config = PoolMfaConfig.from_request(params)
    webauthn = params.get("WebAuthnConfiguration")
    passkeys = WebAuthnConfig.from_request(webauthn) if webauthn is not None else None
    state.pool_mfa.set(pool_id, config)
    if passkeys is not None:
        state.passkeys.configure(pool_id, passkeys)
    return _answer(state, pool_id, config)


def get_user_pool_mfa_config(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool = named_pool(state, params)
    return _answer(state, bridge.pool_id(pool), state.pool_mfa_config(pool))


HANDLERS: dict[str, Handler] = {
    "SetUserPoolMfaConfig": set_user_pool_mfa_config,
    "GetUserPoolMfaConfig": get_user_pool_mfa_config,
}
