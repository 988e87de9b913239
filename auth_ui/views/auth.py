"""Signing up, confirming, signing in, a new password, recovering a password, signing out."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST, require_safe

from .. import flows, session
from ..forms import (
    ConfirmForm,
    ForgotPasswordForm,
    NewPasswordForm,
    ResetCodeForm,
    SignInForm,
    SignUpForm,
)
from ..next_url import requested_next, safe_next_url
from ..passwordless_forms import SignUpWithoutPasswordForm
from ..steps import (
    HtmxHttpRequest,
    credential_view,
    follow,
    go_to,
    refuse,
    render_form,
    run_flow,
)
from .common import code_step, code_step_form, initial_email, posted, signed_in_away
from .passwordless import sign_in_another_way


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return redirect("auth_ui:account")


@credential_view
def sign_up(request: HtmxHttpRequest) -> HttpResponse:
    step, next_url = "sign_up", requested_next(request)
    if away := signed_in_away(request):
        return away
    # "Create an account without a password" posts the same form with way=passwordless.
    without_password = request.POST.get("way") == "passwordless"
    form = (SignUpWithoutPasswordForm if without_password else SignUpForm)(posted(request))
    form.fields["password"].help_text = flows.policy_text()
    if not form.is_valid():
        return render_form(request, step, form, next=next_url)
    flow = partial(
        flows.sign_up,
        request,
        username=form.cognito_username,
        email=form.cleaned_data["email"],
        password=form.cleaned_data.get("password", ""),
        next_url=next_url,
    )
    return run_flow(request, step, form, flow, next=next_url)


@credential_view
def confirm(request: HtmxHttpRequest) -> HttpResponse:
    step = "confirm"
    if away := signed_in_away(request):
        return away
    if request.method != "POST" and (passed := flows.confirm_step_passed(request)):
        return go_to(request, passed)
    form = code_step_form(request, ConfirmForm)
    context = code_step(request, step, form, change_url=f"{request.path}?change=email")
    if not form.is_valid():
        return render_form(request, step, form, **context)
    username = form.cleaned_data["email"]
    if form.resend:
        flow = partial(flows.resend_confirmation_code, request, username=username)
    else:
        flow = partial(
            flows.confirm_sign_up, request, username=username, code=form.cleaned_data["code"]
        )
    return run_flow(request, step, form, flow, **context)


@credential_view
def sign_in(request: HtmxHttpRequest) -> HttpResponse:
    step, next_url = "sign_in", requested_next(request)
    if request.method != "POST" and request.user.is_authenticated:
        return HttpResponseRedirect(safe_next_url(request, next_url))
    if request.method == "POST" and "way" in request.POST:
        return sign_in_another_way(request, next_url)
    form = SignInForm(posted(request), initial={"email": initial_email(request)})
    if not form.is_valid():
        # Right after signing out, "Welcome back." would contradict "You have signed out."
        farewell = {"lead": None} if session.just_signed_out(request) else {}
        return render_form(request, step, form, next=next_url, **farewell)
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
    username = session.pending_sign_in(request).challenge.username
    form = NewPasswordForm(posted(request), initial={"username": username})
    form.fields["password"].help_text = flows.policy_text()
    if not form.is_valid():
        return render_form(request, step, form)
    responses = {"NEW_PASSWORD": form.cleaned_data["password"]}
    flow = partial(flows.answer_challenge, request, challenge=challenge, responses=responses)
    return run_flow(request, step, form, flow)


@credential_view
def password_forgot(request: HtmxHttpRequest) -> HttpResponse:
    step = "password_forgot"
    if away := signed_in_away(request):
        return away
    form = ForgotPasswordForm(posted(request), initial={"email": initial_email(request)})
    if not form.is_valid():
        return render_form(request, step, form)
    flow = partial(flows.send_reset_code, request, username=form.cleaned_data["email"])
    return run_flow(request, step, form, flow)


@credential_view
def password_reset(request: HtmxHttpRequest) -> HttpResponse:
    """The code, then (on the same URL, once a code is taken) the new password."""
    if away := signed_in_away(request):
        return away
    if flows.reset_code_taken(request):
        return password_reset_new(request)
    step = "password_reset"
    form = code_step_form(request, ResetCodeForm)
    context = reset_code_step(request, form)
    if not form.is_valid():
        return render_form(request, step, form, **context)
    username = form.cleaned_data["email"]
    if form.resend:
        flow = partial(flows.send_reset_code, request, username=username, again=True)
    else:
        code = form.cleaned_data["code"]
        flow = partial(flows.take_reset_code, request, username=username, code=code)
    return run_flow(request, step, form, flow, **context)


def password_reset_new(request: HtmxHttpRequest) -> HttpResponse:
    """The reset's second step. A refused code (wrong, expired, too many tries) comes back to
    the code step with the code field in error; the passwords typed are never sent back."""
    step, username = "password_reset_new", flows.reset_code_taken(request)
    form = NewPasswordForm(posted(request), initial={"username": username})
    form.fields["password"].help_text = flows.policy_text()
    if not form.is_valid():
        return render_form(request, step, form)
    try:
        outcome = flows.finish_password_reset(request, password=form.cleaned_data["password"])
    except flows.AuthError as error:
        if flows.reset_code_taken(request):
            return refuse(request, step, form, error)
        code_form = ResetCodeForm({"email": username, "code": ""}, resend=True)
        return refuse(
            request, "password_reset", code_form, error, **reset_code_step(request, code_form)
        )
    return follow(request, outcome)


def reset_code_step(request: HtmxHttpRequest, form: ResetCodeForm) -> dict:
    """The code step's address; "Change" starts over from "Reset your password" with it."""
    query = urlencode({"email": session.remembered_email(request)})
    change = f"{reverse('auth_ui:password_forgot')}?{query}"
    return code_step(request, "password_reset", form, change_url=change)


@require_POST
@csrf_protect
def sign_out(request: HttpRequest) -> HttpResponse:
    flows.sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("auth_ui:sign_in")
