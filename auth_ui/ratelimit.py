"""Rate limits in django-allauth's shape, counted in Django's cache.

Each action has rules like "10/m/ip,5/5m/key": at most 10 per minute from one IP address and at
most 5 per five minutes for one key (the email typed). They sit in front of Cognito's own limits,
so a flood is turned away before it spends the pool's quota or locks a real person out.
With several processes, point CACHES at a shared cache (Redis, Memcached, the database).

One API, used the same way by every flow: `consume()` counts an attempt before it is made
(`cache.add` then `cache.incr`, both atomic, so concurrent attempts are never lost) and refuses
it past a limit with `AuthError("RateLimited")`; `Usage.rollback()` takes the count back when
the attempt turned out not to be one that counts (a sign-in that succeeded is not a failed one).
"""

import contextlib
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from .cognito.errors import AuthError

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RULE = re.compile(r"^\s*(\d+)/(\d*)([smhd])/(ip|key)\s*$")
clock: Callable[[], float] = time.time


@dataclass(frozen=True)
class Rule:
    amount: int
    seconds: int
    per: str  # "ip" or "key"


@dataclass
class Usage:
    """The counters one attempt was added to, so it can be taken back."""

    counters: list[str] = field(default_factory=list)

    def rollback(self) -> None:
        for name in self.counters:
            with contextlib.suppress(ValueError):  # the window ended meanwhile
                cache.decr(name)
        self.counters = []


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
        window = int(clock() // rule.seconds)
        digest = hashlib.sha256(f"{action}:{rule.per}:{subject}".encode()).hexdigest()[:32]
        counters.append((f"ratelimit:{digest}:{rule.seconds}:{window}", rule))
    return counters


def _increment(name: str, seconds: int) -> int:
    cache.add(name, 0, seconds + 1)
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr: this attempt opens the next window
        cache.add(name, 0, seconds + 1)
        return cache.incr(name)


def consume(request: HttpRequest, action: str, *, key: str = "") -> Usage:
    """Count one attempt, or refuse it (counting nothing) when a limit is already reached."""
    usage = Usage()
    for name, rule in _counters(request, action, key):
        usage.counters.append(name)
        if _increment(name, rule.seconds) > rule.amount:
            usage.rollback()
            raise AuthError("RateLimited")
    return usage
