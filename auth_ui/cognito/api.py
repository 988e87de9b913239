"""Cognito's user-pool operations, one keyword-only function each, returning typed results.

Every boto3 failure leaves this module as an `AuthError` classified in `errors.py`.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.views.decorators.debug import sensitive_variables

from .client import call, cognito_settings, secret_hash
from .errors import AuthError
from .srp import SrpClient

POLICY_CACHE_SECONDS = 3600
# Answers that would tell an unknown, unverified, confirmed or admin-created account from a
# real one waiting for its code: Cognito with PreventUserExistenceErrors says "sent" for those.
SILENT_SEND_CODE_ERRORS = {
    "UserNotFoundException",
    "NotAuthorizedException",
    "InvalidParameterException",
}


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(frozen=True)
class Challenge:
    name: str
    session: str
    username: str
    parameters: dict[str, str]


def _client_id() -> str:
    return cognito_settings().app_client_id


def _destination(response: dict[str, Any]) -> str:
    return response.get("CodeDeliveryDetails", {}).get("Destination", "")


def _secret_param(username: str) -> dict[str, str]:
    hashed = secret_hash(username)
    return {"SECRET_HASH": hashed["SecretHash"]} if hashed else {}


@sensitive_variables()
def sign_up(*, username: str, email: str, password: str = "") -> str:
    """Register the person (without a password where the pool lets them sign in with codes or
    passkeys); returns where the confirmation code went (masked by Cognito)."""
    response = call(
        "sign_up",
        ClientId=_client_id(),
        Username=username,
        **({"Password": password} if password else {}),
        UserAttributes=[{"Name": "email", "Value": email}],
        **secret_hash(username),
    )
    return _destination(response)


def confirm_sign_up(*, username: str, code: str) -> str:
    """Confirm the email; returns the session Cognito gives for signing straight in (USER_AUTH),
    or "" """
    response = call(
        "confirm_sign_up",
        ClientId=_client_id(),
        Username=username,
        ConfirmationCode=code,
        **secret_hash(username),
    )
    return response.get("Session", "")


def admin_confirm_sign_up(*, username: str) -> None:
    call("admin_confirm_sign_up", UserPoolId=cognito_settings().user_pool_id, Username=username)


def resend_confirmation_code(*, username: str) -> None:
    """Send a fresh code. Unknown or already confirmed accounts look sent, as Cognito makes
    unknown ones look with PreventUserExistenceErrors."""
    try:
        call(
            "resend_confirmation_code",
            ClientId=_client_id(),
            Username=username,
            **secret_hash(username),
        )
    except AuthError as error:
        if error.code not in SILENT_SEND_CODE_ERRORS:
            raise


@sensitive_variables()
def _tokens_or_challenge(response: dict[str, Any], username: str) -> Tokens | Challenge:
    if "ChallengeName" in response:
        return Challenge(
            name=response["ChallengeName"],
            session=response.get("Session", ""),
            username=username,
            parameters=response.get("ChallengeParameters", {}),
        )
    result = response["AuthenticationResult"]
    return Tokens(
        id_token=result["IdToken"],
        access_token=result["AccessToken"],
        refresh_token=result.get("RefreshToken", ""),
        expires_in=int(result.get("ExpiresIn", 3600)),
    )


@sensitive_variables()
def initiate_auth(*, username: str, password: str) -> Tokens | Challenge:
    """A password sign-in: sent to Cognito (USER_PASSWORD_AUTH), or proven to it without being
    sent (USER_SRP_AUTH, when COGNITO_SIGN_IN_FLOW is "srp")."""
    if settings.COGNITO_SIGN_IN_FLOW == "srp":
        return _srp_sign_in(username, password)
    if settings.COGNITO_SIGN_IN_FLOW == "choice":
        result = user_auth(username=username, preferred="PASSWORD", password=password)
        if isinstance(result, Challenge) and result.name == "SELECT_CHALLENGE":
            # No password on this account (it signs in with codes or passkeys): to the person,
            # and to anyone probing, that reads as any other wrong password.
            raise AuthError("NotAuthorizedException")
        return result
    response = call(
        "initiate_auth",
        ClientId=_client_id(),
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password, **_secret_param(username)},
    )
    return _tokens_or_challenge(response, username)


@sensitive_variables()
def user_auth(
    *, username: str, preferred: str = "", password: str = "", session: str = ""
) -> Tokens | Challenge:
    """InitiateAuth USER_AUTH (COGNITO_SIGN_IN_FLOW "choice"): the first factor `preferred`
    (PASSWORD with the password, EMAIL_OTP, SMS_OTP or WEB_AUTHN), or, with ConfirmSignUp's
    `session`, the sign-in that confirming the email allows."""
    parameters = {"USERNAME": username, **_secret_param(username)}
    if preferred:
        parameters["PREFERRED_CHALLENGE"] = preferred
    if password:
        parameters["PASSWORD"] = password
    response = call(
        "initiate_auth",
        ClientId=_client_id(),
        AuthFlow="USER_AUTH",
        AuthParameters=parameters,
        **({"Session": session} if session else {}),
    )
    return _tokens_or_challenge(response, username)


@sensitive_variables()
def _srp_sign_in(username: str, password: str) -> Tokens | Challenge:
    client = SrpClient.start()
    response = call(
        "initiate_auth",
        ClientId=_client_id(),
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": username, "SRP_A": client.srp_a, **_secret_param(username)},
    )
    if response.get("ChallengeName") != "PASSWORD_VERIFIER":
        return _tokens_or_challenge(response, username)
    parameters = response.get("ChallengeParameters", {})
    # Later answers (and their SECRET_HASH) name the user as Cognito does: its own username.
    cognito_username = parameters.get("USERNAME") or parameters["USER_ID_FOR_SRP"]
    claim = client.password_claim(
        pool_id=cognito_settings().user_pool_id,
        user_id=parameters["USER_ID_FOR_SRP"],
        password=password,
        salt_hex=parameters["SALT"],
        srp_b_hex=parameters["SRP_B"],
        secret_block=parameters["SECRET_BLOCK"],
    )
    session = {"Session": response["Session"]} if response.get("Session") else {}
    response = call(
        "respond_to_auth_challenge",
        ClientId=_client_id(),
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses={
            "USERNAME": cognito_username,
            **claim,
            **_secret_param(cognito_username),
        },
        **session,
    )
    return _tokens_or_challenge(response, cognito_username)


@sensitive_variables()
def refresh_tokens(*, refresh_token: str, username: str) -> Tokens:
    """New ID and access tokens; Cognito keeps the refresh token, so we keep ours too.

    `username` is Cognito's own (the ID token's `cognito:username`), which SECRET_HASH needs.
    """
    response = call(
        "initiate_auth",
        ClientId=_client_id(),
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": refresh_token, **_secret_param(username)},
    )
    result = response["AuthenticationResult"]
    return Tokens(
        id_token=result["IdToken"],
        access_token=result["AccessToken"],
        refresh_token=result.get("RefreshToken") or refresh_token,
        expires_in=int(result.get("ExpiresIn", 3600)),
    )


@sensitive_variables()
def respond_to_challenge(*, challenge: Challenge, responses: dict[str, str]) -> Tokens | Challenge:
    """Answer the challenge Cognito set (a new password, a code …): tokens, or the next one."""
    response = call(
        "respond_to_auth_challenge",
        ClientId=_client_id(),
        ChallengeName=challenge.name,
        Session=challenge.session,
        ChallengeResponses={
            "USERNAME": challenge.username,
            **responses,
            **_secret_param(challenge.username),
        },
    )
    return _tokens_or_challenge(response, challenge.username)


def forgot_password(*, username: str) -> None:
    """Send a reset code. Says nothing about whether the account exists, so neither do we."""
    try:
        call("forgot_password", ClientId=_client_id(), Username=username, **secret_hash(username))
    except AuthError as error:
        if error.code not in SILENT_SEND_CODE_ERRORS:
            raise


@sensitive_variables()
def confirm_forgot_password(*, username: str, code: str, password: str) -> None:
    call(
        "confirm_forgot_password",
        ClientId=_client_id(),
        Username=username,
        ConfirmationCode=code,
        Password=password,
        **secret_hash(username),
    )


@sensitive_variables()
def revoke_token(*, refresh_token: str) -> None:
    params: dict[str, str] = {"Token": refresh_token, "ClientId": _client_id()}
    if cognito_settings().app_client_secret:
        params["ClientSecret"] = cognito_settings().app_client_secret
    call("revoke_token", **params)


def password_policy() -> dict[str, Any]:
    """The pool's password policy (DescribeUserPool, cached); settings when it can't be read."""
    key = f"cognito:password-policy:{cognito_settings().user_pool_id}"
    policy = cache.get(key)
    if policy is None:
        try:
            pool = call("describe_user_pool", UserPoolId=cognito_settings().user_pool_id)
            policy = pool["UserPool"]["Policies"]["PasswordPolicy"]
        except AuthError:
            policy = settings.COGNITO_PASSWORD_POLICY
        cache.set(key, policy, POLICY_CACHE_SECONDS)
    return policy
