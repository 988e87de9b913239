"""What Cognito said, classified into one error code each. The gateway knows no wording.

`auth_ui.messages` turns each code into a field, plain words and an HTTP status. Codes are
Cognito's own (`CodeMismatchException` …), the `NotAuthorizedException` variants a person must
be told apart, and a few of this site's (`RateLimited`, `UnsupportedChallenge`, `InvalidIdToken`,
`ServiceUnavailable`).
"""

import logging

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

logger = logging.getLogger(__name__)


class AuthError(Exception):
    """A refusal, by Cognito or by this site, named by its code."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def __repr__(self) -> str:
        return f"AuthError({self.code!r})"


# Every code the gateway may answer with; anything else Cognito says reads as unavailable.
COGNITO_CODES = frozenset(
    {
        "AliasExistsException",
        "CodeDeliveryFailureException",
        "CodeMismatchException",
        "EnableSoftwareTokenMFAException",
        "ExpiredCodeException",
        "InternalErrorException",
        "InvalidLambdaResponseException",
        "InvalidParameterException",
        "InvalidPasswordException",
        "LimitExceededException",
        "NotAuthorizedException",
        "PasswordResetRequiredException",
        "TooManyFailedAttemptsException",
        "TooManyRequestsException",
        "UserLambdaValidationException",
        "UserNotConfirmedException",
        "UserNotFoundException",
        "UsernameExistsException",
        # Passkeys (StartWebAuthnRegistration, CompleteWebAuthnRegistration …).
        "WebAuthnChallengeNotFoundException",
        "WebAuthnClientMismatchException",
        "WebAuthnConfigurationMissingException",
        "WebAuthnCredentialNotSupportedException",
        "WebAuthnNotEnabledException",
        "WebAuthnOriginNotAllowedException",
        "WebAuthnRelyingPartyMismatchException",
    }
)

# Cognito reuses NotAuthorizedException for situations a person must be told apart.
NOT_AUTHORIZED_VARIANTS = {
    "Password attempts exceeded": "PasswordAttemptsExceeded",
    # Too many wrong MFA codes in one sign-in.
    "Too many invalid credentials attempts": "PasswordAttemptsExceeded",
    "User cannot be confirmed. Current status is CONFIRMED": "AlreadyConfirmed",
    "Invalid session for the user": "SessionExpired",
    # An access token Cognito no longer takes: the session is over (signed out everywhere,
    # deleted, disabled), or its hour is up (refresh it and try again).
    "Access Token has been revoked": "SessionEnded",
    "Invalid Access Token": "SessionEnded",
    "Access Token has expired": "AccessTokenExpired",
}

# On a step that takes an emailed code, whether the account exists (or is already confirmed,
# or disabled) must not show: those answers read as a wrong code.
CODE_STEP_OPERATIONS = {"confirm_sign_up", "confirm_forgot_password"}
MASKED_ON_CODE_STEPS = {"UserNotFoundException", "NotAuthorizedException", "AlreadyConfirmed"}

UNREACHABLE = (
    EndpointConnectionError,
    ConnectTimeoutError,
    ReadTimeoutError,
    ConnectionClosedError,
)


def classify(exc: Exception, *, operation: str) -> AuthError:
    """Whatever boto3 raised, as an AuthError; unknown failures read as `ServiceUnavailable`."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = _variant(error.get("Code", ""), error.get("Message", ""))
        if operation in CODE_STEP_OPERATIONS and code in MASKED_ON_CODE_STEPS:
            code = "CodeMismatchException"
        if code in COGNITO_CODES or code in NOT_AUTHORIZED_VARIANTS.values():
            return AuthError(code)
        logger.error("Cognito %s failed with unmapped error %s", operation, code)
    elif isinstance(exc, UNREACHABLE):
        logger.warning("Cognito %s unreachable: %s", operation, type(exc).__name__)
    elif isinstance(exc, BotoCoreError):
        logger.error("Cognito %s failed: %s", operation, type(exc).__name__)
    return AuthError("ServiceUnavailable")


def _variant(code: str, aws_message: str) -> str:
    if code != "NotAuthorizedException":
        return code
    return next((v for k, v in NOT_AUTHORIZED_VARIANTS.items() if aws_message.startswith(k)), code)
