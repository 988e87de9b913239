"""The account hub and the pages a signed-in person changes their account on."""

from collections.abc import Callable
from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .. import flows, session
from ..forms import (
    PROFILE_FIELDS,
    DeleteAccountForm,
    EmailChangeForm,
    EmailCodeForm,
    PasswordChangeForm,
    ProfileForm,
)
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
from .common import posted
from .pages import bad_request


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
