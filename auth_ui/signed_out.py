""" "Sign out everywhere" marks: when a person last ended all their sessions.

Every signed-in request asks, so the answer comes from the shared cache (Redis with REDIS_URL:
one mark seen by every instance), with the database as the record behind it. A cache that lost
the mark (Redis restarted) reads it again from the database once, so no ended session returns.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import CognitoIdentity

NO_MARK = 0.0


def cache_key(user_pk) -> str:
    return f"signed-out-everywhere:{user_pk}"


def mark(user_pk) -> None:
    """Every session of this person that began before now ends at its next request."""
    now = timezone.now()
    CognitoIdentity.objects.filter(user_id=user_pk).update(signed_out_at=now)
    cache.set(cache_key(user_pk), now.timestamp(), settings.SESSION_COOKIE_AGE)


def last_mark(user_pk) -> float:
    """The time of the last mark (seconds since the epoch), or NO_MARK."""
    found = cache.get(cache_key(user_pk))
    if found is None:
        at = (
            CognitoIdentity.objects.filter(user_id=user_pk)
            .values_list("signed_out_at", flat=True)
            .first()
        )
        found = at.timestamp() if at else NO_MARK
        cache.set(cache_key(user_pk), found, settings.SESSION_COOKIE_AGE)
    return found
