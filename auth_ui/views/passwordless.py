"""Signing in without a password: the sign-in form's other buttons (an emailed or texted code,
a passkey), the code step, and a passkey's answer posted back by static/js/passkeys.js."""

import json
from functools import partial

from django.http import HttpResponse
from django.shortcuts import redirect

from .. import flows
from ..passwordless_forms import SignInAnotherWayForm, SignInCodeForm
from ..steps import HtmxHttpRequest, countdown, credential_view, refuse, render_form, run_flow
from .common import posted


def sign_in_another_way(request: HtmxHttpRequest, next_url: str) -> HttpResponse:
    """The sign-in form posted by "Email me a code", "Text me a code" or "Sign in with a
    passkey" (and, for a passkey, posted again with the browser's answer)."""
    step = "sign_in"
    form = SignInAnotherWayForm(request.POST)
    if not form.is_valid() or not form.way:
        return render_form(request, step, form, next=next_url)
    username = form.cleaned_data["email"]
    if form.way != "WEB_AUTHN":
        flow = partial(
            flows.passwordless.send_sign_in_code,
            request,
            username=username,
            factor=form.way,
            next_url=next_url,
        )
        return run_flow(request, step, form, flow, next=next_url)
    if form.credential:
        flow = partial(
            flows.passwordless.finish_passkey_sign_in, request, credential=form.credential
        )
        return run_flow(request, step, form, flow, next=next_url)
    try:
        options = flows.passwordless.start_passkey_sign_in(
            request, username=username, next_url=next_url
        )
    except flows.AuthError as error:
        return refuse(request, step, form, error, next=next_url)
    # The page again, carrying the options our script hands to navigator.credentials.get.
    return render_form(request, step, form, next=next_url, passkey_request=json.dumps(options))


@credential_view
def sign_in_code(request: HtmxHttpRequest) -> HttpResponse:
    """The code the person asked for; "Resend code" asks Cognito for a fresh one."""
    step = "sign_in_code"
    challenge = flows.awaited_code(request, first_factor=True)
    if not challenge:
        return redirect("auth_ui:sign_in")
    form = SignInCodeForm(posted(request), resend=request.POST.get("action") == "resend")
    username = flows.passwordless.sign_in_code_username(request)
    context = {
        "lead": flows.passwordless.sign_in_code_words(request),
        "resend_wait": countdown(flows.resend_wait(request, username=username)),
    }
    if not form.is_valid():
        return render_form(request, step, form, **context)
    if form.resend:
        flow = partial(flows.passwordless.resend_sign_in_code, request)
    else:
        code = form.cleaned_data["code"]
        flow = partial(
            flows.passwordless.enter_sign_in_code, request, challenge=challenge, code=code
        )
    return run_flow(request, step, form, flow, **context)
