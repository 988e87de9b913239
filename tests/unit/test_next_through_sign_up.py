"""`next` survives the whole way from sign-in's "Create an account" to the signed-in landing."""

import pytest

from auth_ui import session
from tests.unit.pages import session_of

from .pages import BRANCHES, DELIVERY, HTMX, input_named

pytestmark = pytest.mark.django_db

EMAIL = "ada@example.com"
PASSWORD = "Str0ng-Passw0rd!"


@pytest.fixture
def through_sign_up(client, stubber):
    """Follow the link from sign-in to sign-up with a `next`, sign up and confirm."""

    def run(next_url: str, headers: dict):
        sign_in_page = client.get("/auth/sign-in/", {"next": next_url}).content.decode()
        assert "/auth/sign-up/?next=" in sign_in_page
        sign_up_page = client.get("/auth/sign-up/", {"next": next_url}).content.decode()
        assert input_named(sign_up_page, "next")["value"] == next_url
        stubber.add_response("sign_up", {"UserConfirmed": False, "UserSub": "s", **DELIVERY})
        data = {"email": EMAIL, "password": PASSWORD, "password_confirm": PASSWORD}
        client.post("/auth/sign-up/", {**data, "next": next_url}, **headers)
        stubber.add_response("confirm_sign_up", {})
        client.post("/auth/confirm/", {"email": EMAIL, "code": "123456"}, **headers)

    return run


@BRANCHES
def test_next_is_kept_through_sign_up_and_confirm(
    client, stubber, auth_result, through_sign_up, htmx
):
    headers = HTMX if htmx else {}
    through_sign_up("/account/?tab=security", headers)
    page = client.get("/auth/sign-in/").content.decode()
    assert input_named(page, "next")["value"] == "/account/?tab=security"
    stubber.add_response("initiate_auth", auth_result(email=EMAIL))
    response = client.post(
        "/auth/sign-in/", {"email": EMAIL, "password": PASSWORD, "next": "/account/?tab=security"}
    )
    assert response["Location"] == "/account/?tab=security"
    assert session.remembered_next(session_of(client)) == ""  # used once, then gone


@pytest.mark.parametrize("remembered", ["https://evil.example/", "welcome"])
def test_a_remembered_unsafe_next_still_falls_back(
    client, stubber, auth_result, through_sign_up, remembered
):
    through_sign_up(remembered, {})
    stubber.add_response("initiate_auth", auth_result(email=EMAIL))
    response = client.post("/auth/sign-in/", {"email": EMAIL, "password": PASSWORD})
    assert response["Location"] == "/account/"
