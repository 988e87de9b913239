"""Issue 12, defect 17 (server part): "Forgot your password?" sits on the Password label's row,
right-aligned, instead of under the field; in the page (and the Tab order) it comes after the
password field, so email, Tab, password stays one smooth motion."""

import re

import pytest

from .conftest import client_error
from .pages import BRANCHES, EMAIL, HTMX, PASSWORD, SIGN_IN_URL, assert_rendered, post

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<div\s+class="relative"\s*>\s*<div id="div_id_password"[^>]*>.*?<label for="id_password"'
    r'.*?<input type="password" name="password".*?</div>\s*</div>\s*'
    r'<a class="link absolute top-0 right-0 text-sm" href="/auth/password/forgot/[^"]*">'
    r"Forgot your password\?</a>\s*</div>",
    re.S,
)


@BRANCHES
def test_the_link_is_on_the_password_labels_row(client, htmx):
    body = assert_rendered(client.get(SIGN_IN_URL, **(HTMX if htmx else {})), htmx, 200)
    assert ROW.search(body)
    assert body.count("Forgot your password?") == 1


@BRANCHES
def test_it_stays_there_after_a_refusal(client, stubber, htmx):
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    data = {"email": EMAIL, "password": PASSWORD}
    body = assert_rendered(post(client, SIGN_IN_URL, data, htmx), htmx, 422)
    assert ROW.search(body)
    assert body.count("Forgot your password?") == 1


def test_username_pools_too(client, settings):
    settings.COGNITO_USES_USERNAMES = True
    body = client.get(SIGN_IN_URL).content.decode()
    assert ROW.search(body)
    assert body.count("Forgot your password?") == 1
