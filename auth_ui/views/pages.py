"""Pages that are not steps: the dev mailbox, and what a request we could not take gets."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import stub_outbox


@require_safe
def dev_mailbox(request: HttpRequest) -> HttpResponse:
    """The codes the local stub "sent", so a person can finish sign-up without email."""
    if not stub_outbox.in_use():
        raise Http404
    return render(
        request,
        "dev/mailbox.html",
        {"title": _("Dev mailbox"), "outbox": stub_outbox.read(settings.COGNITO_ENDPOINT_URL)},
    )


def problem(request: HttpRequest, explanation: str, *, status: int) -> HttpResponse:
    context = {"title": _("Please try again"), "explanation": explanation}
    return render(request, "auth/problem.html", context, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    explanation = _(
        "This form had expired, for your security. Go back, reload the page and send it again."
    )
    return problem(request, explanation, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    explanation = _(
        "Your browser sent something this site couldn't read. Reload the page and try again."
    )
    return problem(request, explanation, status=400)
