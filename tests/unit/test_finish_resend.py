"""Issue 12, defect 12: "Resend code" says how long to wait, and rests while it must.

After every resend the button rests 30 s; past this site's own limit it rests until the limit's
window ends, and the refusal says how long. Both are rendered by the server: the button is
`disabled`, with the seconds left in `data-wait-seconds` (for the script that counts down) and
as m:ss in its text. Cognito's own LimitExceededException says "a few minutes": it tells no time.
"""

import re
from types import SimpleNamespace

import pytest

from auth_ui import ratelimit, session
from auth_ui.messages import WAIT_AND_RETRY, duration

from .conftest import client_error
from .pages import BRANCHES, CONFIRM_URL, DELIVERY, EMAIL, HTMX, RESET_URL, alert, post

pytestmark = pytest.mark.django_db

NOW = 1_800_000_000.0  # a fixed clock: 300 * 6_000_000, the start of a five-minute window
STEPS = pytest.mark.parametrize(
    ("url", "method"),
    [(CONFIRM_URL, "resend_confirmation_code"), (RESET_URL, "forgot_password")],
    ids=["confirm", "reset"],
)
RESEND = re.compile(r'<button type="submit" name="action" value="resend"[^>]*>.*?</button>', re.S)


@pytest.fixture
def clock(monkeypatch):
    now = [NOW]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


def remember(client):
    """The step's address is known (a code was sent to it from the step before)."""
    store = client.session
    session.remember_email(SimpleNamespace(session=store), EMAIL)
    store.save()


def resend_button(body: str) -> str:
    [button] = RESEND.findall(body)
    return button


def assert_resting(body: str, seconds: int) -> None:
    button = resend_button(body)
    assert " disabled " in button
    assert f'data-wait-seconds="{seconds}"' in button
    clock = f"{seconds // 60}:{seconds % 60:02d}"
    assert f'<time data-wait-countdown datetime="PT{seconds}S">{clock}</time>' in button


def assert_ready(body: str) -> None:
    button = resend_button(body)
    assert "disabled" not in button
    assert "data-wait-seconds" not in button


@BRANCHES
@STEPS
def test_after_a_resend_the_button_rests_30_seconds(client, stubber, clock, htmx, url, method):
    stubber.add_response(method, DELIVERY)
    post(client, url, {"email": EMAIL, "action": "resend"}, htmx)
    body = client.get(url, **(HTMX if htmx else {})).content.decode()
    assert_resting(body, 30)
    clock[0] += 12
    assert_resting(client.get(url).content.decode(), 18)
    clock[0] += 18
    assert_ready(client.get(url).content.decode())


@STEPS
def test_a_resend_while_resting_is_refused_with_the_time_left(client, stubber, clock, url, method):
    stubber.add_response(method, DELIVERY)
    client.post(url, {"email": EMAIL, "action": "resend"})
    clock[0] += 5
    response = client.post(url, {"email": EMAIL, "action": "resend"}, **HTMX)  # not sent on
    assert response.status_code == 429
    body = response.content.decode()
    assert alert(body) == ["We just sent you a code. You can ask for another in 25 seconds."]
    assert_resting(body, 25)


@STEPS
def test_past_the_limit_the_wait_is_said_and_the_button_rests(
    client, stubber, clock, settings, url, method
):
    settings.AUTH_RATE_LIMITS = {"send_code": "3/5m/key"}
    settings.AUTH_RESEND_COOLDOWN_SECONDS = 0
    remember(client)
    clock[0] += 60  # four minutes left in the window
    for _ in range(3):
        stubber.add_response(method, DELIVERY)
        assert client.post(url, {"email": EMAIL, "action": "resend"}).status_code == 302
    assert_resting(client.get(url).content.decode(), 240)
    response = client.post(url, {"email": EMAIL, "action": "resend"}, **HTMX)
    assert response.status_code == 429
    body = response.content.decode()
    assert alert(body) == ["Too many attempts. Try again in 4 minutes."]
    assert_resting(body, 240)


@STEPS
def test_cognitos_own_limit_says_a_few_minutes(client, stubber, url, method):
    """Cognito doesn't say for how long: the words say "a few minutes", the button stays."""
    remember(client)
    client_error(stubber, method, "LimitExceededException")
    response = client.post(url, {"email": EMAIL, "action": "resend"}, **HTMX)
    assert response.status_code == 429
    body = response.content.decode()
    assert alert(body) == [str(WAIT_AND_RETRY)]
    assert "a few minutes" in str(WAIT_AND_RETRY)
    assert_ready(body)


def test_a_fresh_step_offers_resend_at_once(client):
    assert_ready(client.get(CONFIRM_URL).content.decode())


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (25, "25 seconds"), (60, "1 minute"), (61, "2 minutes"), (240, "4 minutes")],
)
def test_durations_read_as_people_say_them(seconds, words):
    assert duration(seconds) == words
