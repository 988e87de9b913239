"""Rate limits in django-allauth's shape, counted in Django's cache.

Each action has rules like "10/m/ip,5/5m/key": at most 10 per minute from one IP address and at
most 5 per five minutes for one key (the email typed). They sit in front of Cognito's own limits,
so a flood is turned away before it spends the pool's quota or locks a real person out.
With several processes, point CACHES at a shared cache (Redis, Memcached, the database).

One API, used the same way by every flow: `consume()` counts an attempt before it is made
(`cache.add` then `cache.incr`, both atomic, so concurrent attempts are never lost) and refuses
it past a limit with `RateLimited` (an `AuthError("RateLimited")` that knows when the window
ends); `Usage.rollback()` takes the count back when the attempt turned out not to be one that
counts (a sign-in that succeeded is not a failed one).

A cooldown (`start_cooldown()`) is a pause after one attempt, such as a code just resent:
`consume()` refuses the action for that key until it ends, as `RateLimited("CodeJustSent")`.
`wait()` says, without counting anything, how long until an action would be taken: the pages
show it on the button that would be refused.
"""

import contextlib
import hashlib
import math
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


class RateLimited(AuthError):
    """A limit of this site's: `retry_after` seconds until the attempt would be taken."""

    def __init__(self, retry_after: int, code: str = "RateLimited"):
        super().__init__(code)
        self.retry_after = retry_after


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


def _seconds_left(rule: Rule) -> int:
    """Until the rule's current window ends (fixed windows: seconds 0 to 59, 60 to 119 …)."""
    window_end = (int(clock() // rule.seconds) + 1) * rule.seconds
    return max(1, math.ceil(window_end - clock()))


def _cooldown_name(action: str, key: str) -> str:
    digest = hashlib.sha256(f"{action}:cooldown:{key.lower()}".encode()).hexdigest()[:32]
    return f"ratelimit:cooldown:{digest}"


def _cooling(action: str, key: str) -> int:
    until = cache.get(_cooldown_name(action, key)) if key else None
    return max(0, math.ceil(until - clock())) if until else 0


def start_cooldown(action: str, *, key: str, seconds: int) -> None:
    """No more `action` for `key` in the next `seconds` (a code was just sent to it)."""
    if key and seconds > 0:
        cache.set(_cooldown_name(action, key), clock() + seconds, seconds)


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
    if cooling := _cooling(action, key):
        raise RateLimited(cooling, "CodeJustSent")
    usage = Usage()
    for name, rule in _counters(request, action, key):
        usage.counters.append(name)
        if _increment(name, rule.seconds) > rule.amount:
            usage.rollback()
            raise RateLimited(_seconds_left(rule))
    return usage


def wait(request: HttpRequest, action: str, *, key: str = "") -> int:
    """Seconds until `consume()` would take this action (0: now), counting nothing."""
    waits = [_cooling(action, key)]
    for name, rule in _counters(request, action, key):
        if (cache.get(name) or 0) >= rule.amount:
            waits.append(_seconds_left(rule))
    return max(waits)
