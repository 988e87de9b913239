"""For a person who is not signed in, confirm, resend, forgot and reset read and behave the same
(status, wording, next step) whether the account exists, waits for its code, or is confirmed.

Each scenario is what Cognito answers for that kind of account (with PreventUserExistenceErrors
on, and off where it differs); the pages must come out identical."""

import json

import pytest
from django.test import Client

from .conftest import POLICY_TEXT, client_error
from .pages import (
    AWS_TEXT,
    CONFIRM_URL,
    DELIVERY,
    FORGOT_URL,
    HTMX,
    RESET_URL,
    without_csrf_tokens,
)

pytestmark = pytest.mark.django_db

EMAIL = "someone@example.com"
STRONG = "Str0ng-Passw0rd!"


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Each scenario is tried several times with one email; this site's limits would end that."""
    settings.AUTH_RATE_LIMITS = {}
    settings.AUTH_RESEND_COOLDOWN_SECONDS = 0


def answers(stubber, method, kind):
    """Queue what Cognito answers `method` for an account of `kind`."""
    if kind == "sent":
        stubber.add_response(method, DELIVERY if method != "confirm_sign_up" else {})
    else:
        code, aws_message = kind
        client_error(stubber, method, code, aws_message)


def visit(method, url, data, htmx, stubber, kind, first=None):
    """A new visitor posts the step (after `first`, the step before it on the same URL);
    returns (status, where it led, the page they then read)."""
    client = Client()
    if first:
        client.post(url, first)
    answers(stubber, method, kind)
    response = client.post(url, data, **(HTMX if htmx else {}))
    where = ""
    if "HX-Location" in response:
        where = json.loads(response["HX-Location"])["path"]
    elif response.status_code == 302:
        where = response["Location"]
    page = client.get(where).content.decode() if where else response.content.decode()
    return response.status_code, where, without_csrf_tokens(page)


def all_alike(stubber, method, url, data, kinds, first=None):
    """Every kind of account gives the same answer, in both branches; returns the plain one."""
    for htmx in (True, False):
        results = [visit(method, url, data, htmx, stubber, kind, first) for kind in kinds]
        assert all(r == results[0] for r in results), [r[:2] for r in results]
    return results[0]


WRONG_CODE_ON_CONFIRM = [
    ("CodeMismatchException", AWS_TEXT),  # waiting for its code; or unknown, with PUEE on
    ("UserNotFoundException", "User does not exist."),  # unknown, PUEE off
    ("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"),
]


def test_a_wrong_code_on_confirm_reads_the_same_for_every_account(stubber):
    status, _, page = all_alike(
        stubber,
        "confirm_sign_up",
        CONFIRM_URL,
        {"email": EMAIL, "code": "123456"},
        WRONG_CODE_ON_CONFIRM,
    )
    assert status == 422
    assert "That code isn&#x27;t right." in page


RESEND = [
    "sent",  # waiting for its code; or unknown, with PUEE on (Cognito fakes a delivery)
    ("UserNotFoundException", "User does not exist."),  # unknown, PUEE off
    ("InvalidParameterException", "User is already confirmed."),
]


def test_resend_on_confirm_reads_the_same_for_every_account(stubber):
    status, where, page = all_alike(
        stubber,
        "resend_confirmation_code",
        CONFIRM_URL,
        {"email": EMAIL, "action": "resend"},
        RESEND,
    )
    assert status == 302 and where == CONFIRM_URL
    assert f"If {EMAIL} is waiting to be confirmed, we sent it a new code." in page


FORGOT = [
    "sent",  # a confirmed account; or unknown, with PUEE on
    ("UserNotFoundException", "User does not exist."),  # unknown, PUEE off
    ("InvalidParameterException", "Cannot reset password for the user as there is no registered"),
    ("NotAuthorizedException", "User password cannot be reset in the current state."),
]


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (FORGOT_URL, {"email": EMAIL}),
        (RESET_URL, {"email": EMAIL, "action": "resend"}),
    ],
)
def test_asking_for_a_reset_code_reads_the_same_for_every_account(stubber, url, data):
    status, where, page = all_alike(stubber, "forgot_password", url, data, FORGOT)
    assert status == 302 and where == RESET_URL
    assert f"If an account exists for {EMAIL}, we sent it" in page


WRONG_CODE_ON_RESET = [
    ("CodeMismatchException", AWS_TEXT),
    ("UserNotFoundException", "User does not exist."),
    ("NotAuthorizedException", "User is disabled."),
]


def test_a_wrong_reset_code_reads_the_same_for_every_account(stubber):
    code = {"email": EMAIL, "code": "123456"}
    data = {"password": STRONG, "password_confirm": STRONG}
    status, _, page = all_alike(
        stubber, "confirm_forgot_password", RESET_URL, data, WRONG_CODE_ON_RESET, first=code
    )
    assert status == 422
    assert "That code isn&#x27;t right." in page


def test_a_weak_password_on_reset_is_refused_before_cognito_is_asked(client, stubber):
    # Cognito checks the password before the code, so only an existing account would answer
    # InvalidPasswordException: the policy is checked here first, for every email alike.
    client.post(RESET_URL, {"email": EMAIL, "code": "123456"})
    response = client.post(RESET_URL, {"password": "weak", "password_confirm": "weak"})
    assert response.status_code == 422
    assert POLICY_TEXT in response.content.decode()


def test_confirm_attempts_are_rate_limited_per_email(client, stubber, settings, no_rate_limits):
    settings.AUTH_RATE_LIMITS = {"confirm_code": "2/5m/key"}
    for _ in range(2):
        client_error(stubber, "confirm_sign_up", "CodeMismatchException")
        assert client.post(CONFIRM_URL, {"email": EMAIL, "code": "123456"}).status_code == 422
    # The third is refused here: no call reaches Cognito (the Stubber has none queued).
    assert client.post(CONFIRM_URL, {"email": EMAIL, "code": "123456"}).status_code == 429
    client.post(RESET_URL, {"email": EMAIL, "code": "123456"})
    data = {"password": STRONG, "password_confirm": STRONG}
    assert client.post(RESET_URL, data).status_code == 429
