"""The account page (login required) and sign-out (POST only, revokes, flushes)."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from botocore.exceptions import EndpointConnectionError
from django.test import Client

from .conftest import CLIENT_ID, client_error

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BRANCHES = pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
EMAIL = "ada.lovelace@example.com"
PASSWORD = "Unique-Pa55word-🦄"
SUB = "3f1c2b7e-0000-4000-8000-000000000002"
ACCOUNT_URL = "/account/"
SIGN_IN_URL = "/auth/sign-in/"
SIGN_OUT_URL = "/auth/sign-out/"
LOGIN_REDIRECT = "/auth/sign-in/?next=/account/"


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


def assert_navigates(response, htmx: bool, url: str) -> None:
    if htmx:
        assert response.status_code == 200
        assert response["HX-Redirect"] == url
        assert "Location" not in response
        body = response.content.decode()
        assert "<html" not in body
        assert 'id="auth-card"' not in body
    else:
        assert response.status_code == 302
        assert response["Location"] == url


@pytest.fixture
def signed_in(client, stubber, auth_result):
    """A person signed in through the real view, so the session holds real tokens."""
    stubber.add_response("initiate_auth", auth_result(sub=SUB, email=EMAIL))
    response = client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["cognito_tokens"]["refresh_token"] == "refresh-token"
    return client


def expect_revoke(stubber):
    stubber.add_response("revoke_token", {}, {"Token": "refresh-token", "ClientId": CLIENT_ID})


def assert_signed_out(client) -> None:
    session = client.session
    assert "_auth_user_id" not in session
    assert "cognito_tokens" not in session
    assert client.get(ACCOUNT_URL).status_code == 302


# --- account ----------------------------------------------------------------------------------


@BRANCHES
def test_account_requires_sign_in(client, htmx):
    response = client.get(ACCOUNT_URL, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, LOGIN_REDIRECT)


@BRANCHES
def test_account_shows_the_signed_in_person(signed_in, htmx):
    response = signed_in.get(ACCOUNT_URL, **(HTMX if htmx else {}))
    body = assert_rendered(response, htmx, 200)
    assert re.search(r'data-testid="account-email">\s*' + re.escape(EMAIL), body)
    assert buttons(body) == ["Sign out"]
    form = next(a for t, a in tags(body) if t == "form" and a.get("action") == SIGN_OUT_URL)
    assert form["method"] == "post"
    assert 'name="csrfmiddlewaretoken"' in body
    # The tokens stay on the server.
    assert "refresh-token" not in body
    assert "access-token" not in body
    assert signed_in.session["cognito_tokens"]["id_token"] not in body


def test_account_page_has_a_strict_csp(signed_in):
    csp = signed_in.get(ACCOUNT_URL)["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_account_page_is_not_cached(signed_in):
    cache_control = signed_in.get(ACCOUNT_URL).get("Cache-Control", "")
    assert "no-store" in cache_control


def test_account_is_get_only(signed_in):
    assert signed_in.post(ACCOUNT_URL).status_code == 405


# --- sign-out ---------------------------------------------------------------------------------


@BRANCHES
def test_sign_out_is_post_only(signed_in, htmx):
    response = signed_in.get(SIGN_OUT_URL, **(HTMX if htmx else {}))
    assert response.status_code == 405
    assert "_auth_user_id" in signed_in.session


@BRANCHES
def test_sign_out_revokes_the_refresh_token_and_flushes_the_session(signed_in, stubber, htmx):
    expect_revoke(stubber)
    key_before = signed_in.session.session_key
    response = signed_in.post(SIGN_OUT_URL, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, SIGN_IN_URL)
    assert signed_in.session.session_key != key_before
    assert_signed_out(signed_in)
    body = assert_rendered(signed_in.get(SIGN_IN_URL), False, 200)
    assert "You have signed out." in body


@BRANCHES
@pytest.mark.parametrize("code", ["InternalErrorException", "NotAuthorizedException"])
def test_a_revoke_failure_still_signs_out(signed_in, stubber, htmx, code):
    client_error(stubber, "revoke_token", code, "AWS-ONLY-WORDING-4242", 500)
    response = signed_in.post(SIGN_OUT_URL, **(HTMX if htmx else {}))
    assert_navigates(response, htmx, SIGN_IN_URL)
    assert_signed_out(signed_in)
    body = signed_in.get(SIGN_IN_URL).content.decode()
    assert "You have signed out." in body
    assert "AWS-ONLY-WORDING-4242" not in body


def test_an_unreachable_cognito_still_signs_out(signed_in, monkeypatch):
    def refuse_to_connect():
        raise EndpointConnectionError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/")

    monkeypatch.setattr("auth_ui.cognito.api.cognito_client", refuse_to_connect)
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
    body_tag = next(a for t, a in tags(page) if t == "body")
    header_token = json.loads(body_tag["hx-headers"])["x-csrftoken"]
    expect_revoke(stubber)
    response = client.post(SIGN_OUT_URL, HTTP_X_CSRFTOKEN=header_token)
    assert_navigates(response, False, SIGN_IN_URL)
    assert "_auth_user_id" not in client.session
