"""The one presentation table: each error code's field, plain translatable words and status.

The gateway (`auth_ui.cognito`) and the flows only name what went wrong; this says it to a
person. AWS's own message text never reaches a page.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

UNPROCESSABLE = 422
TOO_MANY_REQUESTS = 429
SERVICE_UNAVAILABLE = 503


@dataclass(frozen=True)
class Refusal:
    field: str | None  # None: the alert at the top of the form
    message: Promise
    status: int = UNPROCESSABLE


INCORRECT_CREDENTIALS = _("Incorrect email or password.")
WRONG_CODE = _("That code isn't right. Check the latest email we sent you and try again.")
UNAVAILABLE = _("The sign-in service is unavailable right now. Please try again in a moment.")
WAIT_AND_RETRY = _("Too many attempts. Please wait a few minutes, then try again.")
ACCOUNT_EXISTS = _("An account with this email already exists. Sign in, or reset your password.")
# Shown in place of InvalidPasswordException's by the step, with the pool's actual policy.
POLICY_NOT_MET = _("This password doesn't meet the requirements.")

REFUSALS: dict[str, Refusal] = {
    # One message for both, so nobody can probe which emails have accounts.
    "NotAuthorizedException": Refusal(None, INCORRECT_CREDENTIALS),
    "UserNotFoundException": Refusal(None, INCORRECT_CREDENTIALS),
    "PasswordAttemptsExceeded": Refusal(None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "SessionExpired": Refusal(None, _("This sign-in took too long. Please sign in again.")),
    "AlreadyConfirmed": Refusal(None, WRONG_CODE),
    "UsernameExistsException": Refusal("email", ACCOUNT_EXISTS),
    "AliasExistsException": Refusal("email", ACCOUNT_EXISTS),
    "InvalidPasswordException": Refusal("password", POLICY_NOT_MET),
    "InvalidParameterException": Refusal(
        None, _("Some of the details aren't valid. Check them and try again.")
    ),
    "CodeMismatchException": Refusal("code", WRONG_CODE),
    "ExpiredCodeException": Refusal(
        "code", _("This code has expired. Use “Resend code” to get a new one.")
    ),
    "LimitExceededException": Refusal(None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    # This site's own limits (auth_ui.ratelimit), in front of Cognito's.
    "RateLimited": Refusal(None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "TooManyFailedAttemptsException": Refusal(None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "TooManyRequestsException": Refusal(
        None,
        _("We're receiving too many requests right now. Please wait a moment and try again."),
        TOO_MANY_REQUESTS,
    ),
    "UserNotConfirmedException": Refusal(
        None, _("Confirm your email address first: enter the code we sent you.")
    ),
    "PasswordResetRequiredException": Refusal(
        None, _("You need to set a new password before you can sign in.")
    ),
    "CodeDeliveryFailureException": Refusal(
        "email", _("We couldn't send a code to this email address. Check it and try again.")
    ),
    "UserLambdaValidationException": Refusal(
        None, _("We couldn't accept these details. Check them and try again.")
    ),
    "UnsupportedChallenge": Refusal(
        None, _("This account needs a sign-in step this site doesn't support yet.")
    ),
    "InvalidIdToken": Refusal(
        None, _("We couldn't verify this sign-in. Please sign in again."), UNPROCESSABLE
    ),
    # A signed-in person's session that Cognito no longer takes (the view sends them to sign in).
    "SessionEnded": Refusal(None, _("Your session has ended. Please sign in again.")),
    "AccessTokenExpired": Refusal(None, _("Your session has ended. Please sign in again.")),
    "ConfirmationMismatch": Refusal(
        "email", _("Type the email address of this account to confirm.")
    ),
    # Two-step verification settings (auth_ui.flows.mfa).
    "MfaRequired": Refusal(
        None, _("This site requires two-step verification: keep at least one method on.")
    ),
    "MfaNotOffered": Refusal(None, _("This site doesn't offer that method.")),
    "PhoneNotVerified": Refusal(None, _("Add and verify a phone number first.")),
    "EmailNotVerified": Refusal(None, _("Verify your email address first.")),
    "AppNotSetUp": Refusal(None, _("Set up an authenticator app first.")),
    # VerifySoftwareToken's answer to a wrong first code (the steps that ask say it their way).
    "EnableSoftwareTokenMFAException": Refusal("code", WRONG_CODE),
    "InvalidLambdaResponseException": Refusal(None, UNAVAILABLE, SERVICE_UNAVAILABLE),
    "InternalErrorException": Refusal(None, UNAVAILABLE, SERVICE_UNAVAILABLE),
    "ServiceUnavailable": Refusal(None, UNAVAILABLE, SERVICE_UNAVAILABLE),
}


def refusal(code: str) -> Refusal:
    """How to show `code`; a code nobody described reads as "unavailable", never as AWS's."""
    return REFUSALS.get(code, REFUSALS["ServiceUnavailable"])
