"""Issue 12, defects 1, 11 and 13 in a browser: a weak password's refusal states the policy once;
the new-password challenge focuses its field and names the account for password managers; and
Cognito's throttling says when to try again."""

import re

import boto3
import pytest
from playwright.sync_api import Page, expect

import cognito_stub

from .conftest import EXTERNAL_APP
from .helpers import APP_ATTEMPTS, STRONG_PASSWORD, card, heading, inject_fault, sign_in, sign_up

POLICY = (
    "Use at least 8 characters, including an uppercase letter, a lowercase letter, "
    "a number and a symbol."
)


def test_a_weak_password_states_the_policy_once(page: Page, email: str):
    sign_up(page, email, "weakpassword")
    password = page.get_by_label("Password", exact=True)
    expect(card(page).locator(".field-error")).to_have_text(["Choose a stronger password."])
    expect(card(page).get_by_text(POLICY, exact=True)).to_have_count(1)
    expect(password).to_be_focused()
    description = password.evaluate(
        "el => el.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
    )
    assert description.count(POLICY) == 1
    assert "Choose a stronger password." in description


@pytest.mark.skipif(bool(EXTERNAL_APP), reason="creates the user through the stub's admin API")
def test_the_new_password_step_focuses_its_field_and_names_the_account(
    page: Page, email: str, stub_url
):
    admin = boto3.client("cognito-idp", region_name=cognito_stub.REGION, endpoint_url=stub_url)
    admin.admin_create_user(
        UserPoolId=cognito_stub.USER_POOL_ID,
        Username=email,
        TemporaryPassword="Temp-Passw0rd!",
        UserAttributes=[
            {"Name": "email", "Value": email},
            {"Name": "email_verified", "Value": "true"},
        ],
        MessageAction="SUPPRESS",
    )
    sign_in(page, email, "Temp-Passw0rd!")
    expect(heading(page, "Choose a new password")).to_be_visible()
    expect(page.get_by_label("New password", exact=True)).to_be_focused()
    username = card(page).locator("input[autocomplete=username]")
    expect(username).to_have_value(email)
    expect(username).to_be_hidden()
    expect(username).to_have_attribute("readonly", "")
    page.get_by_label("New password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Confirm password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(heading(page, "Your account")).to_be_visible()


def test_throttling_says_when_to_try_again(page: Page, email: str):
    inject_fault("InitiateAuth", "TooManyRequestsException", times=APP_ATTEMPTS)
    sign_in(page, email, STRONG_PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(
        re.compile(r"Try again in a few seconds\.\s*$"), timeout=25_000
    )
