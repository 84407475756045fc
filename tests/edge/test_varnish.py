"""The shipped VCL (deploy/varnish/default.vcl) in a real varnishd, in front of a recording HTTP server.

Each test counts the requests that got past Varnish to the backend: that, not a header, is what proves a hit.
"""

import http.client
import subprocess
import time

import pytest
from django.db import transaction

from posttrain import frontend_cache

from .recorder import Answer
from .varnish import VARNISHD, VCL_DIR

pytestmark = pytest.mark.varnish

CACHEABLE = "public, max-age=0, s-maxage=300"


def serve(backend, path, cache_control=CACHEABLE, keys="", status=200, **headers):
    """The backend answers `path` with a body that counts its own fetches: "<path> v1", "<path> v2", …"""
    headers = {"Cache-Control": cache_control, "Content-Type": "text/html; charset=utf-8", **headers}
    if keys:
        headers["xkey"] = keys

    def answer(recorded, nth):
        return Answer(status, headers, f"{path} v{nth}".encode())

    backend.answer(path, answer)


def fetched(backend, path):
    return len(backend.received(path))


def wait_for(condition, seconds=10, message="condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds}s waiting for {message}")


@pytest.fixture
def varnish_purges(settings, site_behind_varnish):
    varnish, _backend = site_behind_varnish
    settings.FRONTEND_CACHE_URLS = [f"varnish://127.0.0.1:{varnish.port}"]


def test_second_anonymous_get_is_a_hit_that_never_reaches_django(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/articles/one/")
    serve(backend, path)

    first = varnish.request("GET", path)
    second = varnish.request("GET", path)

    assert (first[0], first[1]["x-cache"], first[2]) == (200, "MISS", f"{path} v1".encode())
    assert (second[0], second[1]["x-cache"], second[2]) == (200, "HIT", f"{path} v1".encode())
    assert fetched(backend, path) == 1


def test_purge_by_key_refetches_only_the_pages_naming_it(site_behind_varnish, unique_path, varnish_purges):
    varnish, backend = site_behind_varnish
    tagged, other = unique_path("/articles/tagged/"), unique_path("/articles/other/")
    key_a, key_b, key_c = (f"{name}-{unique_path('').strip('/')}" for name in ("a", "b", "c"))
    serve(backend, tagged, keys=f"{key_a} {key_b}")
    serve(backend, other, keys=key_c)
    varnish.request("GET", tagged)
    varnish.request("GET", other)

    frontend_cache.purge([key_a])

    after = varnish.request("GET", tagged)
    assert (after[1]["x-cache"], after[2]) == ("MISS", f"{tagged} v2".encode())
    assert varnish.request("GET", other)[1]["x-cache"] == "HIT"
    assert fetched(backend, other) == 1


def test_purge_after_commit_reaches_varnish_in_one_request(
    site_behind_varnish, unique_path, varnish_purges, db, django_capture_on_commit_callbacks
):
    varnish, backend = site_behind_varnish
    first, second = unique_path("/one/"), unique_path("/two/")
    key_one, key_two = f"article-{unique_path('').strip('/')}", f"tag-{unique_path('').strip('/')}"
    serve(backend, first, keys=key_one)
    serve(backend, second, keys=key_two)
    varnish.request("GET", first)
    varnish.request("GET", second)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        frontend_cache.request_purge([key_one])
        frontend_cache.request_purge([key_two, key_one])
        assert varnish.request("GET", first)[1]["x-cache"] == "HIT"  # nothing before the commit

    assert len(callbacks) == 1
    assert varnish.request("GET", first)[1]["x-cache"] == "MISS"
    assert varnish.request("GET", second)[1]["x-cache"] == "MISS"


def test_signed_in_request_is_never_served_nor_stored(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path)
    varnish.request("GET", path)  # an anonymous copy is in the cache

    for _ in range(2):
        status, headers, body = varnish.request("GET", path, {"Cookie": "csrftoken=x; sessionid=editor-session"})
        assert (status, headers["x-cache"]) == (200, "PASS")
    assert fetched(backend, path) == 3
    assert backend.received(path)[-1].headers["cookie"] == "csrftoken=x; sessionid=editor-session"


def test_a_session_cookie_in_a_second_cookie_header_is_still_seen(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path)
    varnish.request("GET", path)
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=10)
    try:
        connection.putrequest("GET", path)
        connection.putheader("Cookie", "_ga=GA1.2.3")
        connection.putheader("Cookie", "sessionid=editor-session")
        connection.endheaders()
        response = connection.getresponse()
        assert response.getheader("X-Cache") == "PASS"
    finally:
        connection.close()
    assert "sessionid=editor-session" in backend.received(path)[-1].headers["cookie"]


