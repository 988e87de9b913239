"""What the views share: the posted data, and the form of a step that takes an emailed code."""

from typing import Any

from django.http import HttpRequest

from .. import session
from ..forms import (
    AuthForm,
)


def posted(request: HttpRequest) -> dict[str, Any] | None:
    return request.POST if request.method == "POST" else None


def code_step_form(request: HttpRequest, form_class: type[AuthForm]) -> AuthForm:
    """A step that takes an emailed code, or (its second button) sends another one."""
    return form_class(
        posted(request),
        initial={"email": session.remembered_email(request)},
        resend=request.POST.get("action") == "resend",
    )
