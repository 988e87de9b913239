"""Sign-in's second step: a code (authenticator app, text, email), the choice of method, and
setting up an authenticator app while signing in."""

from functools import partial

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import flows, session
from ..account_forms import MfaCodeForm
from ..messages import refusal
from ..steps import (
    HtmxHttpRequest,
    credential_view,
    follow,
    refuse,
    render_form,
    render_page,
    run_flow,
)
from ..totp import setup_context
from .common import posted

MFA_CODE_LEADS = {
    "SOFTWARE_TOKEN_MFA": _lazy("Open your authenticator app and enter the code it shows."),
    "SMS_MFA": _lazy("Enter the code we texted you."),
    "EMAIL_OTP": _lazy("Enter the code we emailed you."),
}


@credential_view
def mfa_code(request: HtmxHttpRequest) -> HttpResponse:
    """A second step answered with a code: authenticator app, text message or email."""
    step, challenge = "mfa_code", flows.awaited_code(request)
    if not challenge:
        return redirect("auth_ui:sign_in")
    form = MfaCodeForm(posted(request))
    lead = MFA_CODE_LEADS[challenge]
    if not form.is_valid():
        return render_form(request, step, form, lead=lead)
    code = form.cleaned_data["code"]
    flow = partial(flows.answer_code, request, challenge=challenge, code=code)
    return run_flow(request, step, form, flow, lead=lead)


MFA_METHOD_NAMES = {
    "SOFTWARE_TOKEN_MFA": _lazy("Authenticator app"),
    "SMS_MFA": _lazy("Text message"),
    "EMAIL_OTP": _lazy("Email"),
}


@credential_view
def mfa_choose(request: HtmxHttpRequest) -> HttpResponse:
    """SELECT_MFA_TYPE: one button per method Cognito offers."""
    choices = [
        (m, MFA_METHOD_NAMES[m]) for m in flows.mfa_choices(request) if m in MFA_METHOD_NAMES
    ]
    if not flows.awaits(request, "SELECT_MFA_TYPE") or not choices:
        return redirect("auth_ui:sign_in")
    context = {"title": _("Two-step verification"), "choices": choices}
    if request.method == "POST":
        try:
            return follow(request, flows.choose_mfa(request, method=request.POST.get("method", "")))
        except flows.AuthError as error:
            shown = refusal(error.code)
            context["problem"] = shown.message
            return render_page(request, "auth/mfa_choose.html", context, status=shown.status)
    return render_page(request, "auth/mfa_choose.html", context)


@credential_view
def mfa_setup(request: HtmxHttpRequest) -> HttpResponse:
    """MFA_SETUP: an authenticator app set up in the middle of signing in (or, where the pool
    allows it, email codes instead)."""
    if not flows.awaits(request, "MFA_SETUP"):
        return redirect("auth_ui:sign_in")
    step = "mfa_setup_or_email" if flows.can_set_up_email(request) else "mfa_setup"
    action = request.POST.get("action", "")
    form = MfaCodeForm(posted(request) if action != "other" else None)
    if action == "other" and step == "mfa_setup_or_email":
        return run_flow(request, step, form, partial(flows.set_up_email, request))
    try:
        secret = flows.start_totp_setup(request)
    except flows.AuthError as error:
        return refuse(request, step, form, error)
    totp = setup_context(secret, session.pending_sign_in(request).challenge.username)
    if not form.is_valid():
        return render_form(request, step, form, totp=totp)
    flow = partial(flows.finish_totp_setup, request, code=form.cleaned_data["code"])
    return run_flow(request, step, form, flow, totp=totp)
