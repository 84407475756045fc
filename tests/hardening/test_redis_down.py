"""Redis down: the site keeps serving, signups are stored, and their confirmations go out once Redis is back.

Each test starts its own throwaway redis-server on a free port and kills that one process; the machine's Redis is
never touched. The cache (posttrain.cache_backends.DegradingRedisCache) turns an unreachable Redis into misses and
no-op writes, and rate limits into "not limited"; the confirmation that could not be queued is sent by the periodic
sweep (newsletter.tasks.send_unsent_confirmations).

SMTP refusing mid-send is proven in tests/newsletter: test_delivery.py::
test_temporary_smtp_error_is_retried_later_and_never_stamped_sent_until_accepted (unit) and test_integration.py::
test_smtp_refusing_for_a_while_is_retried_and_nothing_unaccepted_is_stamped_sent (real worker and SMTP server).
"""

import http.cookiejar
import logging
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from django.core import mail

from newsletter import tasks
from newsletter.models import Subscriber
from posttrain.cache_backends import DegradingRedisCache
from posttrain.celery import app as celery_app

from .conftest import free_port, get

REDIS_SERVER = shutil.which("redis-server")


class ThrowawayRedis:
    """A redis-server of our own on a fixed port, which we may kill and start again."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        if REDIS_SERVER is None:
            pytest.skip("redis-server is not installed")
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"


@pytest.fixture
def own_redis():
    server = ThrowawayRedis(free_port())
    yield server
    server.kill()


# --- The cache backend ------------------------------------------------------------------------------------------


def test_cache_degrades_while_redis_is_down_and_recovers_when_it_is_back(own_redis, caplog):
    cache = DegradingRedisCache(f"{own_redis.start().url}/0", {})
    cache.set("page", "cached")
    assert cache.get("page") == "cached"
    assert cache.add("counter", 1) and cache.incr("counter") == 2

    own_redis.kill()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="posttrain.cache_backends"):
        assert cache.get("page", "default") == "default"
        assert cache.set("page", "new") is None
        assert cache.add("other", 1) is False
        assert cache.incr("counter") == 0  # django-ratelimit reads 0 as "not limited"
        assert cache.get_many(["page", "counter"]) == {}
        assert cache.delete("page") is False
        assert cache.has_key("page") is False
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.get_or_set("computed", lambda: "fresh") == "fresh"
    assert time.monotonic() - started < 5
    assert len([r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]) == 1, "log once"

    own_redis.start()
    cache.set("page", "again")
    assert cache.get("page") == "again"


def test_a_redis_that_hangs_times_out_quickly():
    # A socket that accepts connections and never answers: the socket timeout, not the request, gives up.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        cache = DegradingRedisCache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0", {})
        started = time.monotonic()
        assert cache.get("key", "default") == "default"
        assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_with_the_cache_down_pages_render_and_signups_are_stored_not_rate_limited(
    client, settings, django_capture_on_commit_callbacks
):
    from tests.newsletter.conftest import signup_data

    settings.CACHES = {"default": {"BACKEND": "posttrain.cache_backends.DegradingRedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    settings.NEWSLETTER_SIGNUP_RATE = "2/m"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        assert client.get("/").status_code == 200
        assert client.get("/newsletter/").status_code == 200
        for n in range(4):  # more than the per-IP rate: with no place to count, nobody is turned away
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post("/newsletter/", signup_data(f"reader{n}@example.org"))
            assert response.status_code == 302
        health = client.get("/healthz")
        assert health.status_code == 503 and health.json()["cache"].startswith("error")
    finally:
        celery_app.conf.task_always_eager = eager
    assert Subscriber.objects.count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{n}@example.org" for n in range(4)]


# --- The production web process with its Redis killed -----------------------------------------------------------


def database_url():
    from django.db import connection

    db = connection.settings_dict
    auth = urllib.parse.quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.postgres
def test_redis_down_signup_is_stored_and_confirmed_once_redis_is_back(
    transactional_db, production_server, own_redis, settings
):
    own_redis.start()
    base = production_server(
        DATABASE_URL=database_url(),
        REDIS_URL=f"{own_redis.url}/0",
        CELERY_BROKER_URL=f"{own_redis.url}/1",
    )
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    assert opener.open(f"{base}/healthz", timeout=10).status == 200  # Redis was there at first

    own_redis.kill()
    status, _, health = get(f"{base}/healthz", timeout=20)
    assert status == 503 and '"cache": "error' in health and '"database": "ok"' in health
    page = opener.open(f"{base}/newsletter/", timeout=20).read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', page))
    body = urllib.parse.urlencode({**fields, "email": "Offline@Example.org", "source": "redis-down"}).encode()
    started = time.monotonic()
    response = opener.open(urllib.request.Request(f"{base}/newsletter/", data=body), timeout=30)
    assert response.status == 200 and response.url.endswith("/newsletter/check-your-inbox/")
    assert time.monotonic() - started < 15
    subscriber = Subscriber.objects.get(email="offline@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmation_sent_at is None  # the broker was down: nothing was queued

    own_redis.start()
    settings.NEWSLETTER_CONFIRMATION_SWEEP_AFTER = 0
    assert tasks.send_unsent_confirmations() == 1
    assert tasks.send_unsent_confirmations() == 0
    [message] = mail.outbox
    assert message.to == ["offline@example.org"]
    assert "/newsletter/confirm/" in message.body
