"""Reads the local Cognito stub's outbox over its HTTP API (development only)."""

import ipaddress
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outbox:
    messages: list[dict[str, str]]
    reachable: bool


def in_use() -> bool:
    """The local stub stands in for Cognito, and only ever in development."""
    return bool(settings.DEBUG and settings.COGNITO_USING_STUB)


def read(endpoint_url: str) -> Outbox:
    base_url = endpoint_url.rstrip("/")
    url = f"{base_url}/_stub/outbox"
    if not _is_loopback(url):
        return Outbox(messages=[], reachable=False)
    # cognito_stub is a development package: imported only once the stub is actually asked.
    from cognito_stub import StubClient, StubClientError

    try:
        messages = StubClient(base_url, timeout=3).outbox()
    except (StubClientError, OSError, ValueError, LookupError, TypeError) as error:
        # StubClientError: an error status; OSError: nothing listening; the rest: an answer
        # that is not the stub's.
        logger.warning("Could not read the stub outbox at %s: %s", url, type(error).__name__)
        return Outbox(messages=[], reachable=False)
    return Outbox(messages=messages, reachable=True)


def _is_loopback(url: str) -> bool:
    """Only a stub on this machine is asked (`localhost.evil.example` is not this machine)."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:  # a name, not an address
        return False
