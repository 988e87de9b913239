"""Issue 12, defect 9: a step that comes back to itself replaces its history entry.

htmx follows HX-Location by pushing its path unless told `"push": "false"`; a resend that
pushed would leave one /auth/confirm/ entry per code sent, and Back would need as many presses.
(The browser's view of the same: tests/e2e/test_finish_server_history.py.)"""

import json

import pytest

from .pages import CONFIRM_URL, DELIVERY, EMAIL, HTMX, PASSWORD, RESET_URL, SIGN_UP_URL

pytestmark = pytest.mark.django_db


def location(response) -> dict:
    assert response.status_code == 200
    return json.loads(response["HX-Location"])


@pytest.mark.parametrize(
    ("url", "method"),
    [(CONFIRM_URL, "resend_confirmation_code"), (RESET_URL, "forgot_password")],
)
def test_resend_replaces_the_steps_entry(client, stubber, settings, url, method):
    settings.AUTH_RESEND_COOLDOWN_SECONDS = 0
    for _ in range(2):
        stubber.add_response(method, DELIVERY)
        answer = client.post(url, {"email": EMAIL, "action": "resend"}, **HTMX)
        assert location(answer) == {
            "path": url,
            "target": "#auth-card",
            "swap": "outerHTML",
            "push": "false",
            "replace": url,
        }


def test_the_reset_code_step_hands_over_to_the_password_step_in_place(client):
    answer = client.post(RESET_URL, {"email": EMAIL, "code": "123456"}, **HTMX)
    assert location(answer)["push"] == "false"
    assert location(answer)["replace"] == RESET_URL


def test_a_new_step_still_gets_its_own_entry(client, stubber):
    stubber.add_response("sign_up", {"UserConfirmed": False, "UserSub": "sub-1", **DELIVERY})
    data = {"email": EMAIL, "password": PASSWORD, "password_confirm": PASSWORD}
    spec = location(client.post(SIGN_UP_URL, data, **HTMX))
    assert spec["path"] == CONFIRM_URL
    assert "push" not in spec and "replace" not in spec  # htmx pushes by default


def test_without_javascript_a_resend_is_the_usual_redirect(client, stubber):
    stubber.add_response("resend_confirmation_code", DELIVERY)
    answer = client.post(CONFIRM_URL, {"email": EMAIL, "action": "resend"})
    assert answer.status_code == 302
    assert answer["Location"] == CONFIRM_URL
    assert "HX-Location" not in answer
