"""The site's name and mark on every page (card header, tab title), from settings."""

from django.conf import settings
from django.http import HttpRequest


def branding(request: HttpRequest) -> dict[str, str]:
    return {"site_name": settings.SITE_NAME, "site_logo": settings.SITE_LOGO}
