"""How a form step answers: its words and buttons, the whole page or its htmx partial, its
status, and the way on to the next step."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect, HttpResponseLocation
from django_htmx.middleware import HtmxDetails

from . import empty_pages, flows
from .forms import AuthForm
from .messages import ACCOUNT_EXISTS_LINKED, Refusal, linked, refusal_of

CARD_TARGET = "#auth-card"
FORM_PAGE = "auth/form_page.html"


@dataclass(frozen=True)
class Step:
    """What sets one form step apart: its words, and which buttons and links it offers."""

    title: Promise
    lead: Promise | None
    submit: Promise
    resend: bool = False  # a "Resend code" button under the submit button
    # The lead of a code step visited with no address known (nothing pending, no email):
    # what the code is and how to get one.
    lead_unknown: Promise | None = None
    # A second way out of the step (action "other"): another address, another method …
    other: Promise | None = None
    footer: str = "back"  # "back" (to sign in), "sign_in", "sign_up" or "account"
    danger: bool = False  # the submit button does something that can't be undone
    # The other ways in, where the pool allows them: "sign_in" (an emailed or texted code, a
    # passkey) or "sign_up" (an account without a password).
    other_ways: str = ""
    # Where a refusal reads differently on this step than the table says.
    refusals: dict[str, Refusal] = field(default_factory=dict)


# A new authenticator app's first code (VerifySoftwareToken).
APP_CODE_REFUSALS = {
    code: Refusal("code", _("That code isn't right. Enter the code your app shows now."))
    for code in ("CodeMismatchException", "EnableSoftwareTokenMFAException")
}

STEPS = {
    "sign_up": Step(
        _("Create your account"),
        _("It takes a minute."),
        _("Sign up"),
        footer="sign_in",
        other_ways="sign_up",
        refusals={
            code: Refusal("email", ACCOUNT_EXISTS_LINKED, linked=True)
            for code in ("UsernameExistsException", "AliasExistsException")
        },
    ),
    "confirm": Step(
        _("Check your email"),
        _("Enter the 6-digit code we emailed you to confirm your address."),
        _("Confirm"),
        resend=True,
        lead_unknown=_(
            "Enter the email you signed up with and the 6-digit code we sent to it. "
            "No code, or it expired? Enter your email and choose “Resend code”."
        ),
    ),
    "sign_in": Step(
        _("Sign in"),
        _("Welcome back."),
        _("Sign in"),
        footer="sign_up",
        other_ways="sign_in",
    ),
    # The code a person asked for instead of typing a password (Cognito's USER_AUTH).
    "sign_in_code": Step(
        _("Enter your code"),
        None,
        _("Sign in"),
        resend=True,
        refusals={
            "CodeMismatchException": Refusal(
                "code", _("That code isn't right. Check the latest one we sent you.")
            ),
            "ExpiredCodeException": Refusal(
                "code", _("That code has expired. Choose “Resend code” for a new one.")
            ),
        },
    ),
    "new_password": Step(_("Choose a new password"), None, _("Set new password")),
    "password_forgot": Step(
        _("Reset your password"),
        _("We'll email you a code to set a new password."),
        _("Send code"),
    ),
    # Resetting a password takes two steps on one URL: the code, then the new password (Cognito
    # takes both together; the code waits in the session), so a mistyped code never costs the
    # passwords, and a refused code comes back to this step.
    "password_reset": Step(
        _("Check your email"),
        _("Enter the 6-digit code we emailed you. Then you'll choose a new password."),
        _("Continue"),
        resend=True,
        lead_unknown=_(
            "Enter your email and the 6-digit code we sent to it. "
            "No code, or it expired? Enter your email and choose “Resend code”."
        ),
    ),
    "password_reset_new": Step(
        _("Set a new password"),
        _("Choose the password you'll sign in with from now on."),
        _("Set new password"),
    ),
    "mfa_code": Step(
        _("Two-step verification"),
        None,
        _("Verify"),
        refusals={
            "CodeMismatchException": Refusal("code", _("That code isn't right. Try again.")),
            # An app's code already used in its 30 seconds (or an expired one).
            "ExpiredCodeException": Refusal(
                "code", _("That code can't be used again. Enter the next one.")
            ),
        },
    ),
    "mfa_setup": Step(
        _("Set up two-step verification"),
        _("Scan the QR code with an authenticator app, or type the setup key into it."),
        _("Verify"),
        refusals=APP_CODE_REFUSALS,
    ),
    "mfa_setup_or_email": Step(
        _("Set up two-step verification"),
        _("Scan the QR code with an authenticator app, or type the setup key into it."),
        _("Verify"),
        other=_("Email me codes instead"),
        refusals=APP_CODE_REFUSALS,
    ),
    "account_profile": Step(
        _("Your profile"), _("How this site names you."), _("Save"), footer="account"
    ),
    "account_email": Step(
        _("Change your email"),
        _("We'll send a code to the new address. Until you enter it, you sign in as before."),
        _("Send code"),
        footer="account",
        refusals={
            "AliasExistsException": Refusal(
                "email", _("Another account already uses this email address.")
            ),
        },
    ),
    "account_email_code": Step(
        _("Check your email"),
        _("Enter the 6-digit code we sent to confirm the address."),
        _("Verify"),
        resend=True,
        other=_("Use a different email"),
        footer="account",
    ),
    "account_phone": Step(
        _("Your phone number"),
        _("We'll text a code to it. You can then get sign-in codes by text message."),
        _("Send code"),
        footer="account",
    ),
    "account_phone_code": Step(
        _("Check your phone"),
        _("Enter the 6-digit code we texted to confirm the number."),
        _("Verify"),
        resend=True,
        other=_("Use a different number"),
        footer="account",
        refusals={
            "CodeMismatchException": Refusal(
                "code", _("That code isn't right. Check the latest text we sent you.")
            ),
        },
    ),
    "account_security_app": Step(
        _("Set up an authenticator app"),
        _("Scan the QR code with an authenticator app, or type the setup key into it."),
        _("Verify"),
        footer="account",
        refusals=APP_CODE_REFUSALS,
    ),
    "account_password": Step(
        _("Change your password"),
        None,
        _("Change password"),
        footer="account",
        refusals={
            "NotAuthorizedException": Refusal(
                "current_password", _("That isn't your current password.")
            ),
        },
    ),
    "account_delete": Step(
        _("Delete your account"),
        _("This deletes your account and signs you out everywhere. It can't be undone."),
        _("Delete account"),
        footer="account",
        danger=True,
    ),
}


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def credential_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """What Django's own LoginView wears: no caching, CSRF, and passwords out of error reports
    (the POST, and the `flow` each view hands `run_flow`, which holds what was typed)."""
    guarded = require_http_methods(["GET", "HEAD", "POST"])(sensitive_variables("flow")(view))
    return sensitive_post_parameters()(never_cache(csrf_protect(guarded)))


def render_page(
    request: HtmxHttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """The whole page, or its `card` partial for htmx (a history restore needs the whole)."""
    partial = request.htmx and not request.htmx.history_restore_request
    template = f"{template}#card" if partial else template
    response = empty_pages.respond(request, template, context, status) or render(
        request, template, context, status=status
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


def render_form(
    request: HtmxHttpRequest, step: str, form: AuthForm, **context: Any
) -> HttpResponse:
    """The step with its form: 422 when the form carries errors, else 200."""
    status = context.pop("status", 422 if form.errors else 200)
    page = STEPS[step]
    context = {"step": page, "title": page.title, "lead": page.lead, "form": form, **context}
    if page.other_ways:
        context["ways"] = flows.passwordless.other_ways(request)
    return render_page(request, FORM_PAGE, context, status=status)


def refuse(
    request: HtmxHttpRequest, step: str, form: AuthForm, error: flows.AuthError, **context
) -> HttpResponse:
    """The flow said no: show why in plain words, with the status the table gives. A signed-in
    session Cognito no longer takes goes to sign in instead, and comes back here after."""
    if error.code == "SessionEnded":
        return follow(request, flows.sign_in_again(request))
    shown = STEPS[step].refusals.get(error.code) or refusal_of(error)
    message = shown.message
    if error.code == "InvalidPasswordException" and not policy_shown(form, shown.field):
        message = flows.policy_text()
    if shown.linked:
        message = linked(message, **ways_on(form))
    form.add_refusal(shown.field, message, code=error.code)
    return render_form(request, step, form, status=shown.status, **context)


def policy_shown(form: AuthForm, name: str | None) -> bool:
    """Whether the field already states the pool's policy (its help text): then a weak
    password's error only says so, and the policy is read once, not twice."""
    field = form.fields.get(name or "")
    return field is not None and bool(field.help_text)


