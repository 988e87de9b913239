"""Issue 12, defect 14: a signed-in person asking for sign-up, confirm or a password reset goes
to the account (or a safe `next`), as sign-in already does; never to a form for a stranger."""

import pytest

from .pages import (
    ACCOUNT_URL,
    BRANCHES,
    CONFIRM_URL,
    FORGOT_URL,
    HTMX,
    RESET_URL,
    SIGN_UP_URL,
    assert_rendered,
)

pytestmark = pytest.mark.django_db

SIGNED_OUT_STEPS = pytest.mark.parametrize("url", [SIGN_UP_URL, CONFIRM_URL, FORGOT_URL, RESET_URL])


@pytest.fixture
def signed_in(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="ada"))
    return client


@SIGNED_OUT_STEPS
def test_a_signed_in_person_goes_to_the_account(signed_in, url):
    response = signed_in.get(url)
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT_URL


@SIGNED_OUT_STEPS
def test_with_htmx_it_is_a_real_navigation(signed_in, url):
    response = signed_in.get(url, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == ACCOUNT_URL
    assert 'id="auth-card"' not in response.content.decode()


@SIGNED_OUT_STEPS
@pytest.mark.parametrize(
    ("next_url", "lands"),
    [("/account/security/", "/account/security/"), ("https://evil.example/", ACCOUNT_URL)],
    ids=["safe", "unsafe"],
)
def test_a_safe_next_is_followed(signed_in, url, next_url, lands):
    response = signed_in.get(url, {"next": next_url})
    assert response["Location"] == lands


@BRANCHES
@SIGNED_OUT_STEPS
def test_signed_out_people_still_get_the_form(client, url, htmx):
    assert_rendered(client.get(url, **(HTMX if htmx else {})), htmx, 200)
