"""Sign-up and its confirmation step, through both branches: htmx fragments and full pages."""

import re

import pytest
from django.utils.html import escape

from auth_ui import session
from auth_ui.messages import UNAVAILABLE
from tests.unit.pages import session_of

from .conftest import CLIENT_ID, POLICY_TEXT, POOL_ID, client_error
from .pages import (
    AWS_TEXT,
    BRANCHES,
    BUSY_OR_DOWN,
    CONFIRM_URL,
    DELIVERY,
    EMAIL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    SIGN_UP_URL,
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
    ids,
    input_named,
    message,
    post,
)

pytestmark = pytest.mark.django_db


def sign_up_data(**overrides):
    return {"email": EMAIL, "password": PASSWORD, "password_confirm": PASSWORD, **overrides}


def expect_sign_up(stubber, response=None):
    stubber.add_response(
        "sign_up",
        response or {"UserConfirmed": False, "UserSub": "sub-1", **DELIVERY},
        {
            "ClientId": CLIENT_ID,
            "Username": EMAIL,
            "Password": PASSWORD,
            "UserAttributes": [{"Name": "email", "Value": EMAIL}],
        },
    )


# --- sign-up ----------------------------------------------------------------------------------


@BRANCHES
def test_sign_up_page_renders(client, htmx):
    body = assert_rendered(client.get(SIGN_UP_URL, **(HTMX if htmx else {})), htmx, 200)
    assert_form(
        body,
        labels={"email": "Email", "password": "Password", "password_confirm": "Confirm password"},
        autocomplete={
            "email": "email",
            "password": "new-password",
            "password_confirm": "new-password",
        },
        buttons=["Sign up"],
    )
    assert input_named(body, "email")["type"] == "email"
    # The pool's policy is shown before anyone gets it wrong, and tied to the field.
    assert POLICY_TEXT in body
    assert input_named(body, "password")["aria-describedby"] == "id_password_helptext"
    assert "id_password_helptext" in ids(body)


@BRANCHES
def test_sign_up_moves_to_the_code_step(client, stubber, htmx):
    expect_sign_up(stubber)
    response = post(client, SIGN_UP_URL, sign_up_data(), htmx)
    assert_step(response, htmx, CONFIRM_URL)
    assert PASSWORD not in response.content.decode()
    assert session.remembered_email(session_of(client)) == EMAIL
    assert "_auth_user_id" not in client.session

    body = follow(client, CONFIRM_URL, htmx)
    # The address as typed, once ("Sent to …"), never Cognito's masked copy of it.
    assert f'Sent to <strong class="break-all">{escape(EMAIL)}</strong>' in body
    assert "a***@e***" not in body
    email = input_named(body, "email")
    assert (email["type"], email["value"]) == ("hidden", EMAIL)
    assert PASSWORD not in body


def test_sign_up_names_the_typed_email_when_cognito_gives_no_destination(client, stubber):
    expect_sign_up(stubber, {"UserConfirmed": False, "UserSub": "sub-1"})
    assert_step(post(client, SIGN_UP_URL, sign_up_data(), False), False, CONFIRM_URL)
    body = follow(client, CONFIRM_URL, False)
    assert f'Sent to <strong class="break-all">{escape(EMAIL)}</strong>' in body


@BRANCHES
def test_sign_up_with_auto_confirm_goes_straight_to_sign_in(client, stubber, settings, htmx):
    settings.COGNITO_AUTO_CONFIRM = True
    expect_sign_up(stubber, {"UserConfirmed": False, "UserSub": "sub-1"})
    stubber.add_response("admin_confirm_sign_up", {}, {"UserPoolId": POOL_ID, "Username": EMAIL})
    response = post(client, SIGN_UP_URL, sign_up_data(), htmx)
    assert_step(response, htmx, SIGN_IN_URL)
    body = follow(client, SIGN_IN_URL, htmx)
    assert "Your account is ready. Sign in to continue." in body
    assert input_named(body, "email")["value"] == EMAIL


