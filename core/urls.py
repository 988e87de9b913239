from django.urls import include, path

urlpatterns = [
    path("", include("auth_ui.urls")),
]

handler400 = "auth_ui.views.bad_request"
