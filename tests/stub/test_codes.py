"""Sign-up / resend / forgot-password codes: issued, checked, single-use, expiring, limited."""

from __future__ import annotations

import re

from cognito_stub import APP_CLIENT_ID

from .helpers import NEW_PASSWORD, confirm, confirmed_user, error_of, sign_in, sign_up

EMAIL = "dana@example.org"
MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."
SIGN_UP_TTL = 24 * 3600  # the stub's defaults, as Cognito's
RESET_TTL = 3600


def test_sign_up_records_a_six_digit_code_and_confirm_works(stub, cognito):
    answer = sign_up(cognito, EMAIL)
    assert answer["UserConfirmed"] is False
    assert re.fullmatch(r"[0-9a-f-]{36}", answer["UserSub"])
    assert answer["CodeDeliveryDetails"] == {
        "Destination": "d***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    [message] = stub.outbox(EMAIL)
    assert message["purpose"] == "sign_up"
    assert message["username"] == answer["UserSub"]
    assert re.fullmatch(r"\d{6}", message["code"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", message["sent_at"])

    confirm(cognito, EMAIL, message["code"])
    assert "AuthenticationResult" in sign_in(cognito, EMAIL)


def test_confirmed_user_has_verified_email(stub, cognito, admin):
    confirmed_user(stub, cognito, EMAIL)
    user = admin.admin_get_user(UserPoolId=stub.info()["user_pool_id"], Username=EMAIL)
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert user["UserStatus"] == "CONFIRMED"
    assert attributes["email_verified"] == "true"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_wrong_code_is_a_mismatch(stub, cognito):
    sign_up(cognito, EMAIL)
    error = error_of(confirm, cognito, EMAIL, _wrong(stub.latest_code(EMAIL)))
    assert error["Code"] == "CodeMismatchException"
    assert error["Message"] == MISMATCH
    assert error["Status"] == 400


def test_used_code_is_expired(stub, cognito):
    confirmed_user(stub, cognito, EMAIL)
    error = error_of(confirm, cognito, EMAIL, stub.latest_code(EMAIL))
    assert (error["Code"], error["Message"]) == ("ExpiredCodeException", EXPIRED)


def test_resend_supersedes_the_previous_code(stub, cognito):
    sign_up(cognito, EMAIL)
    old = stub.latest_code(EMAIL)
    answer = cognito.resend_confirmation_code(ClientId=APP_CLIENT_ID, Username=EMAIL)
    assert answer["CodeDeliveryDetails"]["Destination"] == "d***@e***"
    new = stub.latest_code(EMAIL, purpose="resend")
    assert [m["purpose"] for m in stub.outbox(EMAIL)] == ["resend", "sign_up"]
    if new != old:  # 1 in a million they collide; then "old" is simply the current code
        assert error_of(confirm, cognito, EMAIL, old)["Code"] == "ExpiredCodeException"
    confirm(cognito, EMAIL, new)


def test_expire_endpoint_makes_codes_expired(stub, cognito):
    sign_up(cognito, EMAIL)
    sign_up(cognito, "other@example.org")
    assert stub.expire_codes(to=EMAIL.upper()) == 1
    error = error_of(confirm, cognito, EMAIL, stub.latest_code(EMAIL))
    assert error["Code"] == "ExpiredCodeException"
    confirm(cognito, "other@example.org", stub.latest_code("other@example.org"))
    # a fresh code works again
    cognito.resend_confirmation_code(ClientId=APP_CLIENT_ID, Username=EMAIL)
    confirm(cognito, EMAIL, stub.latest_code(EMAIL))


def test_sign_up_codes_expire_after_a_day(stub, cognito, clock):
    sign_up(cognito, EMAIL)
    sign_up(cognito, "later@example.org")
    clock.advance(SIGN_UP_TTL - 1)
    confirm(cognito, EMAIL, stub.latest_code(EMAIL))  # still good a second before
    clock.advance(1)
    error = error_of(confirm, cognito, "later@example.org", stub.latest_code("later@example.org"))
    assert error["Code"] == "ExpiredCodeException"


def test_five_wrong_codes_then_limit_exceeded_even_for_the_right_one(stub, cognito):
    sign_up(cognito, EMAIL)
    code = stub.latest_code(EMAIL)
    for _ in range(5):
        assert error_of(confirm, cognito, EMAIL, _wrong(code))["Code"] == "CodeMismatchException"
    error = error_of(confirm, cognito, EMAIL, code)
    assert error["Code"] == "LimitExceededException"
    assert error["Message"] == "Attempt limit exceeded, please try after some time."
    # a new code lifts the limit
    cognito.resend_confirmation_code(ClientId=APP_CLIENT_ID, Username=EMAIL)
    confirm(cognito, EMAIL, stub.latest_code(EMAIL))


def test_forgot_password_then_confirm_then_sign_in_with_new_password(stub, cognito):
    confirmed_user(stub, cognito, EMAIL)
    answer = cognito.forgot_password(ClientId=APP_CLIENT_ID, Username=EMAIL)
    assert answer["CodeDeliveryDetails"]["Destination"] == "d***@e***"
    code = stub.latest_code(EMAIL, purpose="forgot_password")

    weak = error_of(
        cognito.confirm_forgot_password,
        ClientId=APP_CLIENT_ID,
        Username=EMAIL,
        ConfirmationCode=code,
        Password="weakweak",
    )
    assert weak["Code"] == "InvalidPasswordException"  # and the code is not used up

    cognito.confirm_forgot_password(
        ClientId=APP_CLIENT_ID, Username=EMAIL, ConfirmationCode=code, Password=NEW_PASSWORD
    )
    assert "AuthenticationResult" in sign_in(cognito, EMAIL, NEW_PASSWORD)
    assert error_of(sign_in, cognito, EMAIL)["Code"] == "NotAuthorizedException"
    reused = error_of(
        cognito.confirm_forgot_password,
        ClientId=APP_CLIENT_ID,
        Username=EMAIL,
        ConfirmationCode=code,
        Password=NEW_PASSWORD,
    )
    assert reused["Code"] == "ExpiredCodeException"


def test_reset_codes_expire_after_an_hour_and_sign_up_codes_do_not(stub, cognito, clock):
    confirmed_user(stub, cognito, EMAIL)
    cognito.forgot_password(ClientId=APP_CLIENT_ID, Username=EMAIL)
    sign_up(cognito, "pending@example.org")
    clock.advance(RESET_TTL)
    error = error_of(
        cognito.confirm_forgot_password,
        ClientId=APP_CLIENT_ID,
        Username=EMAIL,
        ConfirmationCode=stub.latest_code(EMAIL),
        Password=NEW_PASSWORD,
    )
    assert error["Code"] == "ExpiredCodeException"
    confirm(cognito, "pending@example.org", stub.latest_code("pending@example.org"))


def test_unknown_user_gets_fake_success_and_nothing_is_sent(stub, cognito):
    ghost = "ghost@example.org"
    forgot = cognito.forgot_password(ClientId=APP_CLIENT_ID, Username=ghost)
    resend = cognito.resend_confirmation_code(ClientId=APP_CLIENT_ID, Username=ghost)
    for answer in (forgot, resend):
        assert answer["CodeDeliveryDetails"] == {
            "Destination": "g***@e***",
            "DeliveryMedium": "EMAIL",
            "AttributeName": "email",
        }
    assert stub.outbox() == []
    assert error_of(confirm, cognito, ghost, "123456")["Code"] == "CodeMismatchException"
    error = error_of(
        cognito.confirm_forgot_password,
        ClientId=APP_CLIENT_ID,
        Username=ghost,
        ConfirmationCode="123456",
        Password=NEW_PASSWORD,
    )
    assert error["Code"] == "CodeMismatchException"


def test_resend_for_a_confirmed_user_is_rejected(stub, cognito):
    confirmed_user(stub, cognito, EMAIL)
    error = error_of(cognito.resend_confirmation_code, ClientId=APP_CLIENT_ID, Username=EMAIL)
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterException",
        "User is already confirmed.",
    )


def test_outbox_line_is_printed(stub, cognito, capsys, monkeypatch):
    monkeypatch.setattr(stub.engine.state.outbox, "echo", True)
    sign_up(cognito, EMAIL)
    code = stub.latest_code(EMAIL)
    assert f"[cognito-stub] code {code} for {EMAIL} (sign_up)" in capsys.readouterr().out
