"""`collectstatic` leaves out static/src/ (Tailwind's input, built into static/css/app.css): its
`@import "tailwindcss"` is no file the manifest storage could hash."""

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, "src"]
