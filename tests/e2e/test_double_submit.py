"""An impatient person (double-click, Enter again) sends a step once, and sees it running."""

from playwright.sync_api import Locator, Page, Route, expect

from .helpers import STRONG_PASSWORD, calls, create_confirmed_user, heading


def hold_posts(page: Page, path: str) -> list[Route]:
    """Every POST the browser sends to `path` from now on, held in flight until released (so
    the in-flight state is seen however busy the machine is: no timing involved)."""
    held: list[Route] = []

    def route(request_route: Route) -> None:
        if request_route.request.method == "POST":
            held.append(request_route)
        else:
            request_route.continue_()

    page.route(f"**{path}", route)
    return held


def release(held: list[Route]) -> None:
    for route in held:
        route.continue_()


def hammer(page: Page, button: Locator, field: Locator) -> None:
    """Double-click the button, then press Enter in a field while the request runs."""
    button.dblclick()
    expect(button).to_be_disabled()
    expect(button.locator(".htmx-indicator")).to_be_visible()
    field.press("Enter")
    expect(button).to_be_disabled()
    expect(button.locator(".htmx-indicator")).to_be_visible()


def test_sign_in_is_sent_once(page: Page, email: str, stub):
    create_confirmed_user(page, email)
    page.goto("/auth/sign-in/")
    page.get_by_label("Email", exact=True).fill(email)
    password = page.get_by_label("Password", exact=True)
    password.fill(STRONG_PASSWORD)
    stub.clear_calls()
    posts = hold_posts(page, "/auth/sign-in/")

    hammer(page, page.get_by_role("button", name="Sign in"), password)
    release(posts)

    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(email)
    assert len(posts) == 1, posts
    assert calls("InitiateAuth") == 1


def test_sign_up_is_sent_once(page: Page, email: str, stub):
    page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    confirm_password = page.get_by_label("Confirm password")
    confirm_password.fill(STRONG_PASSWORD)
    stub.clear_calls()
    posts = hold_posts(page, "/auth/sign-up/")

    hammer(page, page.get_by_role("button", name="Sign up"), confirm_password)
    release(posts)

    expect(heading(page, "Check your email")).to_be_visible()
    # A second SignUp would have answered "already exists" over the top of this step.
    expect(page.locator("#form-errors")).to_have_count(0)
    assert len(posts) == 1, posts
    assert calls("SignUp") == 1
    assert len(stub.outbox(to=email)) == 1
