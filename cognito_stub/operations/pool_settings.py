"""The pool's settings as Cognito shows and changes them: DescribeUserPool (moto's answer, with
the MfaConfiguration the stub keeps and the sign-in policy's default) and UpdateUserPool
(moto's, keeping what only CreateUserPool sets; `Policies.SignInPolicy.AllowedFirstAuthFactors`
checked, and then what USER_AUTH offers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import invalid_parameter
from ..first_factors import FACTORS, parse_factors
from .common import named_pool

if TYPE_CHECKING:
    from ..state import Handler, StubState


def describe_user_pool(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool = named_pool(state, params)
    answer = bridge.moto_answer("DescribeUserPool", params)
    described = answer["UserPool"]
    described["MfaConfiguration"] = state.pool_mfa_config(pool).mode
    policies = described.setdefault("Policies", {})
    policies["SignInPolicy"] = {"AllowedFirstAuthFactors": list(bridge.first_auth_factors(pool))}
    return answer


def _check_sign_in_policy(params: dict[str, Any]) -> None:
    policy = (params.get("Policies") or {}).get("SignInPolicy")
    if policy is None:
        return
    factors = policy.get("AllowedFirstAuthFactors") if isinstance(policy, dict) else None
    try:
        parse_factors(factors if isinstance(factors, list) else [])
    except ValueError:
        raise invalid_parameter(
            f"1 validation error detected: Value '{factors}' at "
            "'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: "
            f"Member must have length greater than or equal to 1 and each member must satisfy "
            f"enum value set: [{', '.join(FACTORS)}]"
        ) from None


def update_user_pool(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool = named_pool(state, params)
    _check_sign_in_policy(params)
    bridge.update_pool(pool, params)
    return {}


HANDLERS: dict[str, Handler] = {
    "DescribeUserPool": describe_user_pool,
    "UpdateUserPool": update_user_pool,
}