def test_stray_cookies_are_dropped_so_readers_share_one_copy(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path)

    varnish.request("GET", path, {"Cookie": "_ga=GA1.2.3"})
    again = varnish.request("GET", path, {"Cookie": "_ga=GA1.9.9; csrftoken=abc"})

    assert again[1]["x-cache"] == "HIT"
    assert "cookie" not in backend.received(path)[0].headers


def test_response_that_sets_a_cookie_is_never_cached(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/newsletter/")
    serve(backend, path, **{"Set-Cookie": "csrftoken=per-reader; Path=/"})

    first = varnish.request("GET", path)
    second = varnish.request("GET", path)

    assert first[1]["set-cookie"] == "csrftoken=per-reader; Path=/"
    assert second[1]["x-cache"] != "HIT"
    assert fetched(backend, path) == 2


@pytest.mark.parametrize("cache_control", ["private, no-store", "private", "no-store", "no-cache", "max-age=0"])
def test_private_or_uncacheable_response_is_never_cached(site_behind_varnish, unique_path, cache_control):
    varnish, backend = site_behind_varnish
    path = unique_path("/preview-like/")
    serve(backend, path, cache_control=cache_control)

    varnish.request("GET", path)
    second = varnish.request("GET", path)

    assert second[2] == f"{path} v2".encode()
    assert fetched(backend, path) == 2


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/article/",
        "/preview/some-signed-token/",
        "/newsletter/confirm/token/",
        "/newsletter/preferences/token/",
        "/newsletter/unsubscribe/token/",
        "/healthz",
    ],
)
def test_admin_previews_token_pages_and_health_are_never_cached(site_behind_varnish, unique_path, path):
    varnish, backend = site_behind_varnish
    # Even when Django would allow it: the path alone keeps them out.
    query = unique_path("").replace("/", "?v=")
    serve(backend, path)

    first = varnish.request("GET", path + query)
    second = varnish.request("GET", path + query, {"Cookie": "csrftoken=kept"})

    assert first[1]["x-cache"] == second[1]["x-cache"] == "PASS"
    assert len(backend.received(path + query)) == 2
    assert backend.received(path + query)[-1].headers["cookie"] == "csrftoken=kept"


