"""A signed-in person's passkeys: list them, add one (Cognito's options to the browser, the
browser's answer back to Cognito), remove one; and the one-time offer of a passkey after a sign-in
with a password or a code. Offered only where the pool allows passkey sign-in and this page can
use one (flows.passwordless.other_ways)."""

import json

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito
from ..cognito import passkeys as cognito_passkeys
from ..models import CognitoIdentity
from ..next_url import safe_next_url
from .account import with_access_token
from .outcome import Outcome
from .passwordless import other_ways

# Cognito refuses a registration it can't check (an expired challenge, another site's origin):
# to the person, the passkey just wasn't added.
NOT_ADDED = {
    "WebAuthnChallengeNotFoundException",
    "WebAuthnClientMismatchException",
    "WebAuthnCredentialNotSupportedException",
    "WebAuthnOriginNotAllowedException",
    "WebAuthnRelyingPartyMismatchException",
    "InvalidParameterException",
    "NotAuthorizedException",
}


def offered(request: HttpRequest) -> bool:
    return "WEB_AUTHN" in other_ways(request)


def listed(request: HttpRequest) -> list[cognito_passkeys.Passkey]:
    return with_access_token(
        request, lambda token: cognito_passkeys.list_passkeys(access_token=token)
    )


def start_adding(request: HttpRequest) -> dict:
    """The options for `navigator.credentials.create` (a fresh challenge from Cognito)."""
    return with_access_token(
        request, lambda token: cognito_passkeys.start_registration(access_token=token)
    )


@sensitive_variables("credential")
def finish_adding(request: HttpRequest, *, credential: str, next_url: str = "") -> Outcome:
    """Cognito checks and keeps the new passkey; then `next_url` (checked), else the security
    page."""
    try:
        parsed = json.loads(credential)
    except ValueError:
        raise cognito.AuthError("PasskeyNotAdded") from None
    if not isinstance(parsed, dict):
        raise cognito.AuthError("PasskeyNotAdded")
    try:
        with_access_token(
            request,
            lambda token: cognito_passkeys.complete_registration(
                access_token=token, credential=parsed
            ),
        )
    except cognito.AuthError as error:
        if error.code in NOT_ADDED:
            raise cognito.AuthError("PasskeyNotAdded") from None
        raise
    answer_offer(request)
    notice = _("Passkey added. Next time, sign in with it instead of a password.")
    url = safe_next_url(request, next_url) if next_url else reverse("auth_ui:account_security")
    return Outcome(url, notice, messages.SUCCESS, done=True)


def remove(request: HttpRequest, *, credential_id: str) -> Outcome:
    with_access_token(
        request,
        lambda token: cognito_passkeys.delete_passkey(
            access_token=token, credential_id=credential_id
        ),
    )
    notice = _("Passkey removed. It can no longer sign you in.")
    return Outcome(reverse("auth_ui:account_security"), notice, messages.SUCCESS, done=True)


# --- the offer after signing in ---------------------------------------------------------------


def should_offer(request: HttpRequest) -> bool:
    """Once per person: after a sign-in with a password or a code, where passkeys work here,
    to someone who has none and hasn't answered the offer."""
    identity = CognitoIdentity.objects.filter(user_id=request.user.pk).first()
    if identity is None or identity.passkey_offer_answered or not offered(request):
        return False
    try:
        return not listed(request)
    except cognito.AuthError:
        return False


def answer_offer(request: HttpRequest) -> None:
    """ "Add a passkey" or "Not now": either way, the offer isn't made again."""
    CognitoIdentity.objects.filter(user_id=request.user.pk).update(passkey_offer_answered=True)
