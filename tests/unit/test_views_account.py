"""Signing out (POST only, revokes, flushes); the account page needs a signed-in person (the
rest of it: test_account.py)."""

import pytest
from django.test import Client

from auth_ui import session
from tests.unit.pages import session_of

from .conftest import CLIENT_ID, client_error
from .pages import (
    ACCOUNT_URL,
    AWS_TEXT,
    BRANCHES,
    EMAIL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    SIGN_OUT_URL,
    assert_navigates,
    assert_rendered,
    csrf_header_token,
    input_named,
)

pytestmark = pytest.mark.django_db

SUB = "3f1c2b7e-0000-4000-8000-000000000002"
LOGIN_REDIRECT = "/auth/sign-in/?next=/account/"


@pytest.fixture
def signed_in(client, stubber, auth_result):
    """A person signed in through the real view, so the session holds real tokens."""
    stubber.add_response("initiate_auth", auth_result(sub=SUB, email=EMAIL))
    response = client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert session.stored_tokens(session_of(client)).refresh_token == "refresh-token"
    return client


def expect_revoke(stubber):
    stubber.add_response("revoke_token", {}, {"Token": "refresh-token", "ClientId": CLIENT_ID})


def assert_signed_out(client) -> None:
    assert "_auth_user_id" not in client.session
    assert session.stored_tokens(session_of(client)) is None
    assert client.get(ACCOUNT_URL).status_code == 302


# --- account ----------------------------------------------------------------------------------


@BRANCHES
def test_account_requires_sign_in(client, htmx):
    response = client.get(ACCOUNT_URL, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, LOGIN_REDIRECT)


# --- sign-out ---------------------------------------------------------------------------------


@BRANCHES
def test_sign_out_is_post_only(signed_in, htmx):
    response = signed_in.get(SIGN_OUT_URL, **(HTMX if htmx else {}))
    assert response.status_code == 405
    assert "_auth_user_id" in signed_in.session


@BRANCHES
def test_sign_out_revokes_the_refresh_token_and_flushes_the_session(
    signed_in, stubber, cognito_calls, htmx
):
    expect_revoke(stubber)
    key_before = signed_in.session.session_key
    response = signed_in.post(SIGN_OUT_URL, **(HTMX if htmx else {}))
    assert cognito_calls == [("RevokeToken", {"Token": "refresh-token", "ClientId": CLIENT_ID})]
    assert_navigates(response, htmx, SIGN_IN_URL)
    assert signed_in.session.session_key != key_before
    assert_signed_out(signed_in)
    body = assert_rendered(signed_in.get(SIGN_IN_URL), False, 200)
    assert "You have signed out." in body


@BRANCHES
@pytest.mark.parametrize("code", ["InternalErrorException", "NotAuthorizedException"])
def test_a_revoke_failure_still_signs_out(signed_in, stubber, htmx, code):
    client_error(stubber, "revoke_token", code, AWS_TEXT, 500)
    response = signed_in.post(SIGN_OUT_URL, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, SIGN_IN_URL)
    assert_signed_out(signed_in)
    body = signed_in.get(SIGN_IN_URL).content.decode()
    assert "You have signed out." in body
    assert AWS_TEXT not in body


def test_an_unreachable_cognito_still_signs_out(signed_in, unreachable):
    response = signed_in.post(SIGN_OUT_URL)
    assert_navigates(response, False, SIGN_IN_URL)
    assert_signed_out(signed_in)


def test_sign_out_without_tokens_does_not_call_cognito(client, monkeypatch, django_user_model):
    calls = []
    monkeypatch.setattr("auth_ui.cognito.revoke_token", lambda **kw: calls.append(kw))
    client.force_login(django_user_model.objects.create(username="no-tokens"))
    response = client.post(SIGN_OUT_URL)
    assert_navigates(response, False, SIGN_IN_URL)
    assert calls == []
    assert_signed_out(client)


def test_sign_out_needs_the_csrf_token(stubber, auth_result):
    client = Client(enforce_csrf_checks=True)
    body = client.get(SIGN_IN_URL).content.decode()
    token = input_named(body, "csrfmiddlewaretoken")["value"]
    stubber.add_response("initiate_auth", auth_result(sub=SUB, email=EMAIL))
    signed = client.post(
        SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert signed.status_code == 302

    refused = client.post(SIGN_OUT_URL)
    assert refused.status_code == 403
    assert "Please try again" in refused.content.decode()
    assert "Traceback" not in refused.content.decode()
    assert "_auth_user_id" in client.session

    page = client.get(ACCOUNT_URL).content.decode()
    header_token = csrf_header_token(page)
    expect_revoke(stubber)
    response = client.post(SIGN_OUT_URL, HTTP_X_CSRFTOKEN=header_token)
    assert_navigates(response, False, SIGN_IN_URL)
    assert "_auth_user_id" not in client.session
