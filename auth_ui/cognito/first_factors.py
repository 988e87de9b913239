"""Which first factors Cognito's choice-based sign-in (USER_AUTH, `api.user_auth`) offers here:
a password, an emailed or texted code, a passkey."""

from django.conf import settings
from django.core.cache import cache

from .client import call, cognito_settings
from .errors import AuthError

FIRST_FACTORS_CACHE_SECONDS = 3600
FIRST_FACTORS = ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")


def allowed_first_factors() -> tuple[str, ...]:
    """The pool's sign-in policy (DescribeUserPool, cached), or COGNITO_FIRST_FACTORS when it
    can't be read (no admin credentials)."""
    key = f"cognito:first-factors:{cognito_settings().user_pool_id}"
    factors = cache.get(key)
    if factors is None:
        try:
            pool = call("describe_user_pool", UserPoolId=cognito_settings().user_pool_id)
            policy = pool["UserPool"].get("Policies", {}).get("SignInPolicy", {})
            factors = policy.get("AllowedFirstAuthFactors") or ["PASSWORD"]
        except AuthError:
            factors = settings.COGNITO_FIRST_FACTORS
        factors = tuple(f for f in FIRST_FACTORS if f in factors)
        cache.set(key, factors, FIRST_FACTORS_CACHE_SECONDS)
    return factors
