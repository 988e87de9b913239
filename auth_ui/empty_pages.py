"""An empty step's page, rendered once per process and kept.

A page whose form nobody has filled in yet is the same for every visitor who isn't signed in,
has no notice waiting, and asks for the same URL on the same host, in the same language, the
same way (the whole page, or its card for htmx). Everything a page shows comes from its
context, the context processors' values and those few things about the request, so the key is
all of them: a page is never served to a request that would have rendered it differently. A
context value that isn't plain data (text, numbers, dataclasses of those, an empty form) makes
the page render every time.

Only the CSRF token differs from one visitor to the next: the page is kept with a placeholder,
random for each process so that nothing typed can be it, and each response carries its own
visitor's token (and sets the CSRF cookie, as rendering `{% csrf_token %}` would).
"""

import secrets
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation

from .fingerprints import Unknown, strict

MAX_PAGES = 256  # distinct pages kept; more (many prefilled emails or `next`s) start over
PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"
# What the context processors give that is the visitor's own: the visitor isn't signed in and
# has no notice waiting (checked first), and the CSRF token goes in last.
VISITORS_OWN = {"request", "user", "perms", "messages", "DEFAULT_MESSAGE_LEVELS", "csrf_token"}
_pages: dict[tuple, str] = {}


def respond(
    request: HttpRequest, template: str, context: dict[str, Any], status: int
) -> HttpResponse | None:
    """The page from memory (rendered first if it isn't there yet), or None where it has to be
    rendered for this visitor alone."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return None
    if messages.get_messages(request):  # a notice is this visitor's alone
        return None
    shared = processors_output(request)
    try:
        key = (template, status, described(request), strict(context), strict(shared))
    except Unknown:
        return None
    page = _pages.get(key)
    if page is None:
        if len(_pages) >= MAX_PAGES:
            _pages.clear()
        page = _pages[key] = render_to_string(
            template, {**shared, **context, "request": request, "csrf_token": PLACEHOLDER}
        )
    return HttpResponse(page.replace(PLACEHOLDER, get_token(request)), status=status)


def described(request: HttpRequest) -> tuple:
    """What the templates read from the request, or could through `{% url %}`, and the way the
    page is asked for (htmx swaps the card, a history restore needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return (
        request.get_full_path(),
        request.get_host(),
        request.is_secure(),
        get_script_prefix(),
        translation.get_language(),
        bool(htmx),
        bool(htmx and htmx.history_restore_request),
    )


def processors_output(request: HttpRequest) -> dict[str, Any]:
    """The context processors' values, less the visitor's own (see VISITORS_OWN)."""
    output: dict[str, Any] = {}
    for processor in engines["django"].engine.template_context_processors:
        output.update(processor(request))
    return {name: value for name, value in output.items() if name not in VISITORS_OWN}
