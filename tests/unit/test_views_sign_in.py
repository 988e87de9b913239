"""Sign-in, its detours (unconfirmed, reset required, new password required), CSRF and `next`."""

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape

from auth_ui import session
from auth_ui.cognito import Tokens
from auth_ui.messages import INCORRECT_CREDENTIALS, UNAVAILABLE, WAIT_AND_RETRY
from auth_ui.models import CognitoIdentity
from tests.unit.pages import session_of

from .conftest import CLIENT_ID, POLICY_TEXT, client_error, expect_get_user
from .pages import (
    ACCOUNT_URL,
    AWS_TEXT,
    BRANCHES,
    CONFIRM_URL,
    DELIVERY,
    EMAIL,
    HTMX,
    NEW_PASSWORD_URL,
    PASSWORD,
    RESET_URL,
    SIGN_IN_URL,
    alert,
    assert_field_error,
    assert_form,
    assert_navigates,
    assert_never_cached,
    assert_refusal,
    assert_rendered,
    assert_step,
    assert_strict_csp,
    csrf_header_token,
    field_error,
    follow,
    input_named,
    message,
    post,
    without_csrf_tokens,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Pa55word-🐙"
SUB = "3f1c2b7e-0000-4000-8000-000000000001"
SESSION = "challenge-session-token"
UNSAFE_NEXT = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    # Not a path: `redirect()` would take these for view names (NoReverseMatch, a 500).
    "foo",
    "sign_in",
    "auth_ui:account",
]


def sign_in_data(**overrides):
    return {"email": EMAIL, "password": PASSWORD, **overrides}


def expect_initiate(stubber, response, password=PASSWORD):
    stubber.add_response(
        "initiate_auth",
        response,
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": EMAIL, "PASSWORD": password},
        },
    )


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- the page ---------------------------------------------------------------------------------


@BRANCHES
def test_sign_in_page_renders(client, htmx):
    body = assert_rendered(client.get(SIGN_IN_URL, **(HTMX if htmx else {})), htmx, 200)
    assert_form(
        body,
        labels={"email": "Email", "password": "Password"},
        autocomplete={"email": "email", "password": "current-password"},
        buttons=["Sign in"],
    )
    assert input_named(body, "password")["type"] == "password"
    assert 'href="/auth/password/forgot/"' in body
    assert 'href="/auth/sign-up/"' in body


@BRANCHES
def test_a_fresh_sign_in_page_focuses_the_email_field(client, htmx):
    body = assert_rendered(client.get(SIGN_IN_URL, **(HTMX if htmx else {})), htmx, 200)
    assert "autofocus" in input_named(body, "email")


def test_full_pages_give_htmx_the_csrf_token(client):
    body = client.get(SIGN_IN_URL).content.decode()
    token = csrf_header_token(body)
    assert token
    assert input_named(body, "csrfmiddlewaretoken")["value"] == token


@BRANCHES
def test_next_from_the_query_string_is_carried_in_the_form(client, htmx):
    body = assert_rendered(
        client.get(SIGN_IN_URL, {"next": "/account/?tab=1"}, **(HTMX if htmx else {})), htmx, 200
    )
    assert input_named(body, "next")["value"] == "/account/?tab=1"


# --- success ----------------------------------------------------------------------------------


@BRANCHES
def test_sign_in_logs_in_and_keeps_the_tokens_server_side(client, stubber, auth_result, htmx):
    result = auth_result(sub=SUB, email=EMAIL)
    expect_initiate(stubber, result)
    response = post(client, SIGN_IN_URL, sign_in_data(), htmx)
    assert_navigates(response, htmx, ACCOUNT_URL)

    user = get_user_model().objects.get()
    assert user.email == EMAIL
    assert not user.has_usable_password()
    assert CognitoIdentity.objects.get(sub=SUB).user == user
    assert signed_in_user_id(client) == str(user.pk)
    assert session.stored_tokens(session_of(client)) == Tokens(
        id_token=result["AuthenticationResult"]["IdToken"],
        access_token="access-token",
        refresh_token="refresh-token",
        expires_in=3600,
    )
    # Tokens live in the server-side session only: not in a cookie, not in the page.
    for cookie in response.cookies.values():
        assert "access-token" not in cookie.value
        assert "refresh-token" not in cookie.value
    assert "access-token" not in response.content.decode()
    assert PASSWORD not in response.content.decode()


