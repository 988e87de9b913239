"""Helpers for the USER_AUTH (choice-based sign-in) contract tests."""

from __future__ import annotations

from cognito_stub import APP_CLIENT_ID, USER_POOL_ID

ALL_FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
INVALID_CODE = "Invalid code or auth state for the user."


def user_auth(cognito, username: str, preferred: str | None = None, **auth: str) -> dict:
    """InitiateAuth USER_AUTH with USERNAME (and PREFERRED_CHALLENGE, and any other
    AuthParameters, e.g. PASSWORD=...)."""
    parameters = {"USERNAME": username, **auth}
    if preferred:
        parameters["PREFERRED_CHALLENGE"] = preferred
    return cognito.initiate_auth(
        ClientId=APP_CLIENT_ID, AuthFlow="USER_AUTH", AuthParameters=parameters
    )


def respond(cognito, challenge: dict, username: str, name: str | None = None, **responses):
    """RespondToAuthChallenge to `challenge` (as `name`, default its own ChallengeName)."""
    return cognito.respond_to_auth_challenge(
        ClientId=APP_CLIENT_ID,
        ChallengeName=name or challenge["ChallengeName"],
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": username, **responses},
    )


def set_first_factors(admin, factors: list[str], pool_id: str = USER_POOL_ID) -> None:
    """UpdateUserPool with this sign-in policy (and the seeded pool's password policy)."""
    admin.update_user_pool(
        UserPoolId=pool_id,
        AutoVerifiedAttributes=["email", "phone_number"],
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": factors}},
    )


def shape(answer: dict) -> tuple:
    """What a client can compare between two answers: the challenge, its parameter names, the
    choices offered, and whether there is a session and tokens."""
    return (
        answer.get("ChallengeName"),
        sorted(answer.get("ChallengeParameters") or {}),
        answer.get("AvailableChallenges"),
        "Session" in answer,
        "AuthenticationResult" in answer,
    )
