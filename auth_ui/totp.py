"""An authenticator app's setup, as a person sees it: the otpauth:// URI as a QR code drawn
here (inline SVG: no external service, nothing the strict CSP would block) and the key itself."""

from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def otpauth_uri(secret: str, account: str) -> str:
    issuer = settings.SITE_NAME
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?{urlencode({'secret': secret, 'issuer': issuer})}"


def qr_svg(uri: str) -> SafeString:
    """segno's SVG: paths and attributes only, no script, no style attribute; an image named
    by its title."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=2, title=_("QR code for your authenticator app"), svgclass="qr-code"
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - made here from the URI, which segno encodes as a matrix


def grouped(secret: str) -> str:
    """The key in groups of four, easier to type by hand (apps ignore the spaces)."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup_context(secret: str, account: str) -> dict[str, str]:
    return {"qr": qr_svg(otpauth_uri(secret, account)), "key": grouped(secret)}
