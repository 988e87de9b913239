"""Two-step verification settings: the methods, their state and actions, and setting up an
authenticator app."""

from functools import partial

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .. import flows
from ..account_forms import MfaCodeForm
from ..steps import HtmxHttpRequest, follow, refuse, render_form, render_loaded, run_flow
from ..totp import setup_context
from .account import account_view
from .common import posted
from .pages import bad_request

ACTIONS = {"on": flows.mfa.turn_on, "off": flows.mfa.turn_off, "prefer": flows.mfa.prefer}


@account_view
def account_security(request: HtmxHttpRequest) -> HttpResponse:
    """Which methods are on, which is preferred; POST `action` (on / off / prefer) a `method`."""
    problem = None
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        method = request.POST.get("method", "")
        if action is None or method not in flows.mfa.METHOD_NAMES:
            return bad_request(request)
        try:
            return follow(request, action(request, method=method))
        except flows.AuthError as error:
            problem = error
    return render_security(request, problem=problem)


def render_security(request: HtmxHttpRequest, *, problem=None, **extra) -> HttpResponse:
    """The page as Cognito has it now: the two-step methods, and the passkeys where offered."""
    return render_loaded(
        request,
        "auth/security.html",
        partial(load_security, request),
        lambda current: {
            "title": _("Two-step verification"),
            "security": current[0] if current else None,
            "methods": method_rows(current[0] if current else None),
            "passkeys": current[1] if current else None,
            **extra,
        },
        problem=problem,
    )


def load_security(request: HtmxHttpRequest) -> tuple:
    passkeys = flows.passkeys.listed(request) if flows.passkeys.offered(request) else None
    return flows.mfa.security(request), passkeys


def method_rows(current) -> list[dict]:
    if current is None:
        return []
    return [
        {
            "method": method,
            "name": flows.mfa.METHOD_NAMES[method],
            "on": method in current.enabled,
            "preferred": method == current.preferred,
            "can_turn_off": current.can_turn_off(method),
        }
        for method in current.pool.methods
    ]


@account_view
def account_security_app(request: HtmxHttpRequest) -> HttpResponse:
    """Set up an authenticator app: its QR code and key, then a code from it."""
    step = "account_security_app"
    form = MfaCodeForm(posted(request))
    try:
        secret = flows.mfa.start_app_setup(request)
    except flows.AuthError as error:
        return refuse(request, step, form, error)
    totp = setup_context(secret, request.user.email)
    if not form.is_valid():
        return render_form(request, step, form, totp=totp)
    flow = partial(flows.mfa.finish_app_setup, request, code=form.cleaned_data["code"])
    return run_flow(request, step, form, flow, totp=totp)
