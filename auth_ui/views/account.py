"""The account hub and the pages a signed-in person changes their account on."""

from collections.abc import Callable
from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .. import flows, session
from ..account_forms import (
    PROFILE_FIELDS,
    AttributeCodeForm,
    DeleteAccountForm,
    EmailChangeForm,
    PasswordChangeForm,
    PhoneForm,
    ProfileForm,
)
from ..steps import (
    HtmxHttpRequest,
    countdown,
    credential_view,
    follow,
    refuse,
    render_form,
    render_loaded,
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
    return render_loaded(
        request,
        "auth/account.html",
        partial(flows.account.account, request),
        lambda details: {
            "title": _("Your account"),
            "account": details,
            "profile_fields": profile_rows(details),
        },
        problem=problem,
    )


def profile_rows(details) -> list[tuple[str, str]]:
    if details is None:
        return []
    return [(PROFILE_FIELDS[name][0], value) for name, value in details.profile.items()]


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


# The attributes changed with a code: their two steps (new value, then its code) and form.
VERIFIED_PAGES = {
    "email": ("account_email", "account_email_code", EmailChangeForm),
    "phone_number": ("account_phone", "account_phone_code", PhoneForm),
}


@account_view
def account_email(request: HtmxHttpRequest) -> HttpResponse:
    """ "New email" then, once a code is on its way, "Verification code" on the same URL."""
    return verified_attribute(request, "email", current_email=request.user.email)


@account_view
def account_phone(request: HtmxHttpRequest) -> HttpResponse:
    """ "Phone number" then "Verification code", for text-message codes at sign-in."""
    return verified_attribute(request, "phone_number")


def verified_attribute(request: HtmxHttpRequest, attribute: str, **context) -> HttpResponse:
    step, code_step, form_class = VERIFIED_PAGES[attribute]
    if session.pending_attribute_change(request, attribute):
        return attribute_code(request, attribute, code_step)
    form = form_class(posted(request))
    if request.POST.get("action") == "verify_current":
        flow = partial(flows.attributes.verify_current, request, attribute=attribute)
        return run_flow(request, step, form, flow, **context)
    if not form.is_valid():
        return render_form(request, step, form, **context)
    value = form.cleaned_data[attribute]
    flow = partial(flows.attributes.change, request, attribute=attribute, value=value)
    return run_flow(request, step, form, flow, **context)


def attribute_code(request: HtmxHttpRequest, attribute: str, step: str) -> HttpResponse:
    action = request.POST.get("action", "")
    form = AttributeCodeForm(posted(request), action=action)
    value = session.pending_attribute_change(request, attribute)
    pending = {
        "pending_value": value,
        "resend_wait": countdown(flows.resend_wait(request, username=value)),
    }
    if not form.is_valid():
        return render_form(request, step, form, **pending)
    if action == "resend":
        flow = partial(flows.attributes.resend_code, request, attribute=attribute)
    elif action == "other":
        flow = partial(flows.attributes.start_over, request, attribute=attribute)
    else:
        code = form.cleaned_data["code"]
        flow = partial(flows.attributes.verify, request, attribute=attribute, code=code)
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
