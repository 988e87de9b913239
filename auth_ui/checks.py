"""System checks: a misconfigured production site fails at `check --deploy` and at start-up,
with a clear message, instead of at a person's first sign-in."""

import re

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

POOL_ID = re.compile(r"^(?P<region>[a-z]{2}(-[a-z]+)+-\d)_[0-9A-Za-z]+$")


@register()
def production_settings(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to read an empty one
        secret_key = ""
    if not secret_key:
        errors.append(Error("SECRET_KEY is empty.", hint="Set SECRET_KEY.", id="auth_ui.E001"))
    missing = [
        name
        for name in ("COGNITO_REGION", "COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_ID")
        if not getattr(settings, name, "")
    ]
    if missing:
        errors.append(
            Error(
                f"Cognito is not configured: {', '.join(missing)} not set.",
                hint="Set them to your user pool and app client (see .env.example).",
                id="auth_ui.E002",
            )
        )
    pool_id = getattr(settings, "COGNITO_USER_POOL_ID", "")
    region = getattr(settings, "COGNITO_REGION", "")
    match = POOL_ID.match(pool_id)
    if pool_id and not match:
        errors.append(
            Error(
                f"COGNITO_USER_POOL_ID {pool_id!r} is not a user pool id.",
                hint="It looks like 'eu-west-1_AbC123xyz'.",
                id="auth_ui.E003",
            )
        )
    elif match and region and match["region"] != region:
        errors.append(
            Error(
                f"COGNITO_REGION {region!r} does not match the pool id's {match['region']!r}.",
                hint="A user pool lives in the region its id starts with.",
                id="auth_ui.E004",
            )
        )
    return errors


@register()
def profile_attributes(app_configs=None, **kwargs) -> list[Error]:
    """Every attribute the profile page shows must be one it knows how to label."""
    from .account_forms import PROFILE_FIELDS

    unknown = [a for a in settings.COGNITO_PROFILE_ATTRIBUTES if a not in PROFILE_FIELDS]
    if not unknown:
        return []
    return [
        Error(
            f"COGNITO_PROFILE_ATTRIBUTES names attributes the profile page can't show: "
            f"{', '.join(unknown)}.",
            hint=f"Use Cognito's writable standard attributes: {', '.join(PROFILE_FIELDS)}.",
            id="auth_ui.E005",
        )
    ]


SIGN_IN_FLOWS = ("password", "srp", "choice")


@register()
def sign_in_flow(app_configs=None, **kwargs) -> list[Error]:
    if settings.COGNITO_SIGN_IN_FLOW in SIGN_IN_FLOWS:
        return []
    return [
        Error(
            f"COGNITO_SIGN_IN_FLOW is {settings.COGNITO_SIGN_IN_FLOW!r}.",
            hint=f"Use one of: {', '.join(SIGN_IN_FLOWS)}.",
            id="auth_ui.E006",
        )
    ]
