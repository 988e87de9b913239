"""404, 403 and 500 pages in the site's look, with the right status, with DEBUG off; the 500 page
renders with no database, no context and no static manifest to look names up in."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.utils import OperationalError
from django.template.loader import get_template
from playwright.sync_api import Page, expect

from .conftest import EXTERNAL_APP
from .helpers import card, heading

pytestmark = pytest.mark.skipif(bool(EXTERNAL_APP), reason="breaks the in-process app on purpose")


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def assert_site_look(page: Page, title: str) -> None:
    """Our stylesheet applied: the card drawn, the system font, our title."""
    expect(heading(page, title)).to_be_visible()
    look = card(page).evaluate(
        "el => { const s = getComputedStyle(el), b = getComputedStyle(document.body);"
        " return [s.backgroundColor, s.borderTopLeftRadius, b.fontFamily, b.backgroundColor] }"
    )
    card_background, radius, font, page_background = look
    assert card_background == "rgb(255, 255, 255)", card_background
    assert float(radius.removesuffix("px")) >= 12, radius
    assert font.startswith("system-ui"), font
    assert page_background != card_background  # a card on a tinted page
    expect(card(page).get_by_role("link")).to_have_count(1)


def test_not_found(page: Page, settings):
    settings.SITE_NAME = "Example Co"
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert_site_look(page, "Page not found")
    expect(page).to_have_title("Page not found · Example Co")
    expect(card(page)).to_contain_text("Example Co")


class Refusing:
    """Stands in for the mailbox view's stub_outbox: the view raises, nothing else does."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def in_use(self) -> bool:
        raise self.error


def test_forbidden(page: Page, monkeypatch):
    monkeypatch.setattr("auth_ui.views.pages.stub_outbox", Refusing(PermissionDenied()))
    response = page.goto("/dev/mailbox/")
    assert response is not None and response.status == 403
    assert_site_look(page, "Access denied")


def test_server_error_with_the_database_down(page: Page, monkeypatch):
    down = OperationalError("the database is down")

    def unavailable(*args, **kwargs):
        raise down

    monkeypatch.setattr(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", unavailable
    )
    monkeypatch.setattr("auth_ui.views.pages.stub_outbox", Refusing(down))
    response = page.goto("/dev/mailbox/")
    assert response is not None and response.status == 500
    assert_site_look(page, "Something went wrong")
    expect(page).to_have_title("Something went wrong")


def test_the_500_page_needs_no_context_database_or_manifest(settings, tmp_path, monkeypatch):
    """As Django's server_error renders it: `template.render()`, nothing else. With manifest
    storage and no manifest, a `{% static %}` lookup would raise here."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path

    def unavailable(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", unavailable
    )
    html = get_template("500.html").render()
    assert 'href="/static/css/app.css"' in html
    assert "Something went wrong" in html
