"""Forgotten password: ask for a code, then set a new password with it."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from botocore.exceptions import EndpointConnectionError
from django.utils.html import escape

from auth_ui.cognito.errors import MESSAGES, UNAVAILABLE

from .conftest import CLIENT_ID, POLICY_TEXT, client_error

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BRANCHES = pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
EMAIL = "ada.lovelace@example.com"
PASSWORD = "Unique-Pa55word-🦄"
AWS_TEXT = "AWS-ONLY-WORDING-4242"
DELIVERY = {"CodeDeliveryDetails": {"Destination": "a***@e***", "DeliveryMedium": "EMAIL"}}
FORGOT_URL = "/auth/password/forgot/"
RESET_URL = "/auth/password/reset/"
SIGN_IN_URL = "/auth/sign-in/"


# --- helpers (each view-test module keeps its own, so none depends on another) ---------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def tags(body: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(body)
    return parser.found


def input_named(body: str, name: str) -> dict:
    return next(a for t, a in tags(body) if t == "input" and a.get("name") == name)


def ids(body: str) -> set[str]:
    return {a["id"] for _, a in tags(body) if a.get("id")}


def field_error(body: str, name: str) -> str | None:
    match = re.search(rf'<p id="error_1_id_{name}"[^>]*>(.*?)</p>', body, re.S)
    return unescape(match.group(1)).strip() if match else None


def alert(body: str) -> list[str] | None:
    match = re.search(r'<div id="form-errors"[^>]*role="alert"[^>]*>(.*?)</div>', body, re.S)
    return [unescape(li) for li in re.findall(r"<li>(.*?)</li>", match.group(1))] if match else None


def label(body: str, field_id: str) -> str:
    match = re.search(rf'<label for="{field_id}"[^>]*>\s*(.*?)<', body, re.S)
    return match.group(1).strip()


def buttons(body: str) -> list[str]:
    return [b.strip() for b in re.findall(r"<button[^>]*>.*?<span>(.*?)</span>", body, re.S)]


def post(client, url, data, htmx):
    return client.post(url, data, **(HTMX if htmx else {}))


def assert_rendered(response, htmx: bool, status: int) -> str:
    assert response.status_code == status
    body = response.content.decode()
    assert 'id="auth-card"' in body
    if htmx:
        assert "<html" not in body
    else:
        assert "<html" in body
    assert "HX-Request" in response["Vary"]
    assert "Traceback" not in body
    return body


def assert_step(response, htmx: bool, path: str) -> None:
    """A multi-step flow moves on: swapped in place (htmx) or redirected (plain)."""
    if htmx:
        assert response.status_code == 200
        assert "Location" not in response
        assert json.loads(response["HX-Location"]) == {
            "path": path,
            "target": "#auth-card",
            "swap": "outerHTML",
        }
    else:
        assert response.status_code == 302
        assert response["Location"] == path
        assert "HX-Location" not in response


def follow(client, path: str, htmx: bool) -> str:
    response = client.get(path, **(HTMX if htmx else {}))
    return assert_rendered(response, htmx, 200)


def message(code: str) -> str:
    return str(MESSAGES[code][1])


def expect_forgot(stubber, email=EMAIL):
    stubber.add_response("forgot_password", DELIVERY, {"ClientId": CLIENT_ID, "Username": email})


def reset_data(**overrides):
    return {
        "email": EMAIL,
        "code": "654321",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        **overrides,
    }


@pytest.fixture
def unreachable(monkeypatch):
    def refuse_to_connect():
        raise EndpointConnectionError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/")

    monkeypatch.setattr("auth_ui.cognito.api.cognito_client", refuse_to_connect)


# --- forgot -----------------------------------------------------------------------------------


@BRANCHES
def test_forgot_page_renders(client, htmx):
    body = assert_rendered(client.get(FORGOT_URL, **(HTMX if htmx else {})), htmx, 200)
    assert label(body, "id_email") == "Email"
    assert input_named(body, "email")["autocomplete"] == "email"
    assert buttons(body) == ["Send code"]
    assert "We&#x27;ll email you a code to set a new password." in body


@BRANCHES
def test_forgot_sends_a_code_and_moves_to_reset(client, stubber, htmx):
    expect_forgot(stubber)
    response = post(client, FORGOT_URL, {"email": EMAIL}, htmx)
    assert_step(response, htmx, RESET_URL)
    assert client.session["cognito_pending_email"] == EMAIL
    body = follow(client, RESET_URL, htmx)
    assert f"If an account exists for {EMAIL}, we sent it a code. Enter it below." in body
    assert input_named(body, "email")["value"] == EMAIL


@BRANCHES
@pytest.mark.parametrize(
    ("code", "aws_message"),
    [
        ("UserNotFoundException", "Username/client id combination not found."),
        ("NotAuthorizedException", "User is disabled."),
        ("InvalidParameterException", "Cannot reset password for the user as there is no email"),
    ],
)
def test_forgot_for_an_unknown_user_answers_exactly_like_a_known_one(
    client, stubber, htmx, code, aws_message
):
    expect_forgot(stubber)
    known = post(client, FORGOT_URL, {"email": EMAIL}, htmx)
    known_page = follow(client, RESET_URL, htmx)

    client_error(stubber, "forgot_password", code, aws_message)
    unknown = post(client, FORGOT_URL, {"email": EMAIL}, htmx)
    unknown_page = follow(client, RESET_URL, htmx)

    assert unknown.status_code == known.status_code
    assert unknown.get("HX-Location") == known.get("HX-Location")
    assert unknown.get("Location") == known.get("Location")
    assert unknown.content == known.content
    token = re.compile(r'value="[^"]{40,}"|"x-csrftoken": "[^"]+"')
    assert token.sub("", unknown_page) == token.sub("", known_page)
    assert aws_message not in unknown_page


FORGOT_ERRORS = [
    ("CodeDeliveryFailureException", "email", 422),
    ("LimitExceededException", None, 429),
    ("TooManyRequestsException", None, 429),
    ("InternalErrorException", None, 503),
]


@BRANCHES
@pytest.mark.parametrize(("code", "field", "status"), FORGOT_ERRORS)
def test_forgot_refusals(client, stubber, htmx, code, field, status):
    client_error(stubber, "forgot_password", code, AWS_TEXT)
    body = assert_rendered(post(client, FORGOT_URL, {"email": EMAIL}, htmx), htmx, status)
    if field:
        assert field_error(body, field) == message(code)
        assert "autofocus" in input_named(body, field)
        assert input_named(body, field)["aria-invalid"] == "true"
    else:
        assert alert(body) == [message(code)]
        assert re.search(r'<div id="form-errors"[^>]*role="alert"[^>]*autofocus', body)
    assert AWS_TEXT not in body
    assert input_named(body, "email")["value"] == EMAIL
    assert "cognito_pending_email" not in client.session


@BRANCHES
def test_forgot_needs_a_valid_email(client, htmx):
    body = assert_rendered(post(client, FORGOT_URL, {"email": "ada@"}, htmx), htmx, 422)
    assert field_error(body, "email") == "Enter a valid email address."
    assert input_named(body, "email")["value"] == "ada@"
    assert input_named(body, "email")["aria-describedby"] == "error_1_id_email"


@BRANCHES
def test_forgot_when_cognito_is_unreachable_is_503(client, unreachable, htmx):
    body = assert_rendered(post(client, FORGOT_URL, {"email": EMAIL}, htmx), htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert "EndpointConnectionError" not in body


# --- reset ------------------------------------------------------------------------------------


@BRANCHES
def test_reset_page_renders(client, htmx):
    body = assert_rendered(client.get(RESET_URL, **(HTMX if htmx else {})), htmx, 200)
    assert label(body, "id_email") == "Email"
    assert label(body, "id_code") == "Verification code"
    assert label(body, "id_password") == "New password"
    assert label(body, "id_password_confirm") == "Confirm password"
    assert input_named(body, "code")["autocomplete"] == "one-time-code"
    assert input_named(body, "code")["inputmode"] == "numeric"
    assert input_named(body, "password")["autocomplete"] == "new-password"
    assert input_named(body, "password_confirm")["autocomplete"] == "new-password"
    assert buttons(body) == ["Set new password", "Resend code"]
    assert POLICY_TEXT in body


@BRANCHES
def test_reset_sets_the_new_password_and_moves_to_sign_in(client, stubber, htmx):
    stubber.add_response(
        "confirm_forgot_password",
        {},
        {
            "ClientId": CLIENT_ID,
            "Username": EMAIL,
            "ConfirmationCode": "654321",
            "Password": PASSWORD,
        },
    )
    response = post(client, RESET_URL, reset_data(code="654 321"), htmx)
    assert_step(response, htmx, SIGN_IN_URL)
    assert PASSWORD not in response.content.decode()
    body = follow(client, SIGN_IN_URL, htmx)
    assert "Your password has been changed. Sign in with it now." in body
    assert input_named(body, "email")["value"] == EMAIL
    assert PASSWORD not in body
    assert "_auth_user_id" not in client.session


@BRANCHES
def test_reset_resend_sends_another_code(client, stubber, htmx):
    expect_forgot(stubber)
    response = post(client, RESET_URL, {"email": EMAIL, "action": "resend"}, htmx)
    assert_step(response, htmx, RESET_URL)
    body = follow(client, RESET_URL, htmx)
    assert f"If an account exists for {EMAIL}, we sent it a new code." in body


def test_reset_resend_for_an_unknown_user_looks_the_same(client, stubber):
    client_error(stubber, "forgot_password", "UserNotFoundException", AWS_TEXT)
    response = post(client, RESET_URL, {"email": EMAIL, "action": "resend"}, False)
    assert_step(response, False, RESET_URL)
    body = follow(client, RESET_URL, False)
    assert f"If an account exists for {EMAIL}, we sent it a new code." in body
    assert AWS_TEXT not in body


@BRANCHES
def test_reset_resend_ignores_a_half_typed_code(client, monkeypatch, htmx):
    sent = []
    monkeypatch.setattr(
        "auth_ui.cognito.forgot_password", lambda *, username: sent.append(username)
    )
    response = post(client, RESET_URL, {"email": EMAIL, "code": "65", "action": "resend"}, htmx)
    assert_step(response, htmx, RESET_URL)
    assert sent == [EMAIL]


@BRANCHES
def test_reset_resend_ignores_half_typed_passwords(client, monkeypatch, htmx):
    sent = []
    monkeypatch.setattr(
        "auth_ui.cognito.forgot_password", lambda *, username: sent.append(username)
    )
    data = {
        "email": EMAIL,
        "password": PASSWORD,
        "password_confirm": "Unique-Pa",
        "action": "resend",
    }
    response = post(client, RESET_URL, data, htmx)
    assert_step(response, htmx, RESET_URL)
    assert sent == [EMAIL]


@BRANCHES
def test_reset_form_errors(client, htmx):
    data = reset_data(code="12ab56", password_confirm="Something-else-1!")
    body = assert_rendered(post(client, RESET_URL, data, htmx), htmx, 422)
    assert field_error(body, "code") == "Enter the 6-digit code from the email."
    assert field_error(body, "password_confirm") == "The two passwords don't match."
    code = input_named(body, "code")
    assert "autofocus" in code
    assert code["aria-invalid"] == "true"
    assert code["aria-describedby"] == "error_1_id_code"
    assert "autofocus" not in input_named(body, "password_confirm")
    assert set(input_named(body, "password_confirm")["aria-describedby"].split()) <= ids(body)
    assert input_named(body, "email")["value"] == EMAIL
    assert PASSWORD not in body
    assert "Pa55word" not in body


RESET_ERRORS = [
    # code, field, shown, status
    ("CodeMismatchException", "code", message("CodeMismatchException"), 422),
    ("ExpiredCodeException", "code", message("ExpiredCodeException"), 422),
    ("UserNotFoundException", "code", message("CodeMismatchException"), 422),
    ("InvalidPasswordException", "password", POLICY_TEXT, 422),
    ("InvalidParameterException", None, message("InvalidParameterException"), 422),
    ("LimitExceededException", None, message("LimitExceededException"), 429),
    ("TooManyFailedAttemptsException", None, message("TooManyFailedAttemptsException"), 429),
    ("TooManyRequestsException", None, message("TooManyRequestsException"), 429),
    ("InternalErrorException", None, str(UNAVAILABLE), 503),
]


@BRANCHES
@pytest.mark.parametrize(("code", "field", "shown", "status"), RESET_ERRORS)
def test_reset_refusals(client, stubber, htmx, code, field, shown, status):
    client_error(stubber, "confirm_forgot_password", code, AWS_TEXT)
    body = assert_rendered(post(client, RESET_URL, reset_data(), htmx), htmx, status)
    if field:
        assert field_error(body, field) == shown
        widget = input_named(body, field)
        assert "autofocus" in widget
        assert widget["aria-invalid"] == "true"
        assert set(widget["aria-describedby"].split()) <= ids(body)
        assert alert(body) is None
    else:
        assert alert(body) == [shown]
    assert AWS_TEXT not in body
    assert PASSWORD not in body
    assert "Pa55word" not in body
    assert input_named(body, "email")["value"] == EMAIL
    assert escape(EMAIL) in body


@BRANCHES
def test_reset_when_cognito_is_unreachable_is_503(client, unreachable, htmx):
    body = assert_rendered(post(client, RESET_URL, reset_data(), htmx), htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert PASSWORD not in body


@pytest.mark.parametrize("url", [FORGOT_URL, RESET_URL, "/auth/password/new/"])
def test_password_views_are_never_cached_and_carry_a_strict_csp(client, url):
    response = client.get(url)
    for directive in ("no-cache", "no-store", "max-age=0"):
        assert directive in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


@pytest.mark.parametrize("url", [FORGOT_URL, RESET_URL])
def test_password_views_refuse_other_methods(client, url):
    assert client.put(url).status_code == 405
