"""All the CSS and JavaScript the sign-in page loads stays within 30 KB gzipped (as whitenoise
serves it: compressed ahead of time, at gzip's best level)."""

import gzip

from playwright.sync_api import Page, Response, expect

from .helpers import heading

BUDGET = 30 * 1024


def test_sign_in_css_and_js_fit_the_budget(page: Page):
    loaded: list[Response] = []
    page.on(
        "response",
        lambda response: (
            loaded.append(response)
            if response.request.resource_type in ("stylesheet", "script")
            else None
        ),
    )
    page.goto("/auth/sign-in/")
    expect(heading(page, "Sign in")).to_be_visible()
    page.wait_for_load_state("load")
    sizes = {r.url.rsplit("/", 1)[-1]: len(gzip.compress(r.body(), 9)) for r in loaded}
    assert any(name.endswith(".css") for name in sizes) and any(
        name.endswith(".js") for name in sizes
    ), sizes
    total = sum(sizes.values())
    assert total <= BUDGET, f"{total / 1024:.1f} KB gzipped > {BUDGET // 1024} KB: {sizes}"
