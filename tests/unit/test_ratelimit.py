"""This site's own rate limits, in allauth's shape, in front of Cognito's."""

import re

import pytest

from auth_ui import ratelimit

from .conftest import client_error
from .pages import HTMX, alert

pytestmark = pytest.mark.django_db

EMAIL = "ada@example.com"
DELIVERY = {"CodeDeliveryDetails": {"Destination": "a***@e***", "DeliveryMedium": "EMAIL"}}


def test_rules_are_read_like_allauths():
    assert ratelimit.parse("10/m/ip, 5/5m/key") == [
        ratelimit.Rule(10, 60, "ip"),
        ratelimit.Rule(5, 300, "key"),
    ]
    assert ratelimit.parse("") == []
    with pytest.raises(ValueError, match="10 per minute"):
        ratelimit.parse("10 per minute")


def wrong_sign_in(client, email=EMAIL, **extra):
    return client.post("/auth/sign-in/", {"email": email, "password": "Wr0ng-pass!"}, **extra)


def test_failed_sign_ins_for_one_email_are_limited(client, stubber, settings):
    settings.AUTH_RATE_LIMITS = {"sign_in_failed": "3/5m/key"}
    for _ in range(3):
        client_error(stubber, "initiate_auth", "NotAuthorizedException")
        assert wrong_sign_in(client).status_code == 422
    # The fourth is refused here: no call reaches Cognito (the Stubber has none queued).
    response = wrong_sign_in(client, **HTMX)
    assert response.status_code == 429
    [shown] = alert(response.content.decode())
    assert re.fullmatch(r"Too many attempts\. Try again in \d+ (seconds?|minutes?)\.", shown)
    # Another email is not affected.
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    assert wrong_sign_in(client, email="grace@example.com").status_code == 422


def test_keys_ignore_letter_case(client, stubber, settings):
    settings.AUTH_RATE_LIMITS = {"sign_in_failed": "1/5m/key"}
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    wrong_sign_in(client, email="Ada@Example.com")
    assert wrong_sign_in(client, email="ada@example.com").status_code == 429


def test_failed_sign_ins_from_one_ip_are_limited(client, stubber, settings):
    settings.AUTH_RATE_LIMITS = {"sign_in_failed": "2/m/ip"}
    for number in range(2):
        client_error(stubber, "initiate_auth", "NotAuthorizedException")
        wrong_sign_in(client, email=f"person{number}@example.com")
    assert wrong_sign_in(client, email="someone.new@example.com").status_code == 429
    other_ip = {"REMOTE_ADDR": "203.0.113.9"}
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    assert wrong_sign_in(client, email="someone.new@example.com", **other_ip).status_code == 422


def test_a_successful_sign_in_does_not_reset_the_count(client, stubber, settings, auth_result):
    settings.AUTH_RATE_LIMITS = {"sign_in_failed": "2/5m/key"}
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    wrong_sign_in(client)
    stubber.add_response("initiate_auth", auth_result(email=EMAIL))
    good = {"email": EMAIL, "password": "Str0ng-Passw0rd!"}
    assert client.post("/auth/sign-in/", good).status_code == 302
    client.logout()
    client_error(stubber, "initiate_auth", "NotAuthorizedException")
    wrong_sign_in(client)
    assert wrong_sign_in(client).status_code == 429


def test_sign_ups_from_one_ip_are_limited(client, stubber, settings):
    settings.AUTH_RATE_LIMITS = {"sign_up": "1/m/ip"}
    data = {"password": "Str0ng-Passw0rd!", "password_confirm": "Str0ng-Passw0rd!"}
    stubber.add_response("sign_up", {"UserConfirmed": False, "UserSub": "s", **DELIVERY})
    assert client.post("/auth/sign-up/", {"email": EMAIL, **data}).status_code == 302
    response = client.post("/auth/sign-up/", {"email": "grace@example.com", **data})
    assert response.status_code == 429
    assert "Too many attempts. Try again in " in response.content.decode()


@pytest.mark.parametrize(
    ("url", "data", "method"),
    [
        ("/auth/confirm/", {"email": EMAIL, "action": "resend"}, "resend_confirmation_code"),
        ("/auth/password/forgot/", {"email": EMAIL}, "forgot_password"),
        ("/auth/password/reset/", {"email": EMAIL, "action": "resend"}, "forgot_password"),
    ],
)
def test_codes_sent_to_one_email_are_limited(client, stubber, settings, url, data, method):
    settings.AUTH_RATE_LIMITS = {"send_code": "1/m/key"}
    settings.AUTH_RESEND_COOLDOWN_SECONDS = 0  # the limit itself (cooldown: test_finish_resend)
    stubber.add_response(method, DELIVERY)
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, **HTMX)
    assert response.status_code == 429
    [shown] = alert(response.content.decode())
    assert re.fullmatch(r"Too many attempts\. Try again in \d+ seconds?\.", shown)


def test_no_rules_means_no_limit(client, stubber, settings):
    settings.AUTH_RATE_LIMITS = {}
    for _ in range(12):
        client_error(stubber, "initiate_auth", "NotAuthorizedException")
        assert wrong_sign_in(client).status_code == 422