def ways_on(form: AuthForm) -> dict[str, str]:
    """Sign in, and reset the password, for the email (or username) just typed."""
    typed = form.cleaned_data.get("username") or form.cleaned_data.get("email") or ""
    query = f"?{urlencode({'email': typed})}" if typed else ""
    return {
        "sign_in": reverse("auth_ui:sign_in") + query,
        "reset": reverse("auth_ui:password_forgot") + query,
    }


@dataclass(frozen=True)
class Countdown:
    """How long a button stays disabled (a code just sent, a limit reached): the seconds in
    `data-wait-seconds` for the script that counts down, and as m:ss on the button."""

    seconds: int

    @property
    def clock(self) -> str:
        return f"{self.seconds // 60}:{self.seconds % 60:02d}"


def countdown(seconds: int) -> Countdown | None:
    return Countdown(seconds) if seconds > 0 else None


def run_flow(
    request: HtmxHttpRequest,
    step: str,
    form: AuthForm,
    flow: Callable[[], flows.Outcome],
    **context: Any,
) -> HttpResponse:
    """Run the flow a valid form asks for: follow its outcome, or show its refusal."""
    try:
        outcome = flow()
    except flows.AuthError as error:
        return refuse(request, step, form, error, **context)
    return follow(request, outcome)


def render_loaded(
    request: HtmxHttpRequest,
    template: str,
    load: Callable[[], Any],
    context: Callable[[Any], dict[str, Any]],
    *,
    problem: flows.AuthError | None = None,
) -> HttpResponse:
    """A page of what Cognito has now (`load()`, None when it can't be read), with `problem`
    or the load's refusal at the top, in that refusal's status. A session Cognito no longer
    takes goes to sign in instead, and comes back here after."""
    try:
        loaded = load()
    except flows.AuthError as error:
        if error.code == "SessionEnded":
            return follow(request, flows.sign_in_again(request))
        loaded, problem = None, problem or error
    shown = refusal_of(problem) if problem else None
    page = {**context(loaded), "problem": shown.message if shown else None}
    return render_page(request, template, page, status=shown.status if shown else 200)


