from django.urls import include, path

urlpatterns = [
    path("", include("auth_ui.urls")),
]
