"""One view per step. Each renders its whole page, or only the `card` partial for htmx."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_POST

from . import cognito, flows, ratelimit, session, stub_outbox
from .forms import (
    AuthForm,
    ConfirmForm,
    ForgotPasswordForm,
    NewPasswordForm,
    ResetPasswordForm,
    SignInForm,
    SignUpForm,
)
from .next_url import safe_next_url
from .steps import (
    HtmxHttpRequest,
    credential_view,
    go_to_step,
    policy_text,
    refuse,
    render_form,
    render_page,
)

# Answers that count as a failed sign-in for the rate limits.
WRONG_CREDENTIALS = {"NotAuthorizedException", "UserNotFoundException"}


def guard(request: HttpRequest, action: str, *, key: str = "") -> None:
    """Refuse, as Cognito would, an attempt past this site's own rate limits."""
    if not ratelimit.consume(request, action, key=key):
        raise cognito.auth_error("RateLimited")


def requested_next(request: HttpRequest) -> str:
    """Where the person was going: the form's or the URL's `next`, else the flow's remembered one.

    Checked by `safe_next_url` only where it is used; until then it is just a string.
    """
    return request.POST.get("next") or request.GET.get("next") or session.remembered_next(request)


def posted(request: HttpRequest) -> dict[str, Any] | None:
    return request.POST if request.method == "POST" else None


