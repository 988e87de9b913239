"""whitenoise marks hashed static files immutable for ten years; a year is the convention
(`max-age=31536000, immutable`), and what the issue asks for."""

YEAR = 365 * 24 * 60 * 60


def year_long_immutable(headers, path: str, url: str) -> None:
    if "immutable" in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = f"max-age={YEAR}, public, immutable"