def test_sign_in_cycles_the_session_key(client, stubber, auth_result):
    session = client.session
    session["something"] = "before"
    session.save()
    before = session.session_key
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    assert post(client, SIGN_IN_URL, sign_in_data(), False).status_code == 302
    assert client.session.session_key != before
    assert client.session["something"] == "before"


def test_a_later_sign_in_finds_the_same_user_and_syncs_the_email(client, stubber, auth_result):
    user = get_user_model().objects.create(username="someone", email="old@example.com")
    CognitoIdentity.objects.create(user=user, sub=SUB)
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    assert post(client, SIGN_IN_URL, sign_in_data(), False).status_code == 302
    assert get_user_model().objects.count() == 1
    user.refresh_from_db()
    assert user.email == EMAIL
    assert signed_in_user_id(client) == str(user.pk)


@BRANCHES
def test_sign_in_honours_a_safe_next(client, stubber, auth_result, htmx):
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    response = post(client, SIGN_IN_URL, sign_in_data(next="/account/?tab=1"), htmx)
    assert_navigates(response, htmx, "/account/?tab=1")


@BRANCHES
@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_sign_in_ignores_an_unsafe_next(client, stubber, auth_result, htmx, next_url):
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    response = post(client, SIGN_IN_URL, sign_in_data(next=next_url), htmx)
    assert_navigates(response, htmx, ACCOUNT_URL)


@pytest.mark.parametrize(
    ("query", "expected"), [("/account/%3Ftab%3D1", "/account/?tab=1"), ("foo", ACCOUNT_URL)]
)
def test_next_in_the_query_string_is_used_by_a_plain_post(
    client, stubber, auth_result, query, expected
):
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    response = client.post(f"{SIGN_IN_URL}?next={query}", sign_in_data())
    assert_navigates(response, False, expected)
    assert signed_in_user_id(client) is not None


@BRANCHES
def test_the_account_page_works_after_signing_in(client, stubber, auth_result, htmx):
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    post(client, SIGN_IN_URL, sign_in_data(), htmx)
    expect_get_user(stubber, email=EMAIL)
    body = assert_rendered(client.get(ACCOUNT_URL, **(HTMX if htmx else {})), htmx, 200)
    assert EMAIL in body


@BRANCHES
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("", ACCOUNT_URL), ("/account/?tab=1", "/account/?tab=1")]
    + [(unsafe, ACCOUNT_URL) for unsafe in UNSAFE_NEXT],
)
def test_a_signed_in_person_skips_the_sign_in_page(
    client, stubber, auth_result, htmx, next_url, expected
):
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    post(client, SIGN_IN_URL, sign_in_data(), False)
    response = client.get(SIGN_IN_URL, {"next": next_url}, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, expected)


# --- refusals ---------------------------------------------------------------------------------


@BRANCHES
def test_wrong_password_and_unknown_user_answer_alike(client, stubber, htmx):
    client_error(stubber, "initiate_auth", "NotAuthorizedException", AWS_TEXT)
    client_error(stubber, "initiate_auth", "UserNotFoundException", AWS_TEXT)
    first = post(client, SIGN_IN_URL, sign_in_data(), htmx)
    second = post(client, SIGN_IN_URL, sign_in_data(), htmx)
    bodies = [assert_rendered(r, htmx, 422) for r in (first, second)]
    assert [alert(b) for b in bodies] == [[str(INCORRECT_CREDENTIALS)]] * 2
    assert without_csrf_tokens(bodies[0]) == without_csrf_tokens(bodies[1])


SIGN_IN_ERRORS = [
    # code, AWS's message, shown as, status
    ("NotAuthorizedException", AWS_TEXT, INCORRECT_CREDENTIALS, 422),
    ("UserNotFoundException", AWS_TEXT, INCORRECT_CREDENTIALS, 422),
    ("NotAuthorizedException", "Password attempts exceeded", WAIT_AND_RETRY, 429),
    ("InvalidParameterException", AWS_TEXT, message("InvalidParameterException"), 422),
    ("LimitExceededException", AWS_TEXT, WAIT_AND_RETRY, 429),
    ("TooManyFailedAttemptsException", AWS_TEXT, WAIT_AND_RETRY, 429),
    ("TooManyRequestsException", AWS_TEXT, message("TooManyRequestsException"), 429),
    ("InternalErrorException", AWS_TEXT, UNAVAILABLE, 503),
    ("SomethingNewException", AWS_TEXT, UNAVAILABLE, 503),
]