def code_step_form(request: HttpRequest, form_class: type[AuthForm]) -> AuthForm:
    """A step that takes an emailed code, or (its second button) sends another one."""
    return form_class(
        posted(request),
        initial={"email": session.remembered_email(request)},
        resend=request.POST.get("action") == "resend",
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("auth_ui:account")


@credential_view
def sign_up(request: HtmxHttpRequest) -> HttpResponse:
    step = "sign_up"
    next_url = requested_next(request)
    form = SignUpForm(posted(request))
    form.fields["password"].help_text = policy_text()
    if not form.is_valid():
        return render_form(request, step, form, next=next_url)
    username, email = form.cognito_username, form.cleaned_data["email"]
    try:
        guard(request, "sign_up")
        destination = cognito.sign_up(
            username=username, email=email, password=form.cleaned_data["password"]
        )
        if settings.COGNITO_AUTO_CONFIRM:
            cognito.admin_confirm_sign_up(username=username)
    except cognito.AuthError as error:
        return refuse(request, step, form, error, next=next_url)
    session.remember_email(request, username)
    session.remember_next(request, next_url)
    if settings.COGNITO_AUTO_CONFIRM:
        messages.success(request, _("Your account is ready. Sign in to continue."))
        return go_to_step(request, "auth_ui:sign_in")
    messages.info(
        request,
        _("We sent a verification code to %(destination)s. Enter it below.")
        % {"destination": destination or email},
    )
    return go_to_step(request, "auth_ui:confirm")


@credential_view
def confirm(request: HtmxHttpRequest) -> HttpResponse:
    step = "confirm"
    form = code_step_form(request, ConfirmForm)
    resend = form.resend
    if not form.is_valid():
        return render_form(request, step, form)
    username = form.cleaned_data["email"]
    session.remember_email(request, username)
    try:
        if resend:
            guard(request, "send_code", key=username)
            destination = cognito.resend_confirmation_code(username=username)
        else:
            cognito.confirm_sign_up(username=username, code=form.cleaned_data["code"])
    except cognito.AuthError as error:
        return refuse(request, step, form, error)
    if resend:
        messages.info(
            request,
            _("We sent a new code to %(destination)s.") % {"destination": destination or username},
        )
        return go_to_step(request, "auth_ui:confirm")
    messages.success(request, _("Your email is confirmed. Sign in to continue."))
    return go_to_step(request, "auth_ui:sign_in")


@credential_view
def sign_in(request: HtmxHttpRequest) -> HttpResponse:
    step = "sign_in"
    next_url = requested_next(request)
    if request.method == "GET" and request.user.is_authenticated:
        return redirect(safe_next_url(request, next_url))
    form = SignInForm(posted(request), initial={"email": session.remembered_email(request)})
    if not form.is_valid():
        return render_form(request, step, form, next=next_url)
    username = form.cleaned_data["email"]
    try:
        if ratelimit.is_limited(request, "sign_in_failed", key=username):
            raise cognito.auth_error("RateLimited")
        result = cognito.initiate_auth(username=username, password=form.cleaned_data["password"])
        if isinstance(result, cognito.Challenge):
            return challenge_step(request, result)
        flows.complete_sign_in(request, result)
    except cognito.AuthError as error:
        if error.code in WRONG_CREDENTIALS:
            ratelimit.hit(request, "sign_in_failed", key=username)
        if error.code == "UserNotConfirmedException":
            notice = _("Confirm your email first: we sent you a new code.")
            return detour(
                request, username, cognito.resend_confirmation_code, notice, "auth_ui:confirm"
            )
        if error.code == "PasswordResetRequiredException":
            notice = _("You need a new password: we sent a code to your email.")
            return detour(
                request, username, cognito.forgot_password, notice, "auth_ui:password_reset"
            )
        return refuse(request, step, form, error, next=next_url)
    session.pop_next(request)
    return redirect(safe_next_url(request, next_url))


def challenge_step(request: HtmxHttpRequest, challenge: cognito.Challenge) -> HttpResponse:
    if challenge.name != "NEW_PASSWORD_REQUIRED":
        raise cognito.auth_error("UnsupportedChallenge")
    session.store_challenge(request, challenge)
    session.remember_next(request, requested_next(request))
    messages.info(request, _("Choose a new password to finish signing in."))
    return go_to_step(request, "auth_ui:new_password")


def detour(
    request: HtmxHttpRequest, username: str, send_code: Callable[..., Any], notice, url_name: str
) -> HttpResponse:
    """Sign-in can't finish until the person uses a code: send one and take them there."""
    session.remember_email(request, username)
    try:
        guard(request, "send_code", key=username)
        send_code(username=username)
        messages.info(request, notice)
    except cognito.AuthError as error:
        messages.warning(request, error.message)
    return go_to_step(request, url_name)


@credential_view
def new_password(request: HtmxHttpRequest) -> HttpResponse:
    step = "new_password"
    challenge = session.stored_challenge(request)
    if challenge is None:
        return redirect("auth_ui:sign_in")
    form = NewPasswordForm(posted(request))
    if not form.is_valid():
        return render_form(request, step, form)
    try:
        result = cognito.respond_to_new_password(
            challenge=challenge, password=form.cleaned_data["password"]
        )
        if isinstance(result, cognito.Challenge):
            return challenge_step(request, result)
        flows.complete_sign_in(request, result)
    except cognito.AuthError as error:
        return refuse(request, step, form, error)
    session.clear_challenge(request)
    return redirect(safe_next_url(request, session.pop_next(request)))


@credential_view
def password_forgot(request: HtmxHttpRequest) -> HttpResponse:
    step = "password_forgot"
    form = ForgotPasswordForm(posted(request), initial={"email": session.remembered_email(request)})
    if not form.is_valid():
        return render_form(request, step, form)
    try:
        guard(request, "send_code", key=form.cleaned_data["email"])
        cognito.forgot_password(username=form.cleaned_data["email"])
    except cognito.AuthError as error:
        return refuse(request, step, form, error)
    session.remember_email(request, form.cleaned_data["email"])
    messages.info(
        request,
        _("If an account exists for %(email)s, we sent it a code. Enter it below.")
        % {"email": form.cleaned_data["email"]},
    )
    return go_to_step(request, "auth_ui:password_reset")


@credential_view
def password_reset(request: HtmxHttpRequest) -> HttpResponse:
    step = "password_reset"
    form = code_step_form(request, ResetPasswordForm)
    resend = form.resend
    form.fields["password"].help_text = policy_text()
    if not form.is_valid():
        return render_form(request, step, form)
    username = form.cleaned_data["email"]
    session.remember_email(request, username)
    try:
        if resend:
            guard(request, "send_code", key=username)
            cognito.forgot_password(username=username)
        else:
            cognito.confirm_forgot_password(
                username=username,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
            )
    except cognito.AuthError as error:
        return refuse(request, step, form, error)
    if resend:
        messages.info(
            request,
            _("If an account exists for %(email)s, we sent it a new code.") % {"email": username},
        )
        return go_to_step(request, "auth_ui:password_reset")
    messages.success(request, _("Your password has been changed. Sign in with it now."))
    return go_to_step(request, "auth_ui:sign_in")


@require_POST
@csrf_protect
def sign_out(request: HttpRequest) -> HttpResponse:
    flows.sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("auth_ui:sign_in")


@require_GET
@never_cache
@login_required
def account(request: HtmxHttpRequest) -> HttpResponse:
    return render_page(request, "auth/account.html", {"title": _("Your account")})


@require_GET
def dev_mailbox(request: HttpRequest) -> HttpResponse:
    """The codes the local stub "sent", so a person can finish sign-up without email."""
    if not stub_outbox.in_use():
        raise Http404
    return render(
        request,
        "dev/mailbox.html",
        {"title": _("Dev mailbox"), "outbox": stub_outbox.read(settings.COGNITO_ENDPOINT_URL)},
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "auth/csrf_failure.html", status=403)
