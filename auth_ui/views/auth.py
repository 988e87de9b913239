"""Signing up, confirming, signing in, a new password, recovering a password, signing out."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST, require_safe

from .. import flows, session
from ..forms import (
    ConfirmForm,
    ForgotPasswordForm,
    NewPasswordForm,
    ResetPasswordForm,
    SignInForm,
    SignUpForm,
)
from ..next_url import requested_next, safe_next_url
from ..steps import (
    HtmxHttpRequest,
    credential_view,
    render_form,
    run_flow,
)
from .common import code_step_form, posted


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return redirect("auth_ui:account")


@credential_view
def sign_up(request: HtmxHttpRequest) -> HttpResponse:
    step, next_url = "sign_up", requested_next(request)
    form = SignUpForm(posted(request))
    form.fields["password"].help_text = flows.policy_text()
    if not form.is_valid():
        return render_form(request, step, form, next=next_url)
    flow = partial(
        flows.sign_up,
        request,
        username=form.cognito_username,
        email=form.cleaned_data["email"],
        password=form.cleaned_data["password"],
        next_url=next_url,
    )
    return run_flow(request, step, form, flow, next=next_url)


@credential_view
def confirm(request: HtmxHttpRequest) -> HttpResponse:
    step = "confirm"
    form = code_step_form(request, ConfirmForm)
    if not form.is_valid():
        return render_form(request, step, form)
    username = form.cleaned_data["email"]
    if form.resend:
        flow = partial(flows.resend_confirmation_code, request, username=username)
    else:
        flow = partial(
            flows.confirm_sign_up, request, username=username, code=form.cleaned_data["code"]
        )
    return run_flow(request, step, form, flow)


@credential_view
def sign_in(request: HtmxHttpRequest) -> HttpResponse:
    step, next_url = "sign_in", requested_next(request)
    if request.method != "POST" and request.user.is_authenticated:
        return HttpResponseRedirect(safe_next_url(request, next_url))
    form = SignInForm(posted(request), initial={"email": session.remembered_email(request)})
    if not form.is_valid():
        return render_form(request, step, form, next=next_url)
    flow = partial(
        flows.sign_in,
        request,
        username=form.cleaned_data["email"],
        password=form.cleaned_data["password"],
        next_url=next_url,
    )
    return run_flow(request, step, form, flow, next=next_url)


@credential_view
def new_password(request: HtmxHttpRequest) -> HttpResponse:
    step, challenge = "new_password", "NEW_PASSWORD_REQUIRED"
    if not flows.awaits(request, challenge):
        return redirect("auth_ui:sign_in")
    form = NewPasswordForm(posted(request))
    if not form.is_valid():
        return render_form(request, step, form)
    responses = {"NEW_PASSWORD": form.cleaned_data["password"]}
    flow = partial(flows.answer_challenge, request, challenge=challenge, responses=responses)
    return run_flow(request, step, form, flow)


@credential_view
def password_forgot(request: HtmxHttpRequest) -> HttpResponse:
    step = "password_forgot"
    form = ForgotPasswordForm(posted(request), initial={"email": session.remembered_email(request)})
    if not form.is_valid():
        return render_form(request, step, form)
    flow = partial(flows.send_reset_code, request, username=form.cleaned_data["email"])
    return run_flow(request, step, form, flow)


@credential_view
def password_reset(request: HtmxHttpRequest) -> HttpResponse:
    step = "password_reset"
    form = code_step_form(request, ResetPasswordForm)
    form.fields["password"].help_text = flows.policy_text()
    if not form.is_valid():
        return render_form(request, step, form)
    username, data = form.cleaned_data["email"], form.cleaned_data
    if form.resend:
        flow = partial(flows.send_reset_code, request, username=username, again=True)
    else:
        flow = partial(
            flows.reset_password,
            request,
            username=username,
            code=data["code"],
            password=data["password"],
        )
    return run_flow(request, step, form, flow)


@require_POST
@csrf_protect
def sign_out(request: HttpRequest) -> HttpResponse:
    flows.sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("auth_ui:sign_in")
