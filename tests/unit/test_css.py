"""The built stylesheet holds a rule for every class the rendered pages use.

Tailwind only emits what it finds in the sources it scans; this catches a class added in Python or
in crispy-tailwind's templates that the build never saw. Needs `make css` (the test targets run it).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string

from auth_ui.stub_outbox import Outbox

pytestmark = pytest.mark.django_db

CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"
CRISPY_SOURCES = Path(settings.BASE_DIR) / "static" / "src" / "crispy-source.css"
# Hooks for scripts and crispy's widget markers: names, not styles.
HOOK_CLASSES = {"emailinput", "passwordinput", "textinput", "field-error"}

PAGES = [
    ("get", "/auth/sign-up/", {}),
    ("post", "/auth/sign-up/", {"email": "not-an-email", "password": "a", "password_confirm": "b"}),
    ("get", "/auth/confirm/", {}),
    ("post", "/auth/confirm/", {"email": "ada@example.com", "code": "12"}),
    ("get", "/auth/sign-in/", {}),
    ("post", "/auth/sign-in/", {"email": "", "password": ""}),
    ("get", "/auth/password/forgot/", {}),
    ("post", "/auth/password/forgot/", {"email": "nope"}),
    ("get", "/auth/password/reset/", {}),
    ("post", "/auth/password/reset/", {"email": "a@example.com", "code": "x"}),
]


def css_selector(name: str) -> str:
    return "." + "".join(c if c.isalnum() or c in "-_" else "\\" + c for c in name)


def classes_in(html: str) -> set[str]:
    found: set[str] = set()
    for value in re.findall(r'class="([^"]*)"', html):
        found.update(value.split())
    return found


@pytest.fixture(scope="module")
def stylesheet() -> str:
    assert CSS.exists(), "static/css/app.css is missing: run `make css`"
    return CSS.read_text()


def assert_styled(html: str, stylesheet: str) -> None:
    used = classes_in(html) - HOOK_CLASSES
    assert used, "no classes found: the page did not render"
    missing = sorted(name for name in used if css_selector(name) not in stylesheet)
    assert not missing, f"classes with no CSS rule: {missing}"


@pytest.mark.parametrize(("method", "url", "data"), PAGES)
def test_every_class_on_every_page_is_in_the_css(client, stylesheet, method, url, data):
    response = getattr(client, method)(url, data)
    assert_styled(response.content.decode(), stylesheet)


def test_message_classes_of_every_level_are_in_the_css(stylesheet):
    messages = [Message(level, f"{tag} message") for level, tag in constants.DEFAULT_TAGS.items()]
    assert_styled(render_to_string("partials/messages.html", {"messages": messages}), stylesheet)


def test_stub_banner_and_mailbox_classes_are_in_the_css(client, settings, stylesheet, monkeypatch):
    settings.DEBUG = True
    settings.COGNITO_USING_STUB = True
    sent = {"to": "a@example.com", "purpose": "sign_up", "code": "123456", "sent_at": "now"}
    for outbox in (
        Outbox(messages=[sent], reachable=True),
        Outbox(messages=[], reachable=True),
        Outbox(messages=[], reachable=False),
    ):
        monkeypatch.setattr("auth_ui.views.pages.stub_outbox.read", lambda url, box=outbox: box)
        response = client.get("/dev/mailbox/")
        assert response.status_code == 200
        assert_styled(response.content.decode(), stylesheet)


def test_the_build_reads_every_crispy_template_our_forms_render(stylesheet):
    """`make css` hands Tailwind only the crispy-tailwind templates our forms render (the
    others would add rules no page uses): a form that starts rendering another one fails here."""
    import crispy_tailwind
    from crispy_forms.utils import render_crispy_form
    from django.test.signals import template_rendered

    from .pages import every_form

    package = Path(crispy_tailwind.__file__).parent
    read = set(re.findall(r'@source "([^"]+)"', CRISPY_SOURCES.read_text()))
    rendered: set[str] = set()

    def record(sender, template, **kwargs):
        if Path(template.origin.name).is_relative_to(package):
            rendered.add(template.origin.name)

    template_rendered.connect(record)
    try:
        for cls in every_form():
            for data in (None, {}):
                try:
                    form = cls(data=data)
                except TypeError:
                    continue  # a form built with arguments: its views' tests render it
                form.is_valid()
                render_crispy_form(form)
    finally:
        template_rendered.disconnect(record)
    assert rendered, "no crispy template rendered"
    assert rendered <= read, f"not read by `make css`: {sorted(rendered - read)}"
