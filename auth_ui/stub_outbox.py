"""Reads the local Cognito stub's outbox over its HTTP API (development only)."""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

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
    url = f"{endpoint_url.rstrip('/')}/_stub/outbox"
    if not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        return Outbox(messages=[], reachable=False)
    try:
        with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310 (loopback only)
            return Outbox(messages=json.load(response).get("messages", []), reachable=True)
    except (urllib.error.URLError, OSError, ValueError) as error:
        logger.warning("Could not read the stub outbox at %s: %s", url, type(error).__name__)
        return Outbox(messages=[], reachable=False)
