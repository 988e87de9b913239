"""An empty step's page is kept in memory (auth_ui.empty_pages): the next visitor gets it exactly
as it would have been rendered for them, with their own working CSRF token, and a visitor it
would have rendered differently never gets it."""

import pytest
from django.core.cache import cache
from django.test import Client

from auth_ui import empty_pages

from .conftest import POOL_ID
from .pages import (
    CONFIRM_URL,
    FORGOT_URL,
    HTMX,
    SIGN_IN_URL,
    SIGN_OUT_URL,
    SIGN_UP_URL,
    csrf_header_token,
    input_named,
    without_csrf_tokens,
)

pytestmark = pytest.mark.django_db

EMPTY_STEPS = pytest.mark.parametrize("url", [SIGN_IN_URL, SIGN_UP_URL, FORGOT_URL, CONFIRM_URL])
HOW = pytest.mark.parametrize("how", [{}, HTMX], ids=["page", "htmx"])


@pytest.fixture(autouse=True)
def empty_memory():
    empty_pages._pages.clear()
    yield
    empty_pages._pages.clear()


@pytest.fixture
def rendered_afresh(monkeypatch):
    """The page as the visitor gets it when nothing is kept (the views' own rendering)."""

    def get(url, **extra):
        with monkeypatch.context() as patched:
            patched.setattr(empty_pages, "respond", lambda *args: None)
            return Client().get(url, **extra).content.decode()

    return get


def visit(url, **extra):
    """A new visitor (no cookies) asks for the page."""
    response = Client().get(url, **extra)
    assert response.status_code == 200
    return response


@EMPTY_STEPS
@HOW
def test_a_kept_page_is_the_page_the_visitor_would_have_got(url, how, rendered_afresh):
    first, second = visit(url, **how), visit(url, **how)
    assert len(empty_pages._pages) == 1, "the page was not kept"
    expected = without_csrf_tokens(rendered_afresh(url, **how))
    assert without_csrf_tokens(first.content.decode()) == expected
    assert without_csrf_tokens(second.content.decode()) == expected
    assert first["Vary"] == second["Vary"]
    assert "HX-Request" in second["Vary"]


def test_each_visitor_gets_their_own_token_and_it_works():
    ada, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = []
    for visitor in (ada, bob):
        page = visitor.get(SIGN_IN_URL).content.decode()
        assert empty_pages.PLACEHOLDER not in page
        token = input_named(page, "csrfmiddlewaretoken")["value"]
        assert csrf_header_token(page) == token
        assert "csrftoken" in visitor.cookies
        tokens.append(token)
    assert len(empty_pages._pages) == 1
    assert len(set(tokens)) == 2
    # Each token passes Django's CSRF check (an empty form: 422, not 403); another's cookie fails.
    assert ada.post(SIGN_IN_URL, {"csrfmiddlewaretoken": tokens[0]}).status_code == 422
    assert bob.post(SIGN_IN_URL, {"csrfmiddlewaretoken": tokens[1]}).status_code == 422
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post(SIGN_IN_URL, {"csrfmiddlewaretoken": tokens[0]}).status_code == 403


def choice(settings, *factors):
    """USER_AUTH, and the pool's sign-in policy as if DescribeUserPool had been read."""
    settings.COGNITO_SIGN_IN_FLOW = "choice"
    cache.set(f"cognito:first-factors:{POOL_ID}", factors)


# Two ways of asking for the sign-in page that render differently: the first visitor's page is
# kept, then the second visitor asks the other way.
DIFFERENT = {
    "language": ({}, {"HTTP_ACCEPT_LANGUAGE": "fr"}),
    "next": ({}, {"QUERY_STRING": "next=/account/security/"}),
    "email typed before": ({}, {"QUERY_STRING": "email=bob%40example.com"}),
    "htmx or not": ({}, HTMX),
    "history restore": (HTMX, {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}),
    "host": ({}, {"HTTP_HOST": "localhost"}),
    "mounted elsewhere": ({}, {"SCRIPT_NAME": "/people"}),
    "https": (
        {"HTTP_HOST": "auth.example.com"},
        {"HTTP_HOST": "auth.example.com", "secure": True},
    ),
}


@pytest.mark.parametrize("difference", DIFFERENT)
def test_never_served_to_a_request_it_would_render_differently(
    difference, settings, rendered_afresh
):
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "auth.example.com"]
    settings.COGNITO_WEBAUTHN_RP_ID = ""
    choice(settings, "PASSWORD", "EMAIL_OTP", "WEB_AUTHN")  # passkeys where https is
    first, second = DIFFERENT[difference]
    kept = visit(SIGN_IN_URL, **first).content.decode()
    served = visit(SIGN_IN_URL, **second).content.decode()
    assert without_csrf_tokens(served) != without_csrf_tokens(kept), "not a difference"
    assert without_csrf_tokens(served) == without_csrf_tokens(
        rendered_afresh(SIGN_IN_URL, **second)
    )
    assert len(empty_pages._pages) == 2


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: setattr(s, "SITE_NAME", "Acme"), id="site name"),
        pytest.param(lambda s: choice(s, "PASSWORD", "EMAIL_OTP"), id="the pool's ways in"),
        pytest.param(lambda s: setattr(s, "COGNITO_USES_USERNAMES", True), id="usernames"),
    ],
)
def test_a_change_to_the_site_is_a_different_page(change, settings, rendered_afresh):
    kept = visit(SIGN_IN_URL).content.decode()
    change(settings)
    served = visit(SIGN_IN_URL).content.decode()
    assert without_csrf_tokens(served) != without_csrf_tokens(kept), "not a difference"
    assert without_csrf_tokens(served) == without_csrf_tokens(rendered_afresh(SIGN_IN_URL))


def test_a_signed_in_person_pages_are_never_kept(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="ada"))
    assert client.get("/account/password/").status_code == 200
    assert empty_pages._pages == {}


def test_a_page_with_a_notice_is_never_kept(client):
    client.post(SIGN_OUT_URL)  # "You have signed out." waits for the next page
    assert "You have signed out." in client.get(SIGN_IN_URL).content.decode()
    assert empty_pages._pages == {}
    assert "You have signed out." not in client.get(SIGN_IN_URL).content.decode()
    assert len(empty_pages._pages) == 1  # the notice was read: the page is everyone's again


def test_a_filled_in_form_is_never_kept(client):
    assert client.post(SIGN_IN_URL, {"email": "not-an-email"}).status_code == 422
    assert empty_pages._pages == {}


def test_a_context_value_that_is_not_plain_data_is_rendered_every_time(rf):
    request = rf.get(SIGN_IN_URL)
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request._messages = []
    assert empty_pages.respond(request, "auth/form_page.html", {"x": object()}, 200) is None
    assert empty_pages._pages == {}


def test_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(empty_pages, "MAX_PAGES", 3)
    for n in range(7):
        visit(SIGN_IN_URL, QUERY_STRING=f"email=p{n}%40example.com")
    assert 0 < len(empty_pages._pages) <= 3
