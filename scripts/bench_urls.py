"""The site's URLs plus `/bare/`: the cheapest Django view, the yardstick for the sign-in page."""

from django.http import HttpResponse
from django.urls import path

from core.urls import handler400, handler500
from core.urls import urlpatterns as site

urlpatterns = [path("bare/", lambda request: HttpResponse("ok")), *site]
__all__ = ["handler400", "handler500", "urlpatterns"]
