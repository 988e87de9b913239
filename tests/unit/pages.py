"""What the view tests share: the people and values they type, the URLs, and helpers that read
rendered pages and assert on responses (both branches: htmx fragments and full pages)."""

import json
import re
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from auth_ui.messages import refusal

HTMX = {"HTTP_HX_REQUEST": "true"}
BRANCHES = pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
EMAIL = "ada.lovelace@example.com"
PASSWORD = "Unique-Pa55word-🦄"
AWS_TEXT = "AWS-ONLY-WORDING-4242"
DELIVERY = {
    "CodeDeliveryDetails": {
        "Destination": "a***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
}
# Cognito is busy or down: every step says so in the alert at the top, never under a field.
# (code, field, status) rows for the steps' refusal tables.
BUSY_OR_DOWN = [
    ("LimitExceededException", None, 429),
    ("TooManyRequestsException", None, 429),
    ("InternalErrorException", None, 503),
]

SIGN_UP_URL = "/auth/sign-up/"
CONFIRM_URL = "/auth/confirm/"
SIGN_IN_URL = "/auth/sign-in/"
FORGOT_URL = "/auth/password/forgot/"
RESET_URL = "/auth/password/reset/"
NEW_PASSWORD_URL = "/auth/password/new/"
ACCOUNT_URL = "/account/"
SIGN_OUT_URL = "/auth/sign-out/"


# --- reading a rendered page ------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def tags(body: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(body)
    return parser.found


def input_named(body: str, name: str) -> dict:
    return next(a for t, a in tags(body) if t == "input" and a.get("name") == name)


def ids(body: str) -> set[str]:
    return {a["id"] for _, a in tags(body) if a.get("id")}


def field_error(body: str, name: str) -> str | None:
    match = re.search(rf'<div id="id_{name}_error"[^>]*>\s*<p[^>]*>(.*?)</p>', body, re.S)
    return unescape(match.group(1)).strip() if match else None


def alert(body: str) -> list[str] | None:
    match = re.search(r'<div id="form-errors"[^>]*role="alert"[^>]*>(.*?)</div>', body, re.S)
    return [unescape(li) for li in re.findall(r"<li>(.*?)</li>", match.group(1))] if match else None


def label(body: str, field_id: str) -> str:
    match = re.search(rf'<label for="{field_id}"[^>]*>\s*(.*?)<', body, re.S)
    return match.group(1).strip()


def buttons(body: str) -> list[str]:
    return [b.strip() for b in re.findall(r"<button[^>]*>.*?<span>(.*?)</span>", body, re.S)]


button_words = buttons


def assert_form(
    body: str,
    *,
    labels: dict[str, str],
    autocomplete: dict[str, str] | None = None,
    buttons: list[str],
) -> None:
    """A form as people and password managers read it: each field's label and autocomplete
    hint (fields named as in the form), and the buttons' words, in order."""
    for name, text in labels.items():
        assert label(body, f"id_{name}") == text
    for name, hint in (autocomplete or {}).items():
        assert input_named(body, name)["autocomplete"] == hint
    assert button_words(body) == buttons


def csrf_header_token(body: str) -> str:
    """The token a full page hands htmx, in `<body hx-headers>`."""
    body_tag = next(a for t, a in tags(body) if t == "body")
    return json.loads(body_tag["hx-headers"])["x-csrftoken"]


_CSRF_TOKENS = re.compile(r'value="[^"]{40,}"|"x-csrftoken": "[^"]+"')


def without_csrf_tokens(body: str) -> str:
    """The page with its per-request tokens cut out, so two answers can be compared whole."""
    return _CSRF_TOKENS.sub("", body)


def message(code: str) -> str:
    return str(refusal(code).message)


# --- requests and what they answer ------------------------------------------------------------


def post(client, url, data, htmx):
    return client.post(url, data, **(HTMX if htmx else {}))


def assert_rendered(response, htmx: bool, status: int) -> str:
    assert response.status_code == status
    body = response.content.decode()
    assert 'id="auth-card"' in body
    if htmx:
        assert "<html" not in body
    else:
        assert "<html" in body
    assert "HX-Request" in response["Vary"]
    assert "Traceback" not in body
    return body


def assert_step(response, htmx: bool, path: str, *, replace: bool = False) -> None:
    """A multi-step flow moves on: swapped in place (htmx) or redirected (plain). `replace`:
    the step comes back to itself (a code resent), replacing its history entry, not adding one."""
    if htmx:
        assert response.status_code == 200
        assert "Location" not in response
        expected = {"path": path, "target": "#auth-card", "swap": "outerHTML"}
        if replace:
            expected |= {"push": "false", "replace": path}
        assert json.loads(response["HX-Location"]) == expected
    else:
        assert response.status_code == 302
        assert response["Location"] == path
        assert "HX-Location" not in response


def assert_navigates(response, htmx: bool, url: str) -> None:
    """Leaving the card (signed in, signed out, sent to sign in): a real navigation, never a page
    swapped into the card."""
    if htmx:
        assert response.status_code == 200
        assert response["HX-Redirect"] == url
        assert "Location" not in response
        assert "HX-Location" not in response
        body = response.content.decode()
        assert "<html" not in body
        assert 'id="auth-card"' not in body
    else:
        assert response.status_code == 302
        assert response["Location"] == url
        assert "HX-Redirect" not in response


def follow(client, path: str, htmx: bool) -> str:
    response = client.get(path, **(HTMX if htmx else {}))
    return assert_rendered(response, htmx, 200)


def assert_field_error(body: str, name: str, shown: str, *, focused: bool = True) -> dict:
    """The error stands under its field, which is marked invalid and points at the error (and
    only at ids the page has); the first invalid field, and only that one, has focus."""
    assert field_error(body, name) == shown
    widget = input_named(body, name)
    assert ("autofocus" in widget) is focused
    assert widget["aria-invalid"] == "true"
    described_by = widget["aria-describedby"].split()
    assert f"id_{name}_error" in described_by
    assert set(described_by) <= ids(body)
    return widget


def assert_refusal(body: str, field: str | None, shown: str) -> None:
    """Cognito said no, and the page says why in our words: under the field it is about (which
    gets focus), or else in the alert at the top (which gets focus instead of any field)."""
    if field:
        assert_field_error(body, field, shown)
        assert alert(body) is None
    else:
        assert alert(body) == [shown]
        assert re.search(r'<div id="form-errors"[^>]*role="alert"[^>]*autofocus', body)
        assert not any("autofocus" in a for t, a in tags(body) if t == "input")
    assert AWS_TEXT not in body


def assert_never_cached(response) -> None:
    for directive in ("no-cache", "no-store", "max-age=0"):
        assert directive in response["Cache-Control"]


def assert_strict_csp(response) -> str:
    """Scripts, styles and everything else from this site only: no inline code, no eval, no
    wildcard or scheme source that would let another origin in."""
    csp = response["Content-Security-Policy"]
    directives = {
        name: sources
        for name, *sources in (part.split() for part in csp.split(";") if part.strip())
    }
    for name in ("default-src", "script-src", "style-src"):
        assert directives.get(name) == ["'self'"], (name, directives.get(name))
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("base-uri") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]
    for name, sources in directives.items():
        assert not {"*", "http:", "https:", "'unsafe-inline'", "'unsafe-eval'"} & set(sources), name
    return csp


def session_of(client) -> SimpleNamespace:
    """The test client's session as `auth_ui.session` reads it (from a request), so tests read
    session state through that module and never by its keys."""
    return SimpleNamespace(session=client.session)


def every_form() -> list[type]:
    """Every form class of auth_ui.forms and auth_ui.account_forms (AuthForm, their base,
    aside), by name."""
    from django import forms

    from auth_ui import account_forms
    from auth_ui import forms as auth_forms

    return sorted(
        (
            cls
            for module in (auth_forms, account_forms)
            for cls in vars(module).values()
            if isinstance(cls, type)
            and issubclass(cls, forms.Form)
            and cls.__module__ == module.__name__
            and cls is not auth_forms.AuthForm
        ),
        key=lambda cls: cls.__name__,
    )
