"""A signed-in person's second step at sign-in: which methods are on, which is preferred, and
setting up an authenticator app."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito, session
from ..cognito import mfa as cognito_mfa
from ..cognito.mfa import EMAIL, SMS, TOTP, PoolMfa
from .account import current_user, with_access_token
from .outcome import Outcome


@dataclass(frozen=True)
class Security:
    pool: PoolMfa
    enabled: tuple[str, ...]
    preferred: str
    phone: str
    phone_verified: bool
    email_verified: bool

    def can_turn_off(self, method: str) -> bool:
        """Not the last method when the pool requires one."""
        return method in self.enabled and not (self.pool.required and len(self.enabled) == 1)


def security(request: HttpRequest) -> Security:
    user = current_user(request)
    return Security(
        pool=cognito_mfa.pool_mfa(),
        enabled=user.mfa_methods,
        preferred=user.preferred_mfa,
        phone=user.phone_number,
        phone_verified=user.phone_verified,
        email_verified=user.email_verified,
    )


@sensitive_variables()
def start_app_setup(request: HttpRequest) -> str:
    """A new authenticator app's secret (the same one until it is verified or abandoned)."""
    secret = session.pending_app_secret(request)
    if not secret:
        association = with_access_token(
            request, lambda token: cognito_mfa.associate_software_token(access_token=token)
        )
        secret = association.secret
        session.remember_app_secret(request, secret)
    return secret


@sensitive_variables("code")
def finish_app_setup(request: HttpRequest, *, code: str) -> Outcome:
    with_access_token(
        request, lambda token: cognito_mfa.verify_software_token(code=code, access_token=token)
    )
    session.clear_app_secret(request)
    current = security(request)
    _set(request, TOTP, enabled=True, preferred=not current.preferred)
    return _back(_("Your authenticator app is set up. You'll use it when you sign in."))


def turn_on(request: HttpRequest, *, method: str) -> Outcome:
    current = security(request)
    _check_offered(current, method)
    if method == SMS and not current.phone_verified:
        raise cognito.AuthError("PhoneNotVerified")
    if method == EMAIL and not current.email_verified:
        raise cognito.AuthError("EmailNotVerified")
    if method == TOTP and TOTP not in current.enabled:
        raise cognito.AuthError("AppNotSetUp")
    _set(request, method, enabled=True, preferred=not current.preferred)
    return _back(_("%(method)s is on.") % {"method": METHOD_NAMES[method]})


def turn_off(request: HttpRequest, *, method: str) -> Outcome:
    current = security(request)
    if not current.can_turn_off(method):
        raise cognito.AuthError("MfaRequired" if method in current.enabled else "MfaNotOffered")
    _set(request, method, enabled=False, preferred=False)
    return _back(_("%(method)s is off.") % {"method": METHOD_NAMES[method]})


def prefer(request: HttpRequest, *, method: str) -> Outcome:
    current = security(request)
    if method not in current.enabled:
        raise cognito.AuthError("MfaNotOffered")
    _set(request, method, enabled=True, preferred=True)
    return _back(_("You'll be asked for %(method)s first.") % {"method": METHOD_NAMES[method]})


METHOD_NAMES = {TOTP: _("Authenticator app"), SMS: _("Text message"), EMAIL: _("Email")}


def _check_offered(current: Security, method: str) -> None:
    if method not in current.pool.methods or current.pool.mode == "OFF":
        raise cognito.AuthError("MfaNotOffered")


def _set(request: HttpRequest, method: str, *, enabled: bool, preferred: bool) -> None:
    with_access_token(
        request,
        lambda token: cognito_mfa.set_mfa_preference(
            access_token=token, method=method, enabled=enabled, preferred=preferred
        ),
    )


def _back(notice: str) -> Outcome:
    return Outcome(reverse("auth_ui:account_security"), notice, messages.SUCCESS)