def test_posts_reach_django_with_their_cookies(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/newsletter/")
    serve(backend, path)

    for _ in range(2):
        varnish.request("POST", path, {"Cookie": "csrftoken=abc", "Content-Length": "0"})

    assert [r.method for r in backend.received(path)] == ["POST", "POST"]
    assert backend.received(path)[-1].headers["cookie"] == "csrftoken=abc"


def test_purge_from_an_address_outside_the_acl_is_refused_and_purges_nothing(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path, key = unique_path("/"), f"article-{unique_path('').strip('/')}"
    serve(backend, path, keys=key)
    varnish.request("GET", path)

    status, _headers, _body = varnish.request("PURGE", "/", {"xkey-purge": key}, source="127.0.0.2")

    assert status == 403
    assert varnish.request("GET", path)[1]["x-cache"] == "HIT"


def test_purge_without_a_key_header_is_refused(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path)
    varnish.request("GET", path)

    status, _headers, body = varnish.request("PURGE", path)

    assert (status, body) == (400, b"PURGE needs an xkey-purge header\n")
    assert varnish.request("GET", path)[1]["x-cache"] == "HIT"


def test_content_keys_are_hidden_from_readers_and_shown_to_purgers_on_request(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path, keys="site article-1")

    reader = varnish.request("GET", path, {"X-Cache-Debug": "1"}, source="127.0.0.2")
    purger = varnish.request("GET", path, {"X-Cache-Debug": "1"})

    assert "xkey" not in reader[1]
    assert purger[1]["xkey"] == "site article-1"
    assert "x-vcl-revalidate" not in reader[1]


def test_accept_encoding_variants_share_one_gzipped_copy(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path)

    plain = varnish.request("GET", path)
    browser = varnish.request("GET", path, {"Accept-Encoding": "gzip, deflate, br, zstd"})
    other = varnish.request("GET", path, {"Accept-Encoding": "br;q=1.0, gzip;q=0.8"})

    assert plain[2] == f"{path} v1".encode()
    assert browser[1]["content-encoding"] == "gzip" and browser[1]["x-cache"] == "HIT"
    assert other[1]["x-cache"] == "HIT"
    assert fetched(backend, path) == 1


def test_within_stale_while_revalidate_the_copy_is_served_while_varnish_refreshes_it(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path, cache_control="public, s-maxage=1, stale-while-revalidate=30")
    varnish.request("GET", path)
    # The copy's age is what is under test, and time is the only way to age it.
    time.sleep(1.5)

    stale = varnish.request("GET", path)

    assert stale[2] == f"{path} v1".encode()
    wait_for(lambda: varnish.request("GET", path)[2] == f"{path} v2".encode(), message="the background refresh")


def test_past_stale_while_revalidate_the_reader_waits_for_a_fresh_page(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path, cache_control="public, s-maxage=1, stale-while-revalidate=1, stale-if-error=600")
    varnish.request("GET", path)
    time.sleep(2.5)  # past s-maxage + stale-while-revalidate; the copy is still held for stale-if-error

    fresh = varnish.request("GET", path)

    assert (fresh[0], fresh[2]) == (200, f"{path} v2".encode())


def test_within_stale_if_error_readers_get_the_copy_while_django_fails(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    policy = "public, s-maxage=1, stale-while-revalidate=1, stale-if-error=600"
    serve(backend, path, cache_control=policy)
    varnish.request("GET", path)
    serve(backend, path, cache_control=policy, status=500)
    backend.answer("/healthz", status=503)
    varnish.wait_for_health(False)

    # Through the whole life of the copy (fresh, stale-while-revalidate, then stale-if-error) readers get it.
    def past_revalidate_window():
        status, headers, body = varnish.request("GET", path)
        assert (status, body) == (200, f"{path} v1".encode())
        return int(headers["age"]) >= 3

    try:
        wait_for(past_revalidate_window, message="the copy to age past stale-while-revalidate")
        assert fetched(backend, path) >= 2  # Varnish did ask Django again, and got the error
    finally:
        backend.answer("/healthz", status=200)
        varnish.wait_for_health(True)

    serve(backend, path, cache_control=policy)
    recovered = varnish.request("GET", path)
    assert recovered[0] == 200 and recovered[2] != f"{path} v1".encode()


def test_error_without_a_stale_copy_is_passed_on(site_behind_varnish, unique_path):
    varnish, backend = site_behind_varnish
    path = unique_path("/")
    serve(backend, path, status=503)

    assert varnish.request("GET", path)[0] == 503


def test_the_shipped_vcl_compiles_with_the_shipped_origin(varnishd_installed, tmp_path):
    # The other tests run default.vcl with an origin.vcl of their own; this one is what a deployment copies.
    result = subprocess.run(
        [VARNISHD, "-C", "-f", str(VCL_DIR / "default.vcl"), "-p", f"vcl_path={VCL_DIR}", "-n", str(tmp_path / "n")],
        capture_output=True, text=True, timeout=60,
    )

    assert result.returncode == 0, result.stderr[-2000:]
