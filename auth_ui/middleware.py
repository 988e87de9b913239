from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from . import flows
from .cognito import time_budget
from .views import bad_request

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RejectUnreadableFormsMiddleware:
    """A form body declared in a charset other than UTF-8 (the only one Django reads forms in)
    is answered 400 with our page, before CSRF checks or a view trip over it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = request.content_params.get("charset")
        if request.content_type in FORM_TYPES and charset and charset.lower() != "utf-8":
            return bad_request(request)
        return self.get_response(request)


class CognitoTimeBudgetMiddleware:
    """Every Cognito call a request makes shares one time budget (COGNITO_TIME_BUDGET)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with time_budget():
            return self.get_response(request)


class HtmxRedirectMiddleware:
    """A redirect answering an htmx request becomes `HX-Redirect`, a real navigation.

    Otherwise htmx would follow it inside XMLHttpRequest and swap a whole page into a form, e.g.
    when `login_required` sends an expired session to sign-in (django-htmx issue #91).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code not in REDIRECT_STATUSES:
            return response
        if getattr(request, "htmx", False):
            response = HttpResponseClientRedirect(response["Location"])
        patch_vary_headers(response, ("HX-Request",))
        return response


class CognitoSessionMiddleware:
    """Ends a session its person signed out everywhere; keeps the others' Cognito tokens fresh,
    or signs them out when Cognito no longer takes them (see flows.session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not flows.signed_out_everywhere(request):
            flows.keep_tokens_fresh(request)
        return self.get_response(request)
