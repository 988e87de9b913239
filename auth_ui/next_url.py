"""The one check on where a `next` parameter may send a person."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from . import session


def requested_next(request: HttpRequest) -> str:
    """Where the person was going: the form's or the URL's `next`, else the flow's remembered one.

    Only a string until `safe_next_url` has checked it where it is used.
    """
    return request.POST.get("next") or request.GET.get("next") or session.remembered_next(request)


def safe_next_url(request: HttpRequest, candidate: str | None) -> str:
    """`candidate` if it is a URL on this site (a path, or this host's absolute URL), else the
    default landing page. Always a URL: never a view name for `redirect()` to reverse."""
    if (
        candidate
        and _is_url(candidate)
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _is_url(candidate: str) -> bool:
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and bool(parts.netloc)
    return candidate.startswith("/")
