"""Every step and error state at 1280x800 and 390x844, light and dark, for review and the README.

`make screenshots` writes them to test-results/screenshots/ as `<nn>-<state>--<size>-<scheme>.png`;
with SCREENSHOTS_TO_DOCS=1 it also refreshes the two the README shows (docs/screenshots/).
"""

import os
import shutil
from pathlib import Path

import boto3
import pytest
from playwright.sync_api import Page, expect

import cognito_stub
from tests.e2e.axe import settled
from tests.e2e.helpers import (
    STRONG_PASSWORD,
    card,
    confirm,
    create_confirmed_user,
    heading,
    read_code,
    sign_in,
    sign_out,
    sign_up,
    stub,
    wrong_code,
)

pytestmark = pytest.mark.screenshots

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-results" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
SIZES = {"desktop": (1280, 800), "mobile": (390, 844)}
SCHEMES = ("light", "dark")
# The README's two: sign-in on a desktop in light, and on a phone in dark.
README = {"01-sign-in--desktop-light.png", "01-sign-in--mobile-dark.png"}


def shoot(page: Page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            settled(page)
            path = OUT / f"{name}--{size}-{scheme}.png"
            page.screenshot(path=path, full_page=True)
            if path.name in README and os.environ.get("SCREENSHOTS_TO_DOCS"):
                DOCS.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, DOCS / path.name.replace("01-", "").replace("--", "-"))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(color_scheme="light")


def test_sign_up_and_sign_in(page: Page, email: str, pool_mfa):
    pool_mfa("OPTIONAL")
    page.goto("/auth/sign-in/")
    expect(heading(page, "Sign in")).to_be_visible()
    shoot(page, "01-sign-in")

    page.goto("/auth/sign-up/")
    shoot(page, "02-sign-up")
    sign_up(page, email, "weakpassword")
    expect(card(page).locator(".field-error")).to_be_visible()
    shoot(page, "03-sign-up-weak-password")

    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    shoot(page, "04-confirm")
    code = read_code(email)
    confirm(page, wrong_code(code))
    expect(card(page).get_by_text("That code isn't right.")).to_be_visible()
    shoot(page, "05-confirm-wrong-code")
    confirm(page, code)
    expect(heading(page, "Sign in")).to_be_visible()
    shoot(page, "06-sign-in-email-confirmed")

    sign_in(page, email, "Wr0ng-Passw0rd!")
    expect(page.get_by_role("alert")).to_contain_text("Incorrect email or password.")
    shoot(page, "07-sign-in-wrong-password")

    sign_in(page, email)
    expect(heading(page, "Your account")).to_be_visible()
    shoot(page, "08-account")

    page.goto("/account/security/")
    expect(heading(page, "Two-step verification")).to_be_visible()
    shoot(page, "09-security")
    page.get_by_test_id("mfa-state-EMAIL_OTP").locator("..").get_by_role(
        "button", name="Turn on"
    ).click()
    expect(page.get_by_test_id("mfa-state-EMAIL_OTP")).to_contain_text("On")

    page.goto("/account/")
    sign_out(page)
    expect(heading(page, "Sign in")).to_be_visible()
    shoot(page, "10-sign-in-signed-out")
    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    shoot(page, "11-mfa-code")


def test_password_reset(page: Page, email: str):
    create_confirmed_user(page, email)
    page.goto("/auth/password/forgot/")
    expect(heading(page, "Reset your password")).to_be_visible()
    shoot(page, "12-forgot-password")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Send code").click()
    expect(heading(page, "Check your email")).to_be_visible()
    shoot(page, "13-reset-code")
    page.get_by_label("Verification code", exact=True).fill(read_code(email, "forgot_password"))
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Set a new password")).to_be_visible()
    page.get_by_label("New password", exact=True).press_sequentially("abcD1")
    shoot(page, "14-reset-new-password")


def test_new_password_required(page: Page, email: str):
    admin = boto3.client(
        "cognito-idp", region_name=cognito_stub.REGION, endpoint_url=stub().base_url
    )
    admin.admin_create_user(
        UserPoolId=cognito_stub.USER_POOL_ID,
        Username=email,
        TemporaryPassword=STRONG_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": email},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    sign_in(page, email)
    expect(heading(page, "Choose a new password")).to_be_visible()
    shoot(page, "15-new-password-required")


def test_other_pages(page: Page, email: str, settings):
    page.goto("/no-such-page/")
    expect(heading(page, "Page not found")).to_be_visible()
    shoot(page, "16-not-found")
    settings.DEBUG = True
    settings.COGNITO_USING_STUB = True
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    page.goto("/dev/mailbox/")
    expect(page.get_by_test_id("mailbox-code").first).to_be_visible()
    shoot(page, "17-dev-mailbox")
