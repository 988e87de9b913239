from django.urls import include, path

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("auth_ui.urls")),
]

handler400 = "auth_ui.views.bad_request"
handler500 = "core.outage.server_error"
