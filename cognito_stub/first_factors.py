"""Choice-based sign-in (USER_AUTH): the first factors a pool may allow
(`Policies.SignInPolicy.AllowedFirstAuthFactors`) and the challenges each one offers a user.

A factor is what the pool allows; a challenge is what USER_AUTH names in AvailableChallenges,
PREFERRED_CHALLENGE and ChallengeName: the PASSWORD factor offers two challenges (the password
itself, or SRP)."""

from __future__ import annotations

from collections.abc import Iterable

# Cognito's AuthFactorType values. SOFTWARE_TOKEN is accepted in a policy, never offered.
PASSWORD = "PASSWORD"  # noqa: S105 - a factor name
EMAIL_OTP = "EMAIL_OTP"
SMS_OTP = "SMS_OTP"
WEB_AUTHN = "WEB_AUTHN"
SOFTWARE_TOKEN = "SOFTWARE_TOKEN"  # noqa: S105 - a factor name
FACTORS = (PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN, SOFTWARE_TOKEN)

PASSWORD_SRP = "PASSWORD_SRP"  # noqa: S105 - a challenge name
# Each factor's challenges, in the order AvailableChallenges lists them.
CHALLENGES = {
    PASSWORD: (PASSWORD, PASSWORD_SRP),
    EMAIL_OTP: (EMAIL_OTP,),
    SMS_OTP: (SMS_OTP,),
    WEB_AUTHN: (WEB_AUTHN,),
}
FIRST_FACTOR_CHALLENGES = tuple(c for challenges in CHALLENGES.values() for c in challenges)

# A pool that never set a sign-in policy allows passwords only (Cognito's default); the
# stub's own pools allow every factor, so that passwordless and passkey sign-in work out of
# the box.
COGNITO_DEFAULT = (PASSWORD,)
STUB_DEFAULT = (PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN)


def parse_factors(value: str | Iterable[str]) -> tuple[str, ...]:
    """A list of factors (or "PASSWORD,EMAIL_OTP"), each known, at least one; ValueError
    naming the bad value otherwise."""
    names = value.split(",") if isinstance(value, str) else list(value)
    factors = tuple(dict.fromkeys(str(n).strip().upper() for n in names if str(n).strip()))
    unknown = [f for f in factors if f not in FACTORS]
    if unknown or not factors:
        raise ValueError(
            f"first factors must be one or more of {', '.join(FACTORS)} "
            f"(not {', '.join(unknown) or 'none'})"
        )
    return factors


def offered(allowed: Iterable[str], has: Iterable[str]) -> list[str]:
    """The challenges of the factors both the pool allows and the user `has`, in order."""
    usable = set(allowed) & set(has)
    return [c for factor, challenges in CHALLENGES.items() if factor in usable for c in challenges]
