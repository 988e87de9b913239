"""The app's client against the real stub over HTTP: which refusals are retried, which are not,
and the time budget that bounds how long a slow Cognito can keep a person waiting."""

import pytest
from botocore.exceptions import ReadTimeoutError

import cognito_stub
from auth_ui import cognito
from auth_ui.cognito import client as client_module


@pytest.fixture(scope="module")
def local_cognito():
    with cognito_stub.StubServer(port=0, echo=False) as stub:
        yield stub


@pytest.fixture
def on_stub(settings, local_cognito):
    settings.COGNITO_REGION = cognito_stub.REGION
    settings.COGNITO_USER_POOL_ID = cognito_stub.USER_POOL_ID
    settings.COGNITO_APP_CLIENT_ID = cognito_stub.APP_CLIENT_ID
    settings.COGNITO_ENDPOINT_URL = local_cognito.url
    local_cognito.clear_faults()
    local_cognito.clear_calls()
    return local_cognito


def sign_in_demo():
    return cognito.initiate_auth(
        username=cognito_stub.DEMO_EMAIL, password=cognito_stub.DEMO_PASSWORD
    )


def test_a_persons_attempt_limit_is_answered_at_once(on_stub):
    on_stub.inject_fault("InitiateAuth", "LimitExceededException", times=1)
    with pytest.raises(cognito.AuthError) as raised:
        sign_in_demo()
    assert raised.value.code == "LimitExceededException"
    assert on_stub.calls()["InitiateAuth"] == 1


def test_throttling_is_retried_and_recovers(on_stub, settings):
    # A second retry must fit after a random backoff of up to 1 s; the default 8 s budget keeps
    # 5 s for each attempt, so only a roomy budget makes two retries certain.
    settings.COGNITO_TIME_BUDGET = 30.0
    on_stub.inject_fault("InitiateAuth", "TooManyRequestsException", times=2)
    assert isinstance(sign_in_demo(), cognito.Tokens)
    assert on_stub.calls()["InitiateAuth"] == 3


def test_throttling_past_every_attempt_reaches_the_person(on_stub, settings):
    settings.COGNITO_TIME_BUDGET = 30.0  # room for every retry and its backoff
    on_stub.inject_fault("InitiateAuth", "TooManyRequestsException", times=4)
    with pytest.raises(cognito.AuthError) as raised:
        sign_in_demo()
    assert raised.value.code == "TooManyRequestsException"
    assert on_stub.calls()["InitiateAuth"] == 4  # max_attempts=3 retries after the first


@pytest.fixture
def tight_budget(settings):
    """One attempt may take 0.6 s; the whole request 1 s."""
    settings.COGNITO_CONNECT_TIMEOUT = 0.3
    settings.COGNITO_READ_TIMEOUT = 0.3
    settings.COGNITO_TIME_BUDGET = 1.0
    client_module.cognito_client.cache_clear()


def test_a_slow_cognito_is_not_retried_past_the_time_budget(on_stub, tight_budget):
    # Without the budget botocore would wait for four timed-out attempts.
    on_stub.inject_fault("InitiateAuth", delay_ms=3000, times=4)
    with pytest.raises(cognito.AuthError) as raised:
        sign_in_demo()
    assert raised.value.code == "ServiceUnavailable"
    assert on_stub.calls()["InitiateAuth"] == 1


def test_a_spent_budget_makes_no_call_at_all(on_stub):
    with cognito.time_budget(0), pytest.raises(cognito.AuthError) as raised:
        sign_in_demo()
    assert raised.value.code == "ServiceUnavailable"
    assert on_stub.calls().get("InitiateAuth", 0) == 0


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(client_module, "clock", fake)
    return fake


def test_a_retry_starts_only_if_it_can_end_within_the_budget(settings, clock):
    settings.COGNITO_TIME_BUDGET = 8.0
    settings.COGNITO_CONNECT_TIMEOUT = 2.0
    settings.COGNITO_READ_TIMEOUT = 3.0
    timed_out = ReadTimeoutError(endpoint_url="http://x")
    with cognito.time_budget():
        clock.now += 2.0  # 6 s left: an attempt (5 s) after the first backoff (<= 1 s) fits
        assert not client_module.stop_retrying(1, caught_exception=timed_out)
        clock.now += 0.5  # 5.5 s left: it would not
        assert client_module.stop_retrying(1, caught_exception=timed_out)


def test_a_nested_budget_keeps_the_earlier_deadline(settings, clock):
    settings.COGNITO_TIME_BUDGET = 8.0
    with cognito.time_budget(2.0), cognito.time_budget():
        assert client_module.remaining_budget() == 2.0
    assert client_module.remaining_budget() == float("inf")


def test_a_read_timeout_never_exceeds_the_budget(settings):
    settings.COGNITO_READ_TIMEOUT = 30.0
    settings.COGNITO_TIME_BUDGET = 5.0
    assert client_module.cognito_client().meta.config.read_timeout == 5.0


def test_sign_in_by_srp_against_the_stub(on_stub, settings):
    """Our SRP client and the stub's SRP server agree (pycognito checks the stub on its own)."""
    settings.COGNITO_SIGN_IN_FLOW = "srp"
    assert isinstance(sign_in_demo(), cognito.Tokens)
    assert on_stub.calls()["RespondToAuthChallenge"] == 1
    with pytest.raises(cognito.AuthError) as raised:
        cognito.initiate_auth(username=cognito_stub.DEMO_EMAIL, password="Wrong-Passw0rd!")
    assert raised.value.code == "NotAuthorizedException"
