"""Issue 12, defect 16: one voice everywhere. No field of any form says Django's generic "This
field is required." or "Enter a valid email address."; each says what to do, in our words."""

import pytest

from auth_ui import account_forms

from .pages import (
    BRANCHES,
    CONFIRM_URL,
    FORGOT_URL,
    SIGN_IN_URL,
    SIGN_UP_URL,
    every_form,
    field_error,
    post,
)

pytestmark = pytest.mark.django_db

FORMS = every_form()
GENERIC = (
    "This field is required.",
    "Enter a valid email address.",
    "Ensure this value has at most",
    "Enter a valid value.",
)


@pytest.fixture(autouse=True)
def every_profile_field(settings):
    settings.COGNITO_PROFILE_ATTRIBUTES = list(account_forms.PROFILE_FIELDS)


def errors_for(cls, value: str) -> dict[str, list[str]]:
    names = list(cls().fields)
    form = cls({name: value for name in names})
    form.is_valid()
    return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("value", ["", "x", "x" * 5000], ids=["empty", "malformed", "too long"])
def test_no_field_speaks_djangos_generic_words(cls, value):
    for name, messages in errors_for(cls, value).items():
        for message in messages:
            assert not message.startswith(GENERIC), (cls.__name__, name, message)


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: cls.__name__)
def test_every_field_says_what_to_do_when_left_empty(cls):
    for name, messages in errors_for(cls, "").items():
        assert messages and all(m.startswith(("Enter", "Type")) for m in messages), (name, messages)


@BRANCHES
@pytest.mark.parametrize(
    ("url", "data", "name", "shown"),
    [
        (SIGN_IN_URL, {"email": "", "password": ""}, "email", "Enter your email address."),
        (SIGN_IN_URL, {"email": "ada@example.com"}, "password", "Enter your password."),
        (SIGN_UP_URL, {"email": "ada@"}, "email", "Enter an email address like name@example.com."),
        (SIGN_UP_URL, {"email": "ada@example.com"}, "password", "Enter a new password."),
        (SIGN_UP_URL, {}, "password_confirm", "Enter the new password again."),
        (CONFIRM_URL, {"email": "ada@example.com"}, "code", "Enter the code we sent you."),
        (FORGOT_URL, {}, "email", "Enter your email address."),
    ],
)
def test_the_pages_say_it(client, htmx, url, data, name, shown):
    body = post(client, url, data, htmx).content.decode()
    assert field_error(body, name) == shown