@BRANCHES
def test_auto_confirm_failure_is_shown_on_the_sign_up_form(client, stubber, settings, htmx):
    settings.COGNITO_AUTO_CONFIRM = True
    expect_sign_up(stubber, {"UserConfirmed": False, "UserSub": "sub-1"})
    client_error(stubber, "admin_confirm_sign_up", "InternalErrorException", AWS_TEXT, 500)
    body = assert_rendered(post(client, SIGN_UP_URL, sign_up_data(), htmx), htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert AWS_TEXT not in body


@BRANCHES
def test_sign_up_form_errors_are_422_and_linked_to_fields(client, htmx):
    response = post(
        client,
        SIGN_UP_URL,
        {"email": "not-an-email", "password": PASSWORD, "password_confirm": "Other-Pa55word!"},
        htmx,
    )
    body = assert_rendered(response, htmx, 422)
    email = assert_field_error(body, "email", "Enter an email address like name@example.com.")
    assert email["aria-describedby"] == "id_email_error"
    confirm = assert_field_error(
        body, "password_confirm", "The two passwords don't match.", focused=False
    )
    assert confirm["aria-describedby"] in ids(body)
    # The typed email comes back; no password does.
    assert email["value"] == "not-an-email"
    assert "value" not in input_named(body, "password")
    assert PASSWORD not in body
    assert "Pa55word" not in body


@BRANCHES
def test_the_first_invalid_field_gets_focus_not_the_first_field(client, htmx):
    response = post(client, SIGN_UP_URL, sign_up_data(password_confirm="nope"), htmx)
    body = assert_rendered(response, htmx, 422)
    assert "autofocus" not in input_named(body, "email")
    confirm = input_named(body, "password_confirm")
    assert "autofocus" in confirm
    assert confirm["aria-describedby"] == "id_password_confirm_error"


SIGN_UP_ERRORS = [
    # code, field (None: the alert at the top), status
    ("UsernameExistsException", "email", 422),
    ("InvalidPasswordException", "password", 422),
    ("InvalidParameterException", None, 422),
    ("CodeDeliveryFailureException", "email", 422),
    *BUSY_OR_DOWN,
]


@BRANCHES
@pytest.mark.parametrize(("code", "field", "status"), SIGN_UP_ERRORS)
def test_sign_up_refusals(client, stubber, htmx, code, field, status):
    client_error(stubber, "sign_up", code, AWS_TEXT)
    response = post(client, SIGN_UP_URL, sign_up_data(), htmx)
    body = assert_rendered(response, htmx, status)
    expected = {
        # The policy is the field's help text: the error doesn't repeat it.
        "InvalidPasswordException": "Choose a stronger password.",
        # With links on, for the email typed (tests/unit/test_finish_links.py).
        "UsernameExistsException": (
            "An account with this email already exists. "
            f'<a class="link" href="/auth/sign-in/?email={EMAIL.replace("@", "%40")}">Sign in</a>, '
            f'or <a class="link" href="/auth/password/forgot/?email={EMAIL.replace("@", "%40")}">'
            "reset your password</a>."
        ),
    }.get(code, message(code))
    assert_refusal(body, field, expected)
    assert PASSWORD not in body
    assert input_named(body, "email")["value"] == EMAIL
    assert session.remembered_email(session_of(client)) == ""


@BRANCHES
def test_sign_up_when_cognito_is_unreachable_is_503_not_500(client, unreachable, htmx):
    response = post(client, SIGN_UP_URL, sign_up_data(), htmx)
    body = assert_rendered(response, htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert "EndpointConnectionError" not in body
    assert "amazonaws.com" not in body
    assert PASSWORD not in body


# --- confirm ----------------------------------------------------------------------------------


@BRANCHES
def test_confirm_page_renders(client, htmx):
    body = assert_rendered(client.get(CONFIRM_URL, **(HTMX if htmx else {})), htmx, 200)
    assert_form(
        body,
        labels={"email": "Email", "code": "Verification code"},
        buttons=["Confirm", "Resend code"],
    )
    code = input_named(body, "code")
    assert code["autocomplete"] == "one-time-code"
    assert code["inputmode"] == "numeric"
    resend = re.search(r'<button[^>]*name="action"[^>]*value="resend"[^>]*>', body)
    assert resend
    assert "formnovalidate" in resend.group(0)


@BRANCHES
def test_confirm_with_the_right_code_moves_to_sign_in(client, stubber, htmx):
    stubber.add_response(
        "confirm_sign_up",
        {},
        {"ClientId": CLIENT_ID, "Username": EMAIL, "ConfirmationCode": "123456"},
    )
    # People paste codes with spaces; Cognito gets the digits.
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": " 123 456 "}, htmx)
    assert_step(response, htmx, SIGN_IN_URL)
    assert session.remembered_email(session_of(client)) == EMAIL
    body = follow(client, SIGN_IN_URL, htmx)
    assert "Your email is confirmed. Sign in to continue." in body
    assert input_named(body, "email")["value"] == EMAIL


@BRANCHES
@pytest.mark.parametrize("code", ["12345", "1234567", "12a456", "abcdef"])
def test_confirm_checks_the_code_format_before_asking_cognito(client, stubber, htmx, code):
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": code}, htmx)
    body = assert_rendered(response, htmx, 422)
    assert field_error(body, "code") == "Enter the 6-digit code from the email."
    assert "autofocus" in input_named(body, "code")
    assert "autofocus" not in input_named(body, "email")


@BRANCHES
def test_confirm_needs_the_code(client, htmx):
    body = assert_rendered(post(client, CONFIRM_URL, {"email": EMAIL}, htmx), htmx, 422)
    assert field_error(body, "code") == "Enter the code we sent you."
    assert input_named(body, "email")["value"] == EMAIL


CONFIRM_ERRORS = [
    # code, AWS's message (some codes are told apart by it), expected code, field, status
    ("CodeMismatchException", AWS_TEXT, "CodeMismatchException", "code", 422),
    ("ExpiredCodeException", AWS_TEXT, "ExpiredCodeException", "code", 422),
    # Unknown and confirmed accounts read as a wrong code (see test_no_enumeration.py).
    ("UserNotFoundException", AWS_TEXT, "CodeMismatchException", "code", 422),
    ("LimitExceededException", AWS_TEXT, "LimitExceededException", None, 429),
    ("TooManyFailedAttemptsException", AWS_TEXT, "TooManyFailedAttemptsException", None, 429),
    ("TooManyRequestsException", AWS_TEXT, "TooManyRequestsException", None, 429),
    ("InternalErrorException", AWS_TEXT, "InternalErrorException", None, 503),
]


@BRANCHES
@pytest.mark.parametrize(("code", "aws_message", "shown", "field", "status"), CONFIRM_ERRORS)
def test_confirm_refusals(client, stubber, htmx, code, aws_message, shown, field, status):
    client_error(stubber, "confirm_sign_up", code, aws_message)
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, htmx)
    body = assert_rendered(response, htmx, status)
    assert_refusal(body, field, message(shown))
    assert input_named(body, "email")["value"] == EMAIL


def test_expired_code_points_at_the_resend_button(client, stubber):
    client_error(stubber, "confirm_sign_up", "ExpiredCodeException")
    body = assert_rendered(
        post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, False), False, 422
    )
    assert field_error(body, "code") == "This code has expired. Use “Resend code” to get a new one."