@BRANCHES
@pytest.mark.parametrize(("code", "aws_message", "shown", "status"), SIGN_IN_ERRORS)
def test_sign_in_refusals(client, stubber, htmx, code, aws_message, shown, status):
    client_error(stubber, "initiate_auth", code, aws_message)
    response = post(client, SIGN_IN_URL, sign_in_data(next="/account/?tab=1"), htmx)
    body = assert_rendered(response, htmx, status)
    assert_refusal(body, None, str(shown))
    assert "Password attempts exceeded" not in body
    assert PASSWORD not in body
    assert "Pa55word" not in body
    assert input_named(body, "email")["value"] == EMAIL
    assert "value" not in input_named(body, "password")
    assert input_named(body, "next")["value"] == "/account/?tab=1"
    assert signed_in_user_id(client) is None
    assert session.stored_tokens(session_of(client)) is None


@BRANCHES
def test_missing_fields_are_field_errors(client, htmx):
    body = assert_rendered(post(client, SIGN_IN_URL, {"email": EMAIL}, htmx), htmx, 422)
    password = assert_field_error(body, "password", "Enter your password.")
    assert password["aria-describedby"] == "id_password_error"
    assert alert(body) is None


@BRANCHES
def test_sign_in_when_cognito_is_unreachable_is_503(client, unreachable, htmx):
    response = post(client, SIGN_IN_URL, sign_in_data(), htmx)
    body = assert_rendered(response, htmx, 503)
    assert alert(body) == [str(UNAVAILABLE)]
    assert "EndpointConnectionError" not in body
    assert PASSWORD not in body


@BRANCHES
def test_an_id_token_signed_by_someone_else_is_refused(client, stubber, make_id_token, htmx):
    intruder = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = {
        "AuthenticationResult": {
            "IdToken": make_id_token(sub=SUB, key=intruder),
            "AccessToken": "access-token",
            "RefreshToken": "refresh-token",
            "ExpiresIn": 3600,
        }
    }
    expect_initiate(stubber, forged)
    # Not an outage: this sign-in can't be trusted.
    body = assert_rendered(post(client, SIGN_IN_URL, sign_in_data(), htmx), htmx, 422)
    assert alert(body) == [message("InvalidIdToken")]
    assert signed_in_user_id(client) is None
    assert session.stored_tokens(session_of(client)) is None
    assert not CognitoIdentity.objects.exists()


def test_an_inactive_local_user_cannot_sign_in(client, stubber, auth_result):
    user = get_user_model().objects.create(username="gone", email=EMAIL, is_active=False)
    CognitoIdentity.objects.create(user=user, sub=SUB)
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    body = assert_rendered(post(client, SIGN_IN_URL, sign_in_data(), False), False, 422)
    assert alert(body) == [str(INCORRECT_CREDENTIALS)]
    assert signed_in_user_id(client) is None
    assert session.stored_tokens(session_of(client)) is None


@BRANCHES
def test_an_unsupported_challenge_is_explained(client, stubber, htmx):
    expect_initiate(stubber, {"ChallengeName": "CUSTOM_CHALLENGE", "Session": SESSION})
    body = assert_rendered(post(client, SIGN_IN_URL, sign_in_data(), htmx), htmx, 422)
    assert alert(body) == [message("UnsupportedChallenge")]
    assert session.pending_sign_in(session_of(client)) is None


# --- detours ----------------------------------------------------------------------------------


@BRANCHES
def test_an_unconfirmed_user_gets_a_fresh_code_and_the_confirm_step(client, stubber, htmx):
    client_error(stubber, "initiate_auth", "UserNotConfirmedException", AWS_TEXT)
    stubber.add_response(
        "resend_confirmation_code", DELIVERY, {"ClientId": CLIENT_ID, "Username": EMAIL}
    )
    response = post(client, SIGN_IN_URL, sign_in_data(), htmx)
    assert_step(response, htmx, CONFIRM_URL)
    assert session.remembered_email(session_of(client)) == EMAIL
    assert signed_in_user_id(client) is None
    body = follow(client, CONFIRM_URL, htmx)
    assert "Confirm your email first: we sent you a new code." in body
    assert input_named(body, "email")["value"] == EMAIL
    assert AWS_TEXT not in body


def test_an_unconfirmed_user_still_reaches_the_confirm_step_when_resend_fails(client, stubber):
    client_error(stubber, "initiate_auth", "UserNotConfirmedException")
    client_error(stubber, "resend_confirmation_code", "LimitExceededException", AWS_TEXT)
    assert_step(post(client, SIGN_IN_URL, sign_in_data(), False), False, CONFIRM_URL)
    body = follow(client, CONFIRM_URL, False)
    assert escape(str(WAIT_AND_RETRY)) in body
    assert AWS_TEXT not in body


