"""Forgotten password: ask for a code, then set a new password with it."""

import pytest
from django.utils.html import escape

from auth_ui import session
from auth_ui.messages import UNAVAILABLE
from tests.unit.pages import session_of

from .conftest import CLIENT_ID, client_error
from .pages import (
    AWS_TEXT,
    BRANCHES,
    BUSY_OR_DOWN,
    DELIVERY,
    EMAIL,
    FORGOT_URL,
    HTMX,
    NEW_PASSWORD_URL,
    PASSWORD,
    RESET_URL,
    SIGN_IN_URL,
    alert,
    assert_field_error,
    assert_form,
    assert_never_cached,
    assert_refusal,
    assert_rendered,
    assert_step,
    assert_strict_csp,
    field_error,
    follow,
    input_named,
    message,
    post,
    tags,
    without_csrf_tokens,
)

pytestmark = pytest.mark.django_db


def expect_forgot(stubber, email=EMAIL):
    stubber.add_response("forgot_password", DELIVERY, {"ClientId": CLIENT_ID, "Username": email})


def reset_data(**overrides):
    return {"password": PASSWORD, "password_confirm": PASSWORD, **overrides}


def take_code(client, htmx, code="654321"):
    """The reset's first step: the code, kept for the second (where the password is set)."""
    response = post(client, RESET_URL, {"email": EMAIL, "code": code}, htmx)
    assert_step(response, htmx, RESET_URL, replace=True)


# --- forgot -----------------------------------------------------------------------------------


@BRANCHES
def test_forgot_page_renders(client, htmx):
    body = assert_rendered(client.get(FORGOT_URL, **(HTMX if htmx else {})), htmx, 200)
    assert_form(
        body,
        labels={"email": "Email"},
        autocomplete={"email": "email"},
        buttons=["Send code"],
    )
    assert "We&#x27;ll email you a code to set a new password." in body


@BRANCHES
def test_forgot_sends_a_code_and_moves_to_reset(client, stubber, htmx):
    expect_forgot(stubber)
    response = post(client, FORGOT_URL, {"email": EMAIL}, htmx)
    assert_step(response, htmx, RESET_URL)
    assert session.remembered_email(session_of(client)) == EMAIL
    body = follow(client, RESET_URL, htmx)
    assert f"If an account exists for {EMAIL}, we sent it a code." in body
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
    assert without_csrf_tokens(unknown_page) == without_csrf_tokens(known_page)
    assert aws_message not in unknown_page


FORGOT_ERRORS = [
    ("CodeDeliveryFailureException", "email", 422),
    *BUSY_OR_DOWN,
]


@BRANCHES
@pytest.mark.parametrize(("code", "field", "status"), FORGOT_ERRORS)
def test_forgot_refusals(client, stubber, htmx, code, field, status):
    client_error(stubber, "forgot_password", code, AWS_TEXT)
    response = post(client, FORGOT_URL, {"email": EMAIL}, htmx)
    body = assert_rendered(response, htmx, status)
    assert_refusal(body, field, message(code))
    assert input_named(body, "email")["value"] == EMAIL
    assert session.remembered_email(session_of(client)) == ""


@BRANCHES
def test_forgot_needs_a_valid_email(client, htmx):
    body = assert_rendered(post(client, FORGOT_URL, {"email": "ada@"}, htmx), htmx, 422)
    assert field_error(body, "email") == "Enter an email address like name@example.com."
    assert input_named(body, "email")["value"] == "ada@"
    assert input_named(body, "email")["aria-describedby"] == "id_email_error"


