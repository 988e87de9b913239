"""The presentation table: each code the gateway or a flow names gets a field, plain words and
a status; codes that must not be told apart read the same."""

import pytest

from auth_ui.cognito.errors import COGNITO_CODES, NOT_AUTHORIZED_VARIANTS
from auth_ui.messages import INCORRECT_CREDENTIALS, REFUSALS, UNAVAILABLE, WRONG_CODE, refusal

OURS = {"RateLimited", "UnsupportedChallenge", "InvalidIdToken", "ServiceUnavailable"}


@pytest.mark.parametrize(
    "code", sorted(COGNITO_CODES | set(NOT_AUTHORIZED_VARIANTS.values()) | OURS)
)
def test_every_code_has_plain_words_and_a_status(code):
    assert code in REFUSALS
    shown = refusal(code)
    assert str(shown.message)
    assert shown.status in {422, 429, 503}


def test_wrong_password_and_unknown_user_read_the_same():
    assert refusal("NotAuthorizedException") == refusal("UserNotFoundException")
    assert refusal("UserNotFoundException").message == INCORRECT_CREDENTIALS


def test_an_already_confirmed_account_reads_like_a_wrong_code():
    assert refusal("AlreadyConfirmed").message == WRONG_CODE


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("PasswordAttemptsExceeded", 429),
        ("LimitExceededException", 429),
        ("TooManyRequestsException", 429),
        ("RateLimited", 429),
        ("SessionExpired", 422),
        ("InternalErrorException", 503),
    ],
)
def test_statuses(code, status):
    assert refusal(code).status == status


def test_a_forged_token_is_not_an_outage():
    assert refusal("InvalidIdToken").status == 422
    assert refusal("InvalidIdToken").message != UNAVAILABLE


def test_a_code_nobody_described_reads_as_unavailable():
    assert refusal("SomethingNew") == refusal("ServiceUnavailable")
    assert refusal("SomethingNew").status == 503