def follow(request: HtmxHttpRequest, outcome: flows.Outcome) -> HttpResponse:
    """Where a flow sent the person: the next step swapped in place with its URL pushed, or
    (when the flow is done, or without htmx) a redirect. A step that comes back to itself (a
    code resent) replaces its history entry: Back leaves the step, however often it was sent."""
    if outcome.notice:
        messages.add_message(request, outcome.level, outcome.notice)
    if request.htmx and not outcome.done:
        response = HttpResponseLocation(outcome.url, target=CARD_TARGET, swap="outerHTML")
        if urlsplit(outcome.url).path == request.path:
            spec = json.loads(response["HX-Location"])
            response["HX-Location"] = json.dumps({**spec, "push": "false", "replace": outcome.url})
        return response
    return HttpResponseRedirect(outcome.url)


def go_to(request: HtmxHttpRequest, outcome: flows.Outcome) -> HttpResponse:
    """A step asked for that the person is past (or must not see): a real navigation to where
    the flow says, never a page swapped into the card. (A history restore, which swaps what it
    gets, gets the page it is sent to.)"""
    if outcome.notice:
        messages.add_message(request, outcome.level, outcome.notice)
    if request.htmx and request.htmx.history_restore_request:
        return moving_on(outcome.url)
    if request.htmx:
        return HttpResponseClientRedirect(outcome.url)
    return HttpResponseRedirect(outcome.url)


def moving_on(url: str) -> HttpResponse:
    """For htmx's history restore (Back to a step swapped in earlier), which swaps in whatever
    it gets and follows neither a redirect's URL nor HX-Redirect: a page that moves on by
    itself (a meta refresh, no script), with a link for the rare browser that doesn't."""
    return HttpResponse(
        format_html(
            '<!doctype html><meta http-equiv="refresh" content="0; url={}">'
            '<main id="main" class="mx-auto max-w-md px-4 py-12">'
            '<p><a class="link" href="{}">{}</a></p></main>',
            url,
            url,
            _("Continue"),
        )
    )
