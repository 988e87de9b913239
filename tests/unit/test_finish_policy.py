"""Issue 12, defect 1: a weak new password is refused with the pool's policy said once.

The policy stands under every new-password field as its help text (before anyone gets it
wrong); the refusal then only says what went wrong, and the field points at both."""

import pytest

from auth_ui import flows
from auth_ui.forms import NewPasswordForm
from auth_ui.steps import refuse

from .conftest import POLICY_TEXT, client_error
from .pages import (
    BRANCHES,
    EMAIL,
    PASSWORD,
    RESET_URL,
    SIGN_UP_URL,
    assert_field_error,
    assert_rendered,
    post,
)

pytestmark = pytest.mark.django_db

STRONGER = "Choose a stronger password."


def assert_policy_once(body: str) -> None:
    assert body.count(POLICY_TEXT) == 1
    password = assert_field_error(body, "password", STRONGER)
    assert password["aria-describedby"].split() == ["id_password_helptext", "id_password_error"]


@BRANCHES
def test_sign_up_refused_here_says_the_policy_once(client, htmx):
    data = {"email": EMAIL, "password": "weakpassword", "password_confirm": "weakpassword"}
    body = assert_rendered(post(client, SIGN_UP_URL, data, htmx), htmx, 422)
    assert_policy_once(body)


@BRANCHES
def test_sign_up_refused_by_cognito_says_the_policy_once(client, stubber, htmx):
    client_error(stubber, "sign_up", "InvalidPasswordException")
    data = {"email": EMAIL, "password": PASSWORD, "password_confirm": PASSWORD}
    body = assert_rendered(post(client, SIGN_UP_URL, data, htmx), htmx, 422)
    assert_policy_once(body)


@BRANCHES
def test_reset_says_the_policy_once(client, htmx):
    client.post(RESET_URL, {"email": EMAIL, "code": "123456"})
    data = {"password": "weakpassword", "password_confirm": "weakpassword"}
    body = assert_rendered(post(client, RESET_URL, data, htmx), htmx, 422)
    assert_policy_once(body)


def test_where_no_help_text_states_it_the_error_is_the_policy(rf):
    """A step that doesn't show the policy up front still says it, once, in the error."""
    request = rf.post("/auth/password/new/")
    request.htmx = False
    form = NewPasswordForm({"password": "weakpassword", "password_confirm": "weakpassword"})
    assert form.is_valid()
    body = refuse(
        request, "new_password", form, flows.AuthError("InvalidPasswordException")
    ).content.decode()
    assert body.count(POLICY_TEXT) == 1
    assert_field_error(body, "password", POLICY_TEXT)
