"""The one presentation table: each error code's field, plain translatable words and status.

The gateway (`auth_ui.cognito`) and the flows only name what went wrong; this says it to a
person. AWS's own message text never reaches a page.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

UNPROCESSABLE = 422
TOO_MANY_REQUESTS = 429
SERVICE_UNAVAILABLE = 503


@dataclass(frozen=True)
class Refusal:
    field: str | None  # None: the alert at the top of the form
    message: Promise
    status: int = UNPROCESSABLE
    # The message names `{sign_in}` and `{reset}`: links on, for the email typed.
    linked: bool = False


INCORRECT_CREDENTIALS = _("Incorrect email or password.")
WRONG_CODE = _("That code isn't right. Check the latest email we sent you and try again.")
UNAVAILABLE = _("The sign-in service is unavailable right now. Please try again in a moment.")
# Cognito's own limits don't say for how long; this site's do (see RETRY_IN).
WAIT_AND_RETRY = _("Too many attempts. Please wait a few minutes, then try again.")
ACCOUNT_EXISTS = _("An account with this email already exists. Sign in, or reset your password.")
# The same, with both ways on as links (`{sign_in}` and `{reset}` are URLs, escaped when used).
ACCOUNT_EXISTS_LINKED = _(
    "An account with this email already exists. "
    '<a class="link" href="{sign_in}">Sign in</a>, or '
    '<a class="link" href="{reset}">reset your password</a>.'
)
# A weak new password, under a field whose help text already states the policy (once is enough);
# where no help text states it, the step shows the pool's policy instead.
POLICY_NOT_MET = _("Choose a stronger password.")
TOO_BUSY = _("We're receiving too many requests right now. Try again in a few seconds.")

# What a form says of a field left empty or mistyped: the same voice as the refusals, never
# Django's generic "This field is required." (`%(limit_value)d`: the field's maximum length).
FIELD_ERRORS = {
    "email": {
        "required": _("Enter your email address."),
        "invalid": _("Enter an email address like name@example.com."),
        "max_length": _("Enter an email address of at most %(limit_value)d characters."),
    },
    "username": {
        "required": _("Enter your username."),
        "max_length": _("Enter a username of at most %(limit_value)d characters."),
    },
    "password": {
        "required": _("Enter your password."),
        "max_length": _("Use a password of at most %(limit_value)d characters."),
    },
    "new_password": {
        "required": _("Enter a new password."),
        "max_length": _("Use a password of at most %(limit_value)d characters."),
    },
    "password_confirm": {
        "required": _("Enter the new password again."),
        "max_length": _("Use a password of at most %(limit_value)d characters."),
    },
    "current_password": {
        "required": _("Enter your current password."),
        "max_length": _("Use a password of at most %(limit_value)d characters."),
    },
    "code": {
        "required": _("Enter the code we sent you."),
        "max_length": _("Enter the code exactly as we sent it."),
    },
    "app_code": {
        "required": _("Enter the code."),
        "max_length": _("Enter the code exactly as it is shown."),
    },
    "new_email": {
        "required": _("Enter the new email address."),
        "invalid": _("Enter an email address like name@example.com."),
        "max_length": _("Enter an email address of at most %(limit_value)d characters."),
    },
    "account_email": {
        "required": _("Type the email address of this account to confirm."),
        "invalid": _("Type the email address of this account to confirm."),
        "max_length": _("Type the email address of this account to confirm."),
    },
    "phone_number": {
        "required": _("Enter your phone number."),
        "max_length": _("Enter a phone number of at most %(limit_value)d characters."),
    },
    "profile": {
        "max_length": _("Use at most %(limit_value)d characters."),
    },
}

PASSKEY_NOT_ADDED = _("The passkey wasn't added. Please try again.")

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
    # Another code asked for within the cooldown after the last one (auth_ui.ratelimit).
    "CodeJustSent": Refusal(
        None,
        _("We just sent you a code. Wait a moment before asking for another."),
        TOO_MANY_REQUESTS,
    ),
    "TooManyFailedAttemptsException": Refusal(None, WAIT_AND_RETRY, TOO_MANY_REQUESTS),
    "TooManyRequestsException": Refusal(None, TOO_BUSY, TOO_MANY_REQUESTS),
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
    # Signing in without a password (auth_ui.flows.passwordless). The same words for an unknown
    # email as for an account without that way in.
    "EMAIL_OTPUnavailable": Refusal(
        None, _("We can't email a sign-in code to this account. Sign in another way.")
    ),
    "SMS_OTPUnavailable": Refusal(
        None, _("We can't text a sign-in code to this account. Sign in another way.")
    ),
    "NoPasskey": Refusal(
        None, _("There's no passkey we can use for this account. Sign in another way.")
    ),
    "PasskeyRefused": Refusal(
        None, _("That passkey didn't work. Try again, or sign in another way.")
    ),
    # Passkeys in account settings (auth_ui.flows.passkeys).
    "PasskeyNotAdded": Refusal(None, PASSKEY_NOT_ADDED),
    **{  # A registration Cognito couldn't check (expired, another site's, an unknown key type).
        code: Refusal(None, PASSKEY_NOT_ADDED)
        for code in (
            "WebAuthnChallengeNotFoundException",
            "WebAuthnClientMismatchException",
            "WebAuthnCredentialNotSupportedException",
            "WebAuthnOriginNotAllowedException",
            "WebAuthnRelyingPartyMismatchException",
        )
    },
    "WebAuthnNotEnabledException": Refusal(None, _("This site doesn't offer passkeys.")),
    "WebAuthnConfigurationMissingException": Refusal(None, _("This site doesn't offer passkeys.")),
    # VerifySoftwareToken's answer to a wrong first code (the steps that ask say it their way).
    "EnableSoftwareTokenMFAException": Refusal("code", WRONG_CODE),
    "InvalidLambdaResponseException": Refusal(None, UNAVAILABLE, SERVICE_UNAVAILABLE),
    "InternalErrorException": Refusal(None, UNAVAILABLE, SERVICE_UNAVAILABLE),
    "ServiceUnavailable": Refusal(None, UNAVAILABLE, SERVICE_UNAVAILABLE),
}


def refusal(code: str) -> Refusal:
    """How to show `code`; a code nobody described reads as "unavailable", never as AWS's."""
    return REFUSALS.get(code, REFUSALS["ServiceUnavailable"])


# This site's own limits know when they end: their words say so (`%(wait)s`: a `duration`).
RETRY_IN = {
    "RateLimited": _("Too many attempts. Try again in %(wait)s."),
    "CodeJustSent": _("We just sent you a code. You can ask for another in %(wait)s."),
}


def duration(seconds: int) -> str:
    """A wait in words: seconds under a minute, else whole minutes (rounded up)."""
    if seconds < 60:
        count = max(seconds, 1)
        return ngettext("%(count)d second", "%(count)d seconds", count) % {"count": count}
    count = -(-seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


def refusal_of(error) -> Refusal:
    """How to show an AuthError: its code's refusal, saying how long to wait when it knows."""
    shown = refusal(error.code)
    retry_after = getattr(error, "retry_after", None)
    if retry_after and error.code in RETRY_IN:
        message = RETRY_IN[error.code] % {"wait": duration(retry_after)}
        return Refusal(shown.field, message, shown.status)
    return shown


def linked(message, **urls: str):
    """`message` with its `{name}` placeholders filled by URLs, escaped: safe HTML."""
    return format_html(str(message), **urls)
