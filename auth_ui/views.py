"""One view per step: read the form, call one flow, render its outcome (or its refusal).

Each renders its whole page, or only the `card` partial for htmx. Views never import the gateway.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST, require_safe

from . import flows, session, stub_outbox
from .forms import (
    PROFILE_FIELDS,
    AuthForm,
    ConfirmForm,
    DeleteAccountForm,
    EmailChangeForm,
    EmailCodeForm,
    ForgotPasswordForm,
    MfaCodeForm,
    NewPasswordForm,
    PasswordChangeForm,
    ProfileForm,
    ResetPasswordForm,
    SignInForm,
    SignUpForm,
)
from .messages import refusal
from .next_url import requested_next, safe_next_url
from .steps import (
    HtmxHttpRequest,
    credential_view,
    follow,
    refuse,
    render_form,
    render_page,
    run_flow,
)
from .totp import setup_context


def posted(request: HttpRequest) -> dict[str, Any] | None:
    return request.POST if request.method == "POST" else None


def code_step_form(request: HttpRequest, form_class: type[AuthForm]) -> AuthForm:
    """A step that takes an emailed code, or (its second button) sends another one."""
    return form_class(
        posted(request),
        initial={"email": session.remembered_email(request)},
        resend=request.POST.get("action") == "resend",
    )


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
    """MFA_SETUP: an authenticator app set up in the middle of signing in."""
    step = "mfa_setup"
    if not flows.awaits(request, "MFA_SETUP"):
        return redirect("auth_ui:sign_in")
    form = MfaCodeForm(posted(request))
    try:
        secret = flows.start_totp_setup(request)
    except flows.AuthError as error:
        return refuse(request, step, form, error)
    totp = setup_context(secret, session.pending_sign_in(request).challenge.username)
    if not form.is_valid():
        return render_form(request, step, form, totp=totp)
    flow = partial(flows.finish_totp_setup, request, code=form.cleaned_data["code"])
    return run_flow(request, step, form, flow, totp=totp)


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


def account_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An account page: a credential view for the signed-in only."""
    return credential_view(login_required(view))


@account_view
def account(request: HtmxHttpRequest) -> HttpResponse:
    """The hub: what Cognito has, each section's action; POST signs out everywhere."""
    if request.method == "POST":
        if request.POST.get("action") != "sign_out_everywhere":
            return bad_request(request)
        try:
            return follow(request, flows.account.sign_out_everywhere(request))
        except flows.AuthError as error:
            return account_page(request, problem=error)
    return account_page(request)


def account_page(request: HtmxHttpRequest, problem: flows.AuthError | None = None):
    try:
        details = flows.account.account(request)
    except flows.AuthError as error:
        if error.code == "SessionEnded":
            return follow(request, flows.sign_in_again(request))
        details, problem = None, problem or error
    context = {
        "title": _("Your account"),
        "account": details,
        "profile_fields": profile_rows(details),
        "problem": refusal(problem.code).message if problem else None,
    }
    return render_page(request, "auth/account.html", context, status=problem_status(problem))


def profile_rows(details) -> list[tuple[str, str]]:
    if details is None:
        return []
    return [(PROFILE_FIELDS[name][0], value) for name, value in details.profile.items()]


def problem_status(problem: flows.AuthError | None) -> int:
    return refusal(problem.code).status if problem else 200


@account_view
def account_profile(request: HtmxHttpRequest) -> HttpResponse:
    step = "account_profile"
    try:
        before = flows.account.account(request).profile
    except flows.AuthError as error:
        return refuse(request, step, ProfileForm(), error)
    form = ProfileForm(posted(request), initial=before)
    if not form.is_valid() or request.method != "POST":
        return render_form(request, step, form)
    flow = partial(flows.account.save_profile, request, values=form.cleaned_data, before=before)
    return run_flow(request, step, form, flow)


@account_view
def account_email(request: HtmxHttpRequest) -> HttpResponse:
    """ "New email" then, once a code is on its way, "Verification code" on the same URL."""
    if session.pending_email_change(request):
        return account_email_code(request)
    step = "account_email"
    form = EmailChangeForm(posted(request))
    if request.POST.get("action") == "verify_current":
        return run_flow(request, step, form, partial(flows.account.verify_current_email, request))
    if not form.is_valid():
        return render_form(request, step, form, current_email=request.user.email)
    flow = partial(flows.account.change_email, request, new_email=form.cleaned_data["email"])
    return run_flow(request, step, form, flow, current_email=request.user.email)


def account_email_code(request: HtmxHttpRequest) -> HttpResponse:
    step, action = "account_email_code", request.POST.get("action", "")
    form = EmailCodeForm(posted(request), action=action)
    pending = {"pending_email": session.pending_email_change(request)}
    if not form.is_valid():
        return render_form(request, step, form, **pending)
    if action == "resend":
        flow = partial(flows.account.resend_email_code, request)
    elif action == "restart":
        flow = partial(flows.account.start_email_change_over, request)
    else:
        flow = partial(flows.account.verify_email, request, code=form.cleaned_data["code"])
    return run_flow(request, step, form, flow, **pending)


@account_view
def account_password(request: HtmxHttpRequest) -> HttpResponse:
    step = "account_password"
    form = PasswordChangeForm(posted(request))
    form.fields["password"].help_text = flows.policy_text()
    if not form.is_valid():
        return render_form(request, step, form)
    data = form.cleaned_data
    flow = partial(
        flows.account.change_password,
        request,
        current=data["current_password"],
        new=data["password"],
    )
    return run_flow(request, step, form, flow)


@account_view
def account_delete(request: HtmxHttpRequest) -> HttpResponse:
    step = "account_delete"
    form = DeleteAccountForm(posted(request))
    if not form.is_valid():
        return render_form(request, step, form)
    flow = partial(flows.account.delete_account, request, confirm_email=form.cleaned_data["email"])
    return run_flow(request, step, form, flow)


@require_safe
def dev_mailbox(request: HttpRequest) -> HttpResponse:
    """The codes the local stub "sent", so a person can finish sign-up without email."""
    if not stub_outbox.in_use():
        raise Http404
    return render(
        request,
        "dev/mailbox.html",
        {"title": _("Dev mailbox"), "outbox": stub_outbox.read(settings.COGNITO_ENDPOINT_URL)},
    )


def problem(request: HttpRequest, explanation: str, *, status: int) -> HttpResponse:
    context = {"title": _("Please try again"), "explanation": explanation}
    return render(request, "auth/problem.html", context, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    explanation = _(
        "This form had expired, for your security. Go back, reload the page and send it again."
    )
    return problem(request, explanation, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    explanation = _(
        "Your browser sent something this site couldn't read. Reload the page and try again."
    )
    return problem(request, explanation, status=400)
