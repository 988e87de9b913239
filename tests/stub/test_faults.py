"""Fault injection: errors as AWS sends them, `times`, delays, and how boto3 retries react."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD

from .helpers import error_of, make_client, sign_in


def test_error_fault_is_parsed_by_botocore_and_honours_times(stub, cognito):
    stub.inject_fault("InitiateAuth", "TooManyRequestsException", times=2)
    for _ in range(2):
        error = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
        assert (error["Code"], error["Status"]) == ("TooManyRequestsException", 400)
        assert error["Message"]
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert stub.faults() == []


def test_fault_only_hits_its_operation(stub, cognito):
    stub.inject_fault("SignUp", "InternalErrorException")
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert [f["operation"] for f in stub.faults()] == ["SignUp"]


def test_internal_error_is_a_500(stub, cognito):
    stub.inject_fault("InitiateAuth", "InternalErrorException")
    error = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert (error["Code"], error["Status"]) == ("InternalErrorException", 500)


def test_any_exception_name_and_custom_message(stub, cognito):
    stub.inject_fault("InitiateAuth", "MadeUpException", message="custom words")
    error = error_of(sign_in, cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert (error["Code"], error["Message"], error["Status"]) == (
        "MadeUpException",
        "custom words",
        400,
    )


def test_delay_only_fault(stub, cognito, clock):
    stub.inject_fault("InitiateAuth", delay_ms=300)
    assert "AuthenticationResult" in sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert clock.slept == [0.3]
    sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)
    assert clock.slept == [0.3]  # used up: the next call is not delayed


def test_delay_then_error(stub, cognito, clock):
    stub.inject_fault("SignUp", "CodeDeliveryFailureException", delay_ms=200)
    error = error_of(
        cognito.sign_up, ClientId=APP_CLIENT_ID, Username="a@example.org", Password="Aa1!aaaa"
    )
    assert clock.slept == [0.2]
    assert error["Code"] == "CodeDeliveryFailureException"
    assert stub.outbox() == []


def test_standard_retries_get_past_a_single_throttle(stub):
    retrying = make_client(stub.url, attempts=3, mode="standard")
    stub.inject_fault("InitiateAuth", "TooManyRequestsException", times=1)
    stub.clear_calls()
    answer = sign_in(retrying, DEMO_EMAIL, DEMO_PASSWORD)
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert stub.calls() == {"InitiateAuth": 2}


def test_enough_faults_surface_through_retries(stub):
    retrying = make_client(stub.url, attempts=3, mode="standard")
    stub.inject_fault("InitiateAuth", "InternalErrorException", times=3)
    assert error_of(sign_in, retrying, DEMO_EMAIL, DEMO_PASSWORD)["Code"] == (
        "InternalErrorException"
    )


def _http(stub, method: str, path: str, body: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(stub.url + path, data=body, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_fault_http_endpoints(stub):
    spec = {"operation": "SignUp", "error": "TooManyRequestsException", "times": 2}
    status, answer = _http(stub, "POST", "/_stub/faults", json.dumps(spec).encode())
    assert status == 200
    assert answer["fault"]["operation"] == "SignUp"
    status, answer = _http(stub, "GET", "/_stub/faults")
    assert answer == {
        "faults": [
            {
                "operation": "SignUp",
                "error": "TooManyRequestsException",
                "times": 2,
                "delay_ms": 0,
                "message": None,
                "status": 400,
            }
        ]
    }
    assert _http(stub, "DELETE", "/_stub/faults") == (200, {"faults": []})
    assert stub.faults() == []


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"{}",
        b'{"error": "TooManyRequestsException"}',
        b'{"operation": "SignUp", "error": "Nope"}',
        b'{"operation": "SignUp"}',
        b'{"operation": "SignUp", "error": "TooManyRequestsException", "times": 0}',
        b"[1, 2]",
    ],
)
def test_bad_fault_specs_are_400(stub, body):
    status, answer = _http(stub, "POST", "/_stub/faults", body)
    assert status == 400
    assert answer["error"]
    assert stub.faults() == []


def test_a_delayed_call_does_not_block_other_calls(stub, clock):
    """The delayed SignUp is held inside its delay (clock.hold) while a sign-in runs; the
    timeouts only keep a regression from hanging the run."""
    slow_client, fast_client = make_client(stub.url), make_client(stub.url)
    stub.inject_fault("SignUp", delay_ms=600)
    clock.hold()
    with ThreadPoolExecutor(2) as pool:
        try:
            slow = pool.submit(
                slow_client.sign_up,
                ClientId=APP_CLIENT_ID,
                Username="slow@example.org",
                Password="Aa1!aaaa",
            )
            assert clock.sleeping.wait(timeout=10)
            fast = pool.submit(sign_in, fast_client, DEMO_EMAIL, DEMO_PASSWORD)
            assert "AuthenticationResult" in fast.result(timeout=10)
            assert not slow.done()
        finally:
            clock.release()
        assert slow.result(timeout=10)["UserConfirmed"] is False
    assert clock.slept == [0.6]


def test_concurrent_sign_ups(stub):
    clients = [make_client(stub.url) for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        results = list(
            pool.map(
                lambda pair: pair[1].sign_up(
                    ClientId=APP_CLIENT_ID,
                    Username=f"user{pair[0]}@example.org",
                    Password="Aa1!aaaa",
                ),
                enumerate(clients),
            )
        )
    assert len({r["UserSub"] for r in results}) == 8
    assert len(stub.outbox()) == 8
