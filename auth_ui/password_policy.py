"""Say the pool's password policy in words a person can act on."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REQUIREMENTS = (
    ("RequireUppercase", _("an uppercase letter")),
    ("RequireLowercase", _("a lowercase letter")),
    ("RequireNumbers", _("a number")),
    ("RequireSymbols", _("a symbol")),
)


def describe(policy: dict[str, Any]) -> str:
    """E.g. "Use at least 8 characters, including an uppercase letter, … and a symbol." """
    length = int(policy.get("MinimumLength", 8))
    wanted = [str(text) for key, text in REQUIREMENTS if policy.get(key)]
    if not wanted:
        return gettext("Use at least %(length)d characters.") % {"length": length}
    listed = wanted[0]
    if len(wanted) > 1:
        listed = gettext("%(items)s and %(last)s") % {
            "items": ", ".join(wanted[:-1]),
            "last": wanted[-1],
        }
    return gettext("Use at least %(length)d characters, including %(requirements)s.") % {
        "length": length,
        "requirements": listed,
    }


def is_met(policy: dict[str, Any], password: str) -> bool:
    """Whether `password` meets `policy`, read leniently (any character that is not a letter or a
    digit is a symbol), so this site never refuses a password Cognito would take."""
    checks = {
        "RequireUppercase": any(c.isupper() for c in password),
        "RequireLowercase": any(c.islower() for c in password),
        "RequireNumbers": any(c.isdigit() for c in password),
        "RequireSymbols": any(not c.isalnum() for c in password),
    }
    long_enough = len(password) >= int(policy.get("MinimumLength", 8))
    return long_enough and all(met for key, met in checks.items() if policy.get(key))
