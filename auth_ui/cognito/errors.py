"""The one table that turns Cognito's refusals into what a person reads.

AWS's own message text never reaches a page: each error code maps to a field (or None for the
top of the form), a plain, translatable message and the HTTP status the view answers with.
"""

import logging
from dataclasses import dataclass

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

UNPROCESSABLE = 422
TOO_MANY_REQUESTS = 429
SERVICE_UNAVAILABLE = 503


@dataclass(frozen=True)
class AuthError(Exception):
    code: str
    message: str | Promise
    field: str | None = None
    status: int = UNPROCESSABLE


WRONG_CREDENTIALS = _("Incorrect email or password.")
WRONG_CODE = _("That code isn't right. Check the latest email we sent you and try again.")
UNAVAILABLE = _("The sign-in service is unavailable right now. Please try again in a moment.")
WAIT_AND_RETRY = _("Too many attempts. Please wait a few minutes, then try again.")

MESSAGES: dict[str, tuple[str | None, str | Promise, int]] = {
    # One message for both, so nobody can probe which emails have accounts.
    "NotAuthorizedException": (None, WRONG_CREDENTIALS, UNPROCESSABLE),
    "UserNotFoundException": (None, WRONG_CREDENTIALS, UNPROCESSABLE),
    "PasswordAttemptsExceeded": (None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "SessionExpired": (
        None,
        _("This sign-in took too long. Please sign in again."),
        UNPROCESSABLE,
    ),
    "AlreadyConfirmed": (
        None,
        _("This account is already confirmed. Sign in with your email and password."),
        UNPROCESSABLE,
    ),
    "UsernameExistsException": (
        "email",
        _("An account with this email already exists. Sign in, or reset your password."),
        UNPROCESSABLE,
    ),
    "AliasExistsException": (
        "email",
        _("An account with this email already exists. Sign in, or reset your password."),
        UNPROCESSABLE,
    ),
    # The view replaces this message with the pool's actual policy.
    "InvalidPasswordException": (
        "password",
        _("This password doesn't meet the requirements."),
        UNPROCESSABLE,
    ),
    "InvalidParameterException": (
        None,
        _("Some of the details aren't valid. Check them and try again."),
        UNPROCESSABLE,
    ),
    "CodeMismatchException": ("code", WRONG_CODE, UNPROCESSABLE),
    "ExpiredCodeException": (
        "code",
        _("This code has expired. Use “Resend code” to get a new one."),
        UNPROCESSABLE,
    ),
    "LimitExceededException": (None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    # This site's own limits (auth_ui.ratelimit), in front of Cognito's.
    "RateLimited": (None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "TooManyFailedAttemptsException": (None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "TooManyRequestsException": (
        None,
        _("We're receiving too many requests right now. Please wait a moment and try again."),
        TOO_MANY_REQUESTS,
    ),
    "UserNotConfirmedException": (
        None,
        _("Confirm your email address first: enter the code we sent you."),
        UNPROCESSABLE,
    ),
    "PasswordResetRequiredException": (
        None,
        _("You need to set a new password before you can sign in."),
        UNPROCESSABLE,
    ),
    "CodeDeliveryFailureException": (
        "email",
        _("We couldn't send a code to this email address. Check it and try again."),
        UNPROCESSABLE,
    ),
    "InvalidLambdaResponseException": (None, UNAVAILABLE, SERVICE_UNAVAILABLE),
    "UserLambdaValidationException": (
        None,
        _("We couldn't accept these details. Check them and try again."),
        UNPROCESSABLE,
    ),
    "UnsupportedChallenge": (
        None,
        _("This account needs a sign-in step this site doesn't support yet."),
        UNPROCESSABLE,
    ),
    "InternalErrorException": (None, UNAVAILABLE, SERVICE_UNAVAILABLE),
    "ServiceUnavailable": (None, UNAVAILABLE, SERVICE_UNAVAILABLE),
}

# Cognito reuses NotAuthorizedException for situations a person must be told apart.
NOT_AUTHORIZED_VARIANTS = {
    "Password attempts exceeded": "PasswordAttemptsExceeded",
    "User cannot be confirmed. Current status is CONFIRMED": "AlreadyConfirmed",
    "Invalid session for the user": "SessionExpired",
}

# With PreventUserExistenceErrors off, Cognito names unknown users; a code step must not.
CODE_STEP_OPERATIONS = {"confirm_sign_up", "confirm_forgot_password"}


def auth_error(code: str) -> AuthError:
    field, message, status = MESSAGES.get(code, MESSAGES["ServiceUnavailable"])
    return AuthError(code=code, message=message, field=field, status=status)


def translate(exc: Exception, *, operation: str) -> AuthError:
    """Turn whatever boto3 raised into an AuthError; unknown failures read as 'unavailable'."""
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        aws_message = exc.response.get("Error", {}).get("Message", "")
        if code == "NotAuthorizedException":
            code = next(
                (v for k, v in NOT_AUTHORIZED_VARIANTS.items() if aws_message.startswith(k)), code
            )
        if code == "UserNotFoundException" and operation in CODE_STEP_OPERATIONS:
            code = "CodeMismatchException"
        if code not in MESSAGES:
            logger.error("Cognito %s failed with unmapped error %s", operation, code)
            return auth_error("ServiceUnavailable")
        return auth_error(code)
    if isinstance(
        exc,
        EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError | ConnectionClosedError,
    ):
        logger.warning("Cognito %s unreachable: %s", operation, type(exc).__name__)
    elif isinstance(exc, NoCredentialsError | BotoCoreError):
        logger.error("Cognito %s failed: %s", operation, type(exc).__name__)
    return auth_error("ServiceUnavailable")
