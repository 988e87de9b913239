from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from . import flows

REDIRECT_STATUSES = {301, 302, 303, 307, 308}


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
    """Keeps a signed-in person's Cognito tokens fresh, or signs them out (see flows)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            flows.keep_tokens_fresh(request)
        return self.get_response(request)