@BRANCHES
def test_resend_code_sends_a_fresh_one(client, stubber, htmx):
    stubber.add_response(
        "resend_confirmation_code", DELIVERY, {"ClientId": CLIENT_ID, "Username": EMAIL}
    )
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": "", "action": "resend"}, htmx)
    assert_step(response, htmx, CONFIRM_URL, replace=True)
    assert session.remembered_email(session_of(client)) == EMAIL
    body = follow(client, CONFIRM_URL, htmx)
    assert f"If {EMAIL} is waiting to be confirmed, we sent it a new code." in body


@BRANCHES
def test_resend_still_needs_a_valid_email(client, stubber, htmx):
    response = post(client, CONFIRM_URL, {"email": "", "action": "resend"}, htmx)
    body = assert_rendered(response, htmx, 422)
    assert field_error(body, "email") == "Enter your email address."
    assert field_error(body, "code") is None


@BRANCHES
def test_resend_ignores_a_half_typed_code(client, monkeypatch, htmx):
    sent = []
    monkeypatch.setattr(
        "auth_ui.cognito.resend_confirmation_code", lambda *, username: sent.append(username)
    )
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": "12", "action": "resend"}, htmx)
    assert_step(response, htmx, CONFIRM_URL, replace=True)
    assert sent == [EMAIL]


RESEND_ERRORS = [
    ("CodeDeliveryFailureException", "email", 422),
    *BUSY_OR_DOWN,
]


@BRANCHES
@pytest.mark.parametrize(("code", "field", "status"), RESEND_ERRORS)
def test_resend_refusals(client, stubber, htmx, code, field, status):
    client_error(stubber, "resend_confirmation_code", code, AWS_TEXT)
    response = post(client, CONFIRM_URL, {"email": EMAIL, "action": "resend"}, htmx)
    body = assert_rendered(response, htmx, status)
    assert_refusal(body, field, message(code))


@BRANCHES
def test_confirm_when_cognito_is_unreachable_is_503(client, unreachable, htmx):
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, htmx)
    body = assert_rendered(response, htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]


@pytest.mark.parametrize("url", [SIGN_UP_URL, CONFIRM_URL])
def test_credential_pages_are_never_cached_and_carry_a_strict_csp(client, url):
    response = client.get(url)
    assert_never_cached(response)
    assert "script-src 'self'" in assert_strict_csp(response)
