"""Issue 12, defect 13: when Cognito throttles (TooManyRequestsException, after the app's own
retries), the words say when to try again; still 429, still in the alert at the top."""

import pytest

from .conftest import client_error
from .pages import (
    BRANCHES,
    CONFIRM_URL,
    EMAIL,
    PASSWORD,
    SIGN_IN_URL,
    SIGN_UP_URL,
    alert,
    assert_rendered,
    post,
)

pytestmark = pytest.mark.django_db

TRY_AGAIN = "We're receiving too many requests right now. Try again in a few seconds."


@BRANCHES
@pytest.mark.parametrize(
    ("url", "method", "data"),
    [
        (SIGN_IN_URL, "initiate_auth", {"email": EMAIL, "password": PASSWORD}),
        (
            SIGN_UP_URL,
            "sign_up",
            {"email": EMAIL, "password": PASSWORD, "password_confirm": PASSWORD},
        ),
        (CONFIRM_URL, "confirm_sign_up", {"email": EMAIL, "code": "123456"}),
    ],
    ids=["sign_in", "sign_up", "confirm"],
)
def test_throttling_says_when_to_try_again(client, stubber, htmx, url, method, data):
    client_error(stubber, method, "TooManyRequestsException", status=429)
    body = assert_rendered(post(client, url, data, htmx), htmx, 429)
    assert alert(body) == [TRY_AGAIN]
