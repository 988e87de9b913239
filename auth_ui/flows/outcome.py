"""What a flow answers when it succeeds: where the person goes next, and what they read there."""

from dataclasses import dataclass

from django.contrib import messages
from django.utils.functional import Promise


@dataclass(frozen=True)
class Outcome:
    url: str
    notice: str | Promise | None = None
    level: int = messages.INFO
    # True once the flow has ended (signed in, signed out): a real navigation, not a swap.
    done: bool = False
