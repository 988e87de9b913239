"""The pool's MFA configuration: SetUserPoolMfaConfig, GetUserPoolMfaConfig, and the
MfaConfiguration in DescribeUserPool (the stub keeps it; moto's pool never acts on it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..mfa import PoolMfaConfig
from .common import required

if TYPE_CHECKING:
    from ..state import Handler, StubState


def _pool(state: StubState, params: dict[str, Any]) -> Any:
    return bridge.describe_pool(state.backend, required(params, "UserPoolId"))


def set_user_pool_mfa_config(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool = _pool(state, params)
    config = PoolMfaConfig.from_request(params)
    state.pool_mfa.set(bridge.pool_id(pool), config)
    return config.to_json()


def get_user_pool_mfa_config(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    return state.pool_mfa_config(_pool(state, params)).to_json()


def describe_user_pool(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """moto's answer, with the MfaConfiguration the stub keeps."""
    pool = _pool(state, params)
    answer = bridge.moto_answer("DescribeUserPool", params)
    answer["UserPool"]["MfaConfiguration"] = state.pool_mfa_config(pool).mode
    return answer


HANDLERS: dict[str, Handler] = {
    "SetUserPoolMfaConfig": set_user_pool_mfa_config,
    "GetUserPoolMfaConfig": get_user_pool_mfa_config,
    "DescribeUserPool": describe_user_pool,
}
