"""A signed-in person's own account: profile, email, password, sessions and deletion.

Every call is authorised by the session's access token. One whose hour is up is refreshed once
and the call tried again; one Cognito no longer takes (signed out everywhere, deleted) ends the
session: the view then sends the person to sign in, and back.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito, ratelimit, session, signed_out
from ..cognito import account as cognito_account
from ..models import CognitoIdentity
from .outcome import Outcome
from .password import check_new_password
from .session import keep_tokens_fresh, sync_email

T = TypeVar("T")


def PROFILE_ATTRIBUTES() -> list[str]:
    return settings.COGNITO_PROFILE_ATTRIBUTES


@dataclass(frozen=True)
class Account:
    """What the account page shows, as Cognito has it now."""

    email: str
    email_verified: bool
    pending_email: str  # an address waiting for its code; the old one signs in until then
    profile: dict[str, str]


@sensitive_variables()
def with_access_token(
    request: HttpRequest, operation: Callable[[str], T], *, checks_password: bool = False
) -> T:
    """`operation(access_token)`. Refused tokens raise AuthError("SessionEnded"), the session
    already ended. A NotAuthorizedException is a wrong password where the call checks one
    (`checks_password`), else the session's end too (a disabled user, a token for no one)."""
    for attempt in (1, 2):
        tokens = session.stored_tokens(request)
        if tokens is None:
            break
        try:
            return operation(tokens.access_token)
        except cognito.AuthError as error:
            code = error.code
            if code == "NotAuthorizedException" and not checks_password:
                code = "SessionEnded"
            if code == "AccessTokenExpired" and attempt == 1:
                keep_tokens_fresh(request, now=True)
                continue
            if code not in ("SessionEnded", "AccessTokenExpired"):
                raise
            break
    logout(request)
    raise cognito.AuthError("SessionEnded")


def current_user(request: HttpRequest) -> cognito_account.CognitoUser:
    """The signed-in person as Cognito has them now (GetUser)."""
    return with_access_token(request, lambda token: cognito_account.get_user(access_token=token))


def account(request: HttpRequest) -> Account:
    user = current_user(request)
    sync_email(request.user, user.email)
    pending = session.pending_attribute_change(request, "email")
    return Account(
        email=user.email,
        email_verified=user.email_verified,
        pending_email=pending if pending.lower() != user.email.lower() else "",
        profile={
            name: user.attributes.get(name, "") for name in settings.COGNITO_PROFILE_ATTRIBUTES
        },
    )


def save_profile(
    request: HttpRequest, *, values: dict[str, str], before: dict[str, str]
) -> Outcome:
    """Set what changed; an emptied attribute is deleted (Cognito keeps no empty values)."""
    changed = {name: value for name, value in values.items() if value and value != before.get(name)}
    emptied = [name for name, value in values.items() if not value and before.get(name)]
    if changed:
        with_access_token(
            request,
            lambda token: cognito_account.update_user_attributes(
                access_token=token, attributes=changed
            ),
        )
    if emptied:
        with_access_token(
            request,
            lambda token: cognito_account.delete_user_attributes(access_token=token, names=emptied),
        )
    return done(_("Your profile has been saved."))


@sensitive_variables("current", "new")
def change_password(request: HttpRequest, *, current: str, new: str) -> Outcome:
    check_new_password(new)
    usage = ratelimit.consume(request, "sign_in_failed", key=request.user.email)
    try:
        with_access_token(
            request,
            lambda token: cognito_account.change_password(
                access_token=token, previous=current, proposed=new
            ),
            checks_password=True,
        )
    except cognito.AuthError as error:
        if error.code != "NotAuthorizedException":
            usage.rollback()
        raise
    usage.rollback()
    return done(_("Your password has been changed."))


def sign_out_everywhere(request: HttpRequest) -> Outcome:
    """Cognito revokes every refresh token (other apps' too); this site ends every session of
    this person now, not an hour from now, by the mark the session middleware checks."""
    with_access_token(request, lambda token: cognito_account.global_sign_out(access_token=token))
    signed_out.mark(request.user.pk)
    logout(request)
    notice = _("You have signed out everywhere.")
    return Outcome(reverse("auth_ui:sign_in"), notice, messages.SUCCESS, done=True)


def delete_account(request: HttpRequest, *, confirm_email: str) -> Outcome:
    """Delete the Cognito user; the local one is kept but emptied (see `forget_user`)."""
    if confirm_email.strip().lower() != request.user.email.lower():
        raise cognito.AuthError("ConfirmationMismatch")
    with_access_token(request, lambda token: cognito_account.delete_user(access_token=token))
    forget_user(request.user)
    logout(request)
    notice = _("Your account has been deleted.")
    return Outcome(reverse("auth_ui:sign_in"), notice, messages.SUCCESS, done=True)


def forget_user(user) -> None:
    """Deactivate the local user and clear what identified the person. Not deleted: rows of
    this site that point at the user (orders, posts) keep working, with no cascade."""
    CognitoIdentity.objects.filter(user=user).delete()
    user.is_active = False
    user.email = user.first_name = user.last_name = ""
    user.username = f"deleted-{user.pk}"
    user.set_unusable_password()
    user.save()


def done(notice: str) -> Outcome:
    """Back to the account page, saying what changed."""
    return Outcome(reverse("auth_ui:account"), notice, messages.SUCCESS)