@BRANCHES
def test_password_reset_required_sends_a_code_and_the_reset_step(client, stubber, htmx):
    client_error(stubber, "initiate_auth", "PasswordResetRequiredException", AWS_TEXT)
    stubber.add_response("forgot_password", DELIVERY, {"ClientId": CLIENT_ID, "Username": EMAIL})
    response = post(client, SIGN_IN_URL, sign_in_data(), htmx)
    assert_step(response, htmx, RESET_URL)
    assert session.remembered_email(session_of(client)) == EMAIL
    body = follow(client, RESET_URL, htmx)
    assert "You need a new password: we sent a code to your email." in body
    assert input_named(body, "email")["value"] == EMAIL


def test_password_reset_required_reaches_the_reset_step_when_sending_fails(client, stubber):
    client_error(stubber, "initiate_auth", "PasswordResetRequiredException")
    client_error(stubber, "forgot_password", "TooManyRequestsException", AWS_TEXT)
    assert_step(post(client, SIGN_IN_URL, sign_in_data(), False), False, RESET_URL)
    body = follow(client, RESET_URL, False)
    assert escape(message("TooManyRequestsException")) in body


def start_new_password_challenge(client, stubber, htmx, **data):
    expect_initiate(
        stubber,
        {
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": SESSION,
            "ChallengeParameters": {"USER_ID_FOR_SRP": EMAIL},
        },
    )
    return post(client, SIGN_IN_URL, sign_in_data(**data), htmx)


def expect_new_password(stubber, response):
    stubber.add_response(
        "respond_to_auth_challenge",
        response,
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": SESSION,
            "ChallengeResponses": {"USERNAME": EMAIL, "NEW_PASSWORD": NEW_PASSWORD},
        },
    )


def new_password_data(**overrides):
    return {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, **overrides}


@BRANCHES
def test_new_password_required_then_signed_in(client, stubber, auth_result, htmx):
    response = start_new_password_challenge(client, stubber, htmx, next="/account/?tab=1")
    assert_step(response, htmx, NEW_PASSWORD_URL)
    pending = session.pending_sign_in(session_of(client))
    assert (pending.challenge.name, pending.challenge.session) == ("NEW_PASSWORD_REQUIRED", SESSION)
    assert pending.challenge.username == EMAIL
    assert signed_in_user_id(client) is None
    assert SESSION not in response.content.decode()

    body = follow(client, NEW_PASSWORD_URL, htmx)
    assert "Choose a new password to finish signing in." in body
    assert_form(
        body,
        labels={"password": "New password", "password_confirm": "Confirm password"},
        autocomplete={"password": "new-password", "password_confirm": "new-password"},
        buttons=["Set new password"],
    )
    assert SESSION not in body

    expect_new_password(stubber, auth_result(sub=SUB, email=EMAIL))
    response = post(client, NEW_PASSWORD_URL, new_password_data(), htmx)
    assert_navigates(response, htmx, "/account/?tab=1")
    assert signed_in_user_id(client) is not None
    assert session.pending_sign_in(session_of(client)) is None
    assert session.remembered_next(session_of(client)) == ""
    assert session.stored_tokens(session_of(client)).refresh_token == "refresh-token"
    assert NEW_PASSWORD not in response.content.decode()


@BRANCHES
@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_new_password_step_ignores_an_unsafe_next(client, stubber, auth_result, htmx, next_url):
    start_new_password_challenge(client, stubber, htmx, next=next_url)
    expect_new_password(stubber, auth_result(sub=SUB, email=EMAIL))
    response = post(client, NEW_PASSWORD_URL, new_password_data(), htmx)
    assert_navigates(response, htmx, ACCOUNT_URL)


@BRANCHES
def test_new_password_step_without_a_challenge_goes_back_to_sign_in(client, htmx):
    response = client.get(NEW_PASSWORD_URL, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, SIGN_IN_URL)
    response = post(client, NEW_PASSWORD_URL, new_password_data(), htmx)
    assert_navigates(response, htmx, SIGN_IN_URL)


@BRANCHES
def test_new_password_mismatch_is_a_field_error(client, stubber, htmx):
    start_new_password_challenge(client, stubber, htmx)
    response = post(client, NEW_PASSWORD_URL, new_password_data(password_confirm="other"), htmx)
    body = assert_rendered(response, htmx, 422)
    assert field_error(body, "password_confirm") == "The two passwords don't match."
    assert "autofocus" in input_named(body, "password_confirm")
    assert NEW_PASSWORD not in body
    assert session.pending_sign_in(session_of(client)) is not None


