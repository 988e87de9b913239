"""The app's client against the real stub over HTTP: which refusals are retried, which are not."""

import pytest

import cognito_stub
from auth_ui import cognito


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
    assert (raised.value.code, raised.value.status) == ("LimitExceededException", 429)
    assert on_stub.calls()["InitiateAuth"] == 1


def test_throttling_is_retried_and_recovers(on_stub):
    on_stub.inject_fault("InitiateAuth", "TooManyRequestsException", times=2)
    assert isinstance(sign_in_demo(), cognito.Tokens)
    assert on_stub.calls()["InitiateAuth"] == 3


def test_throttling_past_every_attempt_reaches_the_person(on_stub):
    on_stub.inject_fault("InitiateAuth", "TooManyRequestsException", times=4)
    with pytest.raises(cognito.AuthError) as raised:
        sign_in_demo()
    assert (raised.value.code, raised.value.status) == ("TooManyRequestsException", 429)
    assert on_stub.calls()["InitiateAuth"] == 4  # max_attempts=3 retries after the first