@BRANCHES
def test_forgot_when_cognito_is_unreachable_is_503(client, unreachable, htmx):
    body = assert_rendered(post(client, FORGOT_URL, {"email": EMAIL}, htmx), htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert "EndpointConnectionError" not in body


# --- reset ------------------------------------------------------------------------------------


@BRANCHES
def test_reset_page_renders(client, htmx):
    body = assert_rendered(client.get(RESET_URL, **(HTMX if htmx else {})), htmx, 200)
    assert_form(
        body,
        labels={"email": "Email", "code": "Verification code"},
        autocomplete={"code": "one-time-code"},
        buttons=["Continue", "Resend code"],
    )
    assert input_named(body, "code")["inputmode"] == "numeric"
    # The passwords come on the next step (tests/unit/test_finish_reset_steps.py).
    assert 'type="password"' not in body


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
    take_code(client, htmx, code="654 321")
    response = post(client, RESET_URL, reset_data(), htmx)
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
    assert_step(response, htmx, RESET_URL, replace=True)
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
    assert_step(response, htmx, RESET_URL, replace=True)
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
    assert_step(response, htmx, RESET_URL, replace=True)
    assert sent == [EMAIL]


@BRANCHES
def test_reset_form_errors(client, htmx):
    data = {"email": EMAIL, "code": "12ab56"}
    body = assert_rendered(post(client, RESET_URL, data, htmx), htmx, 422)
    code = assert_field_error(body, "code", "Enter the 6-digit code from the email.")
    assert code["aria-describedby"] == "id_code_error"
    assert input_named(body, "email")["value"] == EMAIL
    take_code(client, htmx)
    data = reset_data(password_confirm="Something-else-1!")
    body = assert_rendered(post(client, RESET_URL, data, htmx), htmx, 422)
    assert_field_error(body, "password_confirm", "The two passwords don't match.")
    assert input_named(body, "username")["value"] == EMAIL
    assert PASSWORD not in body
    assert "Pa55word" not in body


RESET_ERRORS = [
    # code, field, shown, status (a refused code comes back to the code step, with its field)
    ("CodeMismatchException", "code", message("CodeMismatchException"), 422),
    ("ExpiredCodeException", "code", message("ExpiredCodeException"), 422),
    ("UserNotFoundException", "code", message("CodeMismatchException"), 422),
    ("InvalidPasswordException", "password", "Choose a stronger password.", 422),
    ("InvalidParameterException", None, message("InvalidParameterException"), 422),
    ("LimitExceededException", None, message("LimitExceededException"), 429),
    ("TooManyFailedAttemptsException", None, message("TooManyFailedAttemptsException"), 429),
    ("TooManyRequestsException", None, message("TooManyRequestsException"), 429),
    ("InternalErrorException", None, str(UNAVAILABLE), 503),
]


@BRANCHES
@pytest.mark.parametrize(("code", "field", "shown", "status"), RESET_ERRORS)
def test_reset_refusals(client, stubber, htmx, code, field, shown, status):
    take_code(client, htmx)
    client_error(stubber, "confirm_forgot_password", code, AWS_TEXT)
    response = post(client, RESET_URL, reset_data(), htmx)
    body = assert_rendered(response, htmx, status)
    assert_refusal(body, field, shown)
    assert PASSWORD not in body
    assert "Pa55word" not in body
    carried = [a for t, a in tags(body) if t == "input" and a.get("name") in ("email", "username")]
    assert [a["value"] for a in carried] == [EMAIL]
    assert escape(EMAIL) in body


@BRANCHES
def test_reset_when_cognito_is_unreachable_is_503(client, unreachable, htmx):
    take_code(client, htmx)
    body = assert_rendered(post(client, RESET_URL, reset_data(), htmx), htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert PASSWORD not in body


@pytest.mark.parametrize("url", [FORGOT_URL, RESET_URL, NEW_PASSWORD_URL])
def test_password_views_are_never_cached_and_carry_a_strict_csp(client, url):
    response = client.get(url)
    assert_never_cached(response)
    assert_strict_csp(response)


@pytest.mark.parametrize("url", [FORGOT_URL, RESET_URL])
def test_password_views_refuse_other_methods(client, url):
    assert client.put(url).status_code == 405