NEW_PASSWORD_ERRORS = [
    # code, AWS's message, field, shown, status
    # The policy stands under the field already (its help text): the error doesn't repeat it.
    ("InvalidPasswordException", AWS_TEXT, "password", "Choose a stronger password.", 422),
    ("InvalidParameterException", AWS_TEXT, None, message("InvalidParameterException"), 422),
    ("TooManyRequestsException", AWS_TEXT, None, message("TooManyRequestsException"), 429),
    ("InternalErrorException", AWS_TEXT, None, str(UNAVAILABLE), 503),
]


@BRANCHES
@pytest.mark.parametrize(("code", "aws_message", "field", "shown", "status"), NEW_PASSWORD_ERRORS)
def test_new_password_refusals(client, stubber, htmx, code, aws_message, field, shown, status):
    start_new_password_challenge(client, stubber, htmx)
    client_error(stubber, "respond_to_auth_challenge", code, aws_message)
    response = post(client, NEW_PASSWORD_URL, new_password_data(), htmx)
    body = assert_rendered(response, htmx, status)
    assert_refusal(body, field, shown)
    assert NEW_PASSWORD not in body
    assert PASSWORD not in body
    assert signed_in_user_id(client) is None


@BRANCHES
def test_an_expired_challenge_goes_back_to_sign_in_with_a_notice(client, stubber, htmx):
    start_new_password_challenge(client, stubber, htmx)
    client_error(
        stubber,
        "respond_to_auth_challenge",
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    response = post(client, NEW_PASSWORD_URL, new_password_data(), htmx)
    assert_step(response, htmx, SIGN_IN_URL)
    assert session.pending_sign_in(session_of(client)) is None
    body = follow(client, SIGN_IN_URL, htmx)
    assert message("SessionExpired") in body
    assert signed_in_user_id(client) is None
    # The stage is over: its page sends the person to sign in.
    assert_navigates(client.get(NEW_PASSWORD_URL), False, SIGN_IN_URL)


@BRANCHES
def test_a_weak_new_password_is_refused_without_asking_cognito(client, stubber, htmx):
    start_new_password_challenge(client, stubber, htmx)
    weak = {"password": "short", "password_confirm": "short"}
    body = assert_rendered(post(client, NEW_PASSWORD_URL, weak, htmx), htmx, 422)
    assert field_error(body, "password") == "Choose a stronger password."
    assert body.count(POLICY_TEXT) == 1
    assert session.pending_sign_in(session_of(client)) is not None


# --- CSRF and headers -------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_gets_the_friendly_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SIGN_IN_URL, sign_in_data())
    assert response.status_code == 403
    body = response.content.decode()
    assert "<html" in body
    assert "Please try again" in body
    assert "This form had expired, for your security." in body
    assert "CSRF verification failed" not in body
    assert "Traceback" not in body
    assert PASSWORD not in body


def test_an_htmx_post_without_the_csrf_header_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.get(SIGN_IN_URL)
    response = client.post(SIGN_IN_URL, sign_in_data(), **HTMX)
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()


def test_the_form_token_lets_a_plain_post_through(stubber, auth_result):
    client = Client(enforce_csrf_checks=True)
    body = client.get(SIGN_IN_URL).content.decode()
    token = input_named(body, "csrfmiddlewaretoken")["value"]
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    response = client.post(SIGN_IN_URL, {**sign_in_data(), "csrfmiddlewaretoken": token})
    assert_navigates(response, False, ACCOUNT_URL)


def test_the_hx_headers_token_lets_an_htmx_post_through(stubber, auth_result):
    client = Client(enforce_csrf_checks=True)
    body = client.get(SIGN_IN_URL).content.decode()
    token = csrf_header_token(body)
    expect_initiate(stubber, auth_result(sub=SUB, email=EMAIL))
    response = client.post(SIGN_IN_URL, sign_in_data(), HTTP_X_CSRFTOKEN=token, **HTMX)
    assert_navigates(response, True, ACCOUNT_URL)


@BRANCHES
def test_sign_in_responses_are_never_cached_and_carry_a_strict_csp(client, stubber, htmx):
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    for response in (
        client.get(SIGN_IN_URL, **(HTMX if htmx else {})),
        post(client, SIGN_IN_URL, sign_in_data(), htmx),
    ):
        assert_never_cached(response)
        assert "default-src 'self'" in assert_strict_csp(response)
        assert response["X-Frame-Options"] == "DENY"
