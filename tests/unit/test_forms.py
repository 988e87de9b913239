"""Form rules that hold whatever the view: codes, passwords, username pools."""

import pytest

from auth_ui.forms import (
    ConfirmForm,
    ForgotPasswordForm,
    NewPasswordForm,
    ResetCodeForm,
    SignInForm,
    SignUpForm,
)


@pytest.mark.parametrize("typed", ["123456", " 123 456 ", "123456\n"])
def test_codes_tolerate_spaces(typed):
    form = ConfirmForm({"email": "a@example.com", "code": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["code"] == "123456"


@pytest.mark.parametrize("typed", ["12345", "1234567", "12a456"])
def test_codes_must_be_six_digits(typed):
    form = ConfirmForm({"email": "a@example.com", "code": typed})
    assert not form.is_valid()
    assert form.errors["code"] == ["Enter the 6-digit code from the email."]


def test_resend_needs_only_the_email():
    assert ConfirmForm({"email": "a@example.com", "code": "12"}, resend=True).is_valid()
    assert not ConfirmForm({"email": "", "code": ""}, resend=True).is_valid()


def test_passwords_are_not_stripped():
    password = "  spaces around  "
    form = NewPasswordForm({"password": password, "password_confirm": password})
    assert form.is_valid()
    assert form.cleaned_data["password"] == password


def test_mismatched_passwords_are_named_on_the_confirmation():
    form = SignUpForm(
        {"email": "a@example.com", "password": "Abcdef1!", "password_confirm": "Abcdef1?"}
    )
    assert not form.is_valid()
    assert form.errors["password_confirm"] == ["The two passwords don't match."]


def test_first_invalid_field_is_focused_and_described():
    form = SignUpForm({"email": "a@example.com", "password": "", "password_confirm": ""})
    assert not form.is_valid()
    email, password = form.fields["email"].widget.attrs, form.fields["password"].widget.attrs
    assert "autofocus" not in email
    assert password["autofocus"] is True
    assert form["password"].aria_describedby == "id_password_error"


def test_username_pools_ask_for_a_username(settings):
    settings.COGNITO_USES_USERNAMES = True
    sign_up = SignUpForm()
    assert list(sign_up.fields) == ["username", "email", "password", "password_confirm"]
    for form in (SignInForm(), ConfirmForm(), ForgotPasswordForm(), ResetCodeForm()):
        assert form.fields["email"].label == "Username"
        assert form.fields["email"].widget.attrs["autocomplete"] == "username"
    confirm = ConfirmForm({"email": "ada_lovelace", "code": "123456"})
    assert confirm.is_valid(), confirm.errors
    bound = SignUpForm(
        {
            "username": "ada",
            "email": "ada@example.com",
            "password": "Abcdef1!",
            "password_confirm": "Abcdef1!",
        }
    )
    assert bound.is_valid()
    assert bound.cognito_username == "ada"


def test_email_pools_use_the_email_as_username():
    form = SignUpForm(
        {"email": "ada@example.com", "password": "Abcdef1!", "password_confirm": "Abcdef1!"}
    )
    assert form.is_valid()
    assert form.cognito_username == "ada@example.com"
