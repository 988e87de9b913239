"""Rate limits in django-allauth's shape, counted in Django's cache.

Each action has rules like "10/m/ip,5/5m/key": at most 10 per minute from one IP address and at
most 5 per five minutes for one key (the email typed). They sit in front of Cognito's own limits,
so a flood is turned away before it spends the pool's quota or locks a real person out.
With several processes, point CACHES at a shared cache (Redis, Memcached, the database).
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RULE = re.compile(r"^\s*(\d+)/(\d*)([smhd])/(ip|key)\s*$")


@dataclass(frozen=True)
class Rule:
    amount: int
    seconds: int
    per: str  # "ip" or "key"


def parse(spec: str) -> list[Rule]:
    rules = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        match = RULE.match(part)
        if match is None:
            raise ValueError(f"Unreadable rate limit {part!r}: expected e.g. '10/5m/ip'")
        amount, count, unit, per = match.groups()
        rules.append(Rule(int(amount), int(count or 1) * UNITS[unit], per))
    return rules


def _counters(request: HttpRequest, action: str, key: str) -> list[tuple[str, Rule]]:
    counters = []
    for rule in parse(settings.AUTH_RATE_LIMITS.get(action, "")):
        subject = request.META.get("REMOTE_ADDR", "") if rule.per == "ip" else key.lower()
        if not subject:
            continue
        window = int(time.time() // rule.seconds)
        digest = hashlib.sha256(f"{action}:{rule.per}:{subject}".encode()).hexdigest()[:32]
        counters.append((f"ratelimit:{digest}:{rule.seconds}:{window}", rule))
    return counters


def is_limited(request: HttpRequest, action: str, *, key: str = "") -> bool:
    return any(cache.get(name, 0) >= rule.amount for name, rule in _counters(request, action, key))


def hit(request: HttpRequest, action: str, *, key: str = "") -> None:
    for name, rule in _counters(request, action, key):
        if not cache.add(name, 1, rule.seconds):
            try:
                cache.incr(name)
            except ValueError:  # expired between add and incr
                cache.add(name, 1, rule.seconds)


def consume(request: HttpRequest, action: str, *, key: str = "") -> bool:
    """Count one attempt unless a limit is already reached; False means: refuse it."""
    if is_limited(request, action, key=key):
        return False
    hit(request, action, key=key)
    return True
