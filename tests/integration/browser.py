"""A person's browser, reduced to what the tests need: cookies (kept even when marked Secure,
since the instances speak plain HTTP on loopback), the CSRF token, and plain form posts."""

import re
from http.cookies import SimpleCookie

import requests

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        response = requests.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **kwargs
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post_form(self, page_url: str, data: dict[str, str], to: str = "") -> requests.Response:
        """Open the page (for its CSRF token), then post its form as a browser without JS does."""
        page = self.get(page_url)
        token = CSRF_FIELD.search(page.text)
        assert token, f"no CSRF token on {page_url} ({page.status_code})"
        return self.request("POST", to or page_url, data={**data, "csrfmiddlewaretoken": token[1]})
