"""The link checker against a local HTTP server; nothing in this module may connect anywhere but loopback."""

import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import time_machine
from django.utils import timezone

from articles import link_checker, source_health
from articles.models import SourceLink
from tests.factories import ArticleFactory, ReferenceFactory

TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def local_server_allowed(settings):
    settings.SOURCE_CHECK_ALLOW_PRIVATE = True  # the test server is on loopback


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Refuse, loudly, any connection this module's code would open outside loopback."""
    connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        assert host in ("127.0.0.1", "::1", "localhost"), f"a test tried to reach {address}"
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


class Handler(BaseHTTPRequestHandler):
    routes = {
        "/ok": (200, {}),
        "/old": (301, {"Location": "/new"}),
        "/new": (200, {}),
        "/chain": (308, {"Location": "/old"}),
        "/temporary": (302, {"Location": "/ok"}),
        "/missing": (404, {}),
        "/gone": (410, {}),
        "/busy": (429, {"Retry-After": "120"}),
        "/loop": (301, {"Location": "/loop"}),
    }

    def log_message(self, *args):
        pass

    def answer(self):
        self.server.requests.append((time.monotonic(), self.command, self.path))
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(TIMEOUT * 3)
            status, headers = 200, {}
        elif path == "/no-head" and self.command == "HEAD":
            status, headers = 405, {"Allow": "GET"}
        elif path == "/no-head":
            status, headers = 200, {}
        else:
            status, headers = self.routes.get(path, (404, {}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    do_HEAD = do_GET = answer


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # a free port chosen by the system
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


def check(server, path, pace=None):
    return link_checker.check_url(
        base(server) + path, session=requests.Session(), pace=pace or link_checker.HostPace(interval=0),
        timeout=TIMEOUT, user_agent="test", allow_private=True,
    )


def test_a_200_is_reachable_with_one_head_request(server):
    result = check(server, "/ok")
    assert (result.status, result.reachable, result.moved) == (200, True, False)
    assert [(method, path) for _, method, path in server.requests] == [("HEAD", "/ok")]


def test_permanent_redirects_are_followed_and_record_where_the_address_moved(server):
    result = check(server, "/chain")
    assert (result.status, result.moved, result.final_url) == (200, True, base(server) + "/new")
    assert [path for _, _, path in server.requests] == ["/chain", "/old", "/new"]


def test_a_temporary_redirect_is_not_a_move(server):
    result = check(server, "/temporary")
    assert (result.status, result.moved, result.final_url) == (200, False, "")


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/gone", 410)])
def test_404_and_410_are_failures(server, path, status):
    result = check(server, path)
    assert (result.status, result.reachable) == (status, False)


def test_429_is_no_verdict_and_keeps_the_retry_after(server):
    result = check(server, "/busy")
    assert (result.status, result.rate_limited, result.retry_after) == (429, True, timedelta(seconds=120))


def test_a_server_that_refuses_head_is_asked_with_get(server):
    result = check(server, "/no-head")
    assert result.status == 200
    assert [(method, path) for _, method, path in server.requests] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_a_timeout_is_a_failure_with_a_reason(server):
    result = check(server, "/slow")
    assert (result.status, result.reachable) == (None, False)
    assert "no answer within" in result.error


def test_a_redirect_loop_and_a_refused_connection_are_failures_never_exceptions(server):
    assert check(server, "/loop").error == "more than 5 redirects"
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    result = link_checker.check_url(
        f"http://127.0.0.1:{port}/", session=requests.Session(), pace=link_checker.HostPace(0), timeout=TIMEOUT,
        user_agent="test", allow_private=True,
    )
    assert (result.status, result.error) == (None, "could not connect")


def test_retry_after_as_an_http_date():
    now = timezone.now().replace(microsecond=0)
    later = now + timedelta(minutes=5)
    assert link_checker.retry_after(later.strftime("%a, %d %b %Y %H:%M:%S GMT"), now) == timedelta(minutes=5)
    assert link_checker.retry_after("nonsense", now) == link_checker.DEFAULT_RETRY_AFTER
    assert link_checker.retry_after("99999999", now) == link_checker.LONGEST_RETRY_AFTER


# --- The sweep: what is checked, how often, how politely, and what the results mean ----------------------------


def cite(server, *paths):
    article = ArticleFactory()  # published
    for path in paths:
        ReferenceFactory(article=article, url=base(server) + path)
    return article


@pytest.mark.django_db
def test_one_host_gets_at_most_one_request_a_second(server):
    cite(server, "/ok", "/missing", "/no-head", "/chain")
    checked = source_health.check_due_links(timeout=TIMEOUT)
    assert checked == 4
    times = [at for at, _, _ in server.requests]
    assert len(times) == 7  # /ok; /missing; /no-head HEAD and GET; /chain 308, /old 301, /new
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 1.0, gaps


@pytest.mark.django_db
def test_each_address_is_checked_at_most_once_a_day_even_if_cited_twice(server):
    cite(server, "/ok")
    cite(server, "/ok")
    assert source_health.check_due_links(timeout=TIMEOUT) == 1
    assert source_health.check_due_links(timeout=TIMEOUT) == 0
    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        assert source_health.check_due_links(timeout=TIMEOUT) == 0
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert source_health.check_due_links(timeout=TIMEOUT) == 1
    assert len(server.requests) == 2


@pytest.mark.django_db
def test_drafts_and_scheduled_articles_are_not_checked(server):
    ReferenceFactory(article=ArticleFactory(draft=True), url=base(server) + "/ok")
    assert source_health.check_due_links(timeout=TIMEOUT) == 0
    assert server.requests == []


@pytest.mark.django_db
def test_an_address_is_dead_only_after_two_failed_checks_a_day_apart_and_lives_again(server):
    cite(server, "/gone")
    start = timezone.now()
    source_health.check_due_links(timeout=TIMEOUT)
    link = SourceLink.objects.get()
    assert (link.status, link.http_status, link.failing_since) == ("failing", 410, link.checked_at)
    with time_machine.travel(start + timedelta(days=1, minutes=1)):
        source_health.check_due_links(timeout=TIMEOUT)
    link.refresh_from_db()
    assert link.status == "dead"

    Handler.routes["/gone"] = (200, {})
    try:
        with time_machine.travel(start + timedelta(days=2, minutes=2)):
            source_health.check_due_links(timeout=TIMEOUT)
    finally:
        Handler.routes["/gone"] = (410, {})
    link.refresh_from_db()
    assert (link.status, link.failing_since) == ("ok", None)


@pytest.mark.django_db
def test_a_moved_address_records_its_new_home(server):
    cite(server, "/old")
    source_health.check_due_links(timeout=TIMEOUT)
    link = SourceLink.objects.get()
    assert (link.status, link.final_url) == ("moved", base(server) + "/new")


@pytest.mark.django_db
def test_429_leaves_the_status_waits_as_asked_and_rests_the_host_for_the_run(server):
    cite(server, "/busy", "/ok")
    start = timezone.now()
    assert source_health.check_due_links(timeout=TIMEOUT) == 1
    busy = SourceLink.objects.get(url__endswith="/busy")
    assert (busy.status, busy.http_status) == ("unchecked", 429)
    assert SourceLink.objects.get(url__endswith="/ok").checked_at is None  # same host: next run
    Handler.routes["/busy"] = (429, {"Retry-After": str(3 * 86400)})
    try:
        with time_machine.travel(start + timedelta(days=1, minutes=1)):
            source_health.check_due_links(timeout=TIMEOUT)  # checks /ok, then /busy asks for three days
        with time_machine.travel(start + timedelta(days=3)):
            source_health.check_due_links(timeout=TIMEOUT)
    finally:
        Handler.routes["/busy"] = (429, {"Retry-After": "120"})
    assert [path for _, _, path in server.requests].count("/busy") == 2


@pytest.mark.django_db
def test_the_beat_task_runs_the_sweep(server, settings):
    from articles.tasks import check_source_links

    settings.SOURCE_CHECK_TIMEOUT = TIMEOUT
    cite(server, "/ok")
    assert check_source_links.apply().get() == 1  # in process: no worker needed, whatever the broker
    assert SourceLink.objects.get().status == "ok"


@pytest.mark.django_db
def test_by_default_no_request_goes_to_a_private_or_loopback_address(server, settings):
    settings.SOURCE_CHECK_ALLOW_PRIVATE = False
    cite(server, "/ok")
    ReferenceFactory(article=ArticleFactory(), url="http://169.254.169.254/latest/meta-data/")
    ReferenceFactory(article=ArticleFactory(), url="http://10.0.0.5/admin")
    assert source_health.check_due_links(timeout=TIMEOUT) == 3
    assert server.requests == []
    assert set(SourceLink.objects.values_list("error", "status")) == {("not a public address", "failing")}


def test_a_private_address_is_refused_before_any_request_on_every_hop(server):
    result = link_checker.check_url(
        base(server) + "/old", session=requests.Session(), pace=link_checker.HostPace(0), timeout=TIMEOUT,
        user_agent="test", allow_private=False,
    )
    assert (result.status, result.error) == (None, "not a public address")
    assert server.requests == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://[::1]/", "http://192.168.1.1/", "ftp://8.8.8.8/", "http:///nohost"]
)
def test_non_public_addresses_are_recognised_without_a_request(url):
    assert not link_checker.is_public(url)
