"""The one check on `next`: only paths on this site, else the account page."""

import pytest

from auth_ui.next_url import safe_next_url

UNSAFE = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/account/",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    " //evil.example",
    "https://testserver.evil.example/",
    # Not URLs at all: never handed to `redirect()`, which would take them for view names.
    "foo",
    "welcome",
    "auth_ui:account",
    "?tab=1",
    "ftp://testserver/",
]


@pytest.mark.parametrize("candidate", UNSAFE)
def test_unsafe_next_falls_back_to_the_account_page(rf, candidate):
    assert safe_next_url(rf.get("/"), candidate) == "/account/"


@pytest.mark.parametrize("candidate", [None, ""])
def test_no_next_means_the_account_page(rf, candidate):
    assert safe_next_url(rf.get("/"), candidate) == "/account/"


@pytest.mark.parametrize("candidate", ["/account/?tab=1", "/", "/account/#details"])
def test_a_path_on_this_site_is_honoured(rf, candidate):
    assert safe_next_url(rf.get("/"), candidate) == candidate


def test_an_absolute_url_on_this_host_is_honoured(rf):
    assert safe_next_url(rf.get("/"), "http://testserver/account/") == "http://testserver/account/"


def test_a_secure_request_refuses_to_drop_to_http(rf):
    request = rf.get("/", secure=True)
    assert safe_next_url(request, "http://testserver/account/") == "/account/"
    assert safe_next_url(request, "https://testserver/account/") == "https://testserver/account/"


def test_the_fallback_follows_login_redirect_url(rf, settings):
    settings.LOGIN_REDIRECT_URL = "/elsewhere/"
    assert safe_next_url(rf.get("/"), "//evil.example") == "/elsewhere/"
