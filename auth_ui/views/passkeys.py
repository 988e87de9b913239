"""Passkeys in account settings: add one (Cognito's options to static/js/passkeys.js, its answer
back), remove one, and the one-time offer of a passkey after signing in."""

import json

from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import flows
from ..next_url import requested_next, safe_next_url
from ..passwordless_forms import PasskeyCredentialForm, RemovePasskeyForm
from ..steps import HtmxHttpRequest, follow, render_page
from .account import account_view
from .pages import bad_request
from .security import render_security


@account_view
@require_POST
def account_passkey_add(request: HtmxHttpRequest) -> HttpResponse:
    """Without a credential: the security page again, carrying Cognito's options for the
    browser. With one (posted by our script): Cognito checks and keeps it."""
    if not flows.passkeys.offered(request):
        return bad_request(request)
    next_url = requested_next(request)
    if "credential" not in request.POST:
        try:
            options = flows.passkeys.start_adding(request)
        except flows.AuthError as error:
            return render_security(request, problem=error)
        return render_security(request, passkey_create=json.dumps(options), next=next_url)
    form = PasskeyCredentialForm(request.POST)
    if not form.is_valid():
        return render_security(request, problem=flows.AuthError("PasskeyNotAdded"))
    try:
        outcome = flows.passkeys.finish_adding(
            request, credential=form.cleaned_data["credential"], next_url=next_url
        )
    except flows.AuthError as error:
        return render_security(request, problem=error)
    return follow(request, outcome)


@account_view
@require_POST
def account_passkey_remove(request: HtmxHttpRequest) -> HttpResponse:
    form = RemovePasskeyForm(request.POST)
    if not form.is_valid():
        return bad_request(request)
    try:
        outcome = flows.passkeys.remove(request, credential_id=form.cleaned_data["credential_id"])
    except flows.AuthError as error:
        return render_security(request, problem=error)
    return follow(request, outcome)


@account_view
def passkey_offer(request: HtmxHttpRequest) -> HttpResponse:
    """ "Sign in faster next time": add a passkey now, or "Not now" (asked once either way)."""
    next_url = safe_next_url(request, requested_next(request))
    if request.method == "POST":
        flows.passkeys.answer_offer(request)
        return HttpResponseRedirect(next_url)
    context = {"title": _("Sign in faster next time"), "next": next_url}
    return render_page(request, "auth/passkey_offer.html", context)
