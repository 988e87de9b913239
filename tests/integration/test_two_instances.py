"""Several instances share everything that must be shared: a session, a rate limit, a "sign out
everywhere", and they outlive one another and a Redis restart."""

import re

from .browser import Browser
from .conftest import PASSWORD, sign_in

ACCOUNT = "/account/"


def signed_in_on(browser: Browser, app) -> bool:
    response = browser.get(f"{app.url}{ACCOUNT}")
    return response.status_code == 200


def test_a_session_from_a_is_good_on_b(a, b, person):
    browser = Browser()
    response = sign_in(browser, a, person)
    assert response.status_code == 302
    assert response.headers["Location"] == ACCOUNT
    page = browser.get(f"{b.url}{ACCOUNT}")
    assert page.status_code == 200
    assert person in page.text


def test_failed_sign_ins_on_a_and_b_count_together(a, b, person, stub):
    stub.clear_calls()
    browser = Browser()
    for app in (a, b, a):  # the limit is 3 per email
        assert sign_in(browser, app, person, "Wrong-" + PASSWORD).status_code == 422
    refused = sign_in(browser, b, person, "Wrong-" + PASSWORD)
    assert refused.status_code == 429
    assert stub.calls().get("InitiateAuth") == 3  # the fourth never reached Cognito
    assert sign_in(Browser(), a, person).status_code == 429  # nor may the right password now


def test_signing_out_everywhere_on_a_ends_the_session_on_b(a, b, person):
    on_a, on_b = Browser(), Browser()
    assert sign_in(on_a, a, person).status_code == 302
    assert sign_in(on_b, b, person).status_code == 302
    assert signed_in_on(on_b, b)
    answer = on_a.post_form(f"{a.url}{ACCOUNT}", {"action": "sign_out_everywhere"})
    assert answer.status_code == 302
    response = on_b.get(f"{b.url}{ACCOUNT}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/sign-in/")


def test_when_a_dies_b_serves_its_people(a, b, person):
    browser = Browser()
    assert sign_in(browser, a, person).status_code == 302
    a.kill()
    assert signed_in_on(browser, b)  # no session lost
    assert Browser().get(f"{b.url}/auth/sign-in/").status_code == 200
    assert sign_in(Browser(), b, person).status_code == 302


def test_a_redis_restart_is_a_brief_503_never_a_500(a, b, person, redis_server):
    browser = Browser()
    assert sign_in(browser, a, person).status_code == 302
    redis_server.stop()
    try:
        for app in (a, b):
            assert browser.get(f"{app.url}/readyz").status_code == 503
            for path in (ACCOUNT, "/auth/sign-in/"):
                assert browser.get(f"{app.url}{path}").status_code in {200, 503}
            down = sign_in(Browser(), app, person)
            assert down.status_code == 503
            assert down.headers["Retry-After"] == "5"
    finally:
        redis_server.start()
    for app in (a, b):
        assert browser.get(f"{app.url}/readyz").status_code == 200
        assert signed_in_on(browser, app)  # sessions are kept in PostgreSQL too
    assert sign_in(Browser(), b, person).status_code == 302


def test_static_files_are_hashed_compressed_and_cached_for_a_year(a):
    page = Browser().get(f"{a.url}/auth/sign-in/")
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.text)
    assert css, "the stylesheet's name is not hashed"
    for encoding in ("br", "gzip"):
        response = Browser().get(f"{a.url}{css[1]}", headers={"Accept-Encoding": encoding})
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"


def test_each_request_gets_an_id(a):
    response = Browser().get(f"{a.url}/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])
