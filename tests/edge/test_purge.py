"""Purges by content key: what goes to Fastly, Cloudflare and Varnish, when, how often, and what a failure does.

The APIs are a recording HTTP server on loopback (tests/edge/recorder.py): the assertions read what it received.
"""

import json
import time

import pytest
from celery import Celery
from django.db import transaction

from posttrain import frontend_cache
from posttrain.celery import app as celery_app
from posttrain.tasks import purge_frontend_cache

from .recorder import Answer
from .varnish import free_port

FASTLY_PURGE = "/service/svc-1/purge"
CLOUDFLARE_PURGE = "/client/v4/zones/zone-1/purge_cache"
CLOUDFLARE_OK = Answer(200, {"Content-Type": "application/json"}, b'{"success": true, "errors": [], "result": {}}')


@pytest.fixture
def run_task_with_retries():
    """Run the purge task inline, its retries one after another (Celery runs eager retries only when errors do
    not propagate); the waits it asks for are in its log."""
    saved = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield lambda keys: purge_frontend_cache.apply(args=[keys])
    celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def cloudflare_ok(recorder):
    recorder.answer(CLOUDFLARE_PURGE, CLOUDFLARE_OK)


def test_fastly_purge_sends_the_keys_and_token_to_the_services_batch_endpoint(recorder, frontend_caches):
    frontend_caches("fastly://svc-1")

    frontend_cache.purge(["article-1", "list-home"])

    [request] = recorder.received()
    assert (request.method, request.path) == ("POST", FASTLY_PURGE)
    assert request.headers["fastly-key"] == "fastly-test-token"
    assert request.headers["surrogate-key"] == "article-1 list-home"
    assert "fastly-soft-purge" not in request.headers  # hard, like Varnish: purged pages are never served again


def test_cloudflare_purge_posts_the_tags_as_json_with_the_bearer_token(recorder, frontend_caches, cloudflare_ok):
    frontend_caches("cloudflare://zone-1")

    frontend_cache.purge(["article-1", "tag-éducation"])

    [request] = recorder.received()
    assert (request.method, request.path) == ("POST", CLOUDFLARE_PURGE)
    assert request.headers["authorization"] == "Bearer cloudflare-test-token"
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.body) == {"tags": ["article-1", frontend_cache.clean_key("tag-éducation")]}


@pytest.mark.parametrize(
    ("cache", "path", "keys_sent", "sizes"),
    [
        ("fastly://svc-1", FASTLY_PURGE, lambda r: r.headers["surrogate-key"].split(" "), [256, 44]),
        ("cloudflare://zone-1", CLOUDFLARE_PURGE, lambda r: json.loads(r.body)["tags"], [100, 100, 50]),
        ("varnish://{recorder}", "/", lambda r: r.headers["xkey-purge"].split(" "), [100, 30]),
    ],
)
def test_purges_are_split_into_batches_each_api_accepts(
    recorder, frontend_caches, cloudflare_ok, cache, path, keys_sent, sizes
):
    frontend_caches(cache.format(recorder=f"127.0.0.1:{recorder.port}"))
    keys = [f"article-{n}" for n in range(sum(sizes))]

    frontend_cache.purge(keys)

    batches = [keys_sent(r) for r in recorder.received(path)]
    assert [len(batch) for batch in batches] == sizes
    assert [key for batch in batches for key in batch] == keys


def test_a_cloudflare_refusal_inside_a_200_is_a_failure_that_is_not_retried(recorder, frontend_caches):
    frontend_caches("cloudflare://zone-1")
    recorder.answer(CLOUDFLARE_PURGE, status=200, body=b'{"success": false, "errors": [{"code": 10000}]}')

    with pytest.raises(frontend_cache.PurgeFailed) as failed:
        frontend_cache.purge(["article-1"])

    assert failed.value.retryable == []
    assert "cloudflare://zone-1" in str(failed.value)


def test_varnish_purge_sends_one_purge_request_with_the_keys(recorder, frontend_caches):
    frontend_caches(f"varnish://127.0.0.1:{recorder.port}")

    frontend_cache.purge(["article-1", "site"])

    [request] = recorder.received()
    assert (request.method, request.path, request.headers["xkey-purge"]) == ("PURGE", "/", "article-1 site")


def test_a_server_error_is_retried_with_growing_waits_then_given_up_with_a_log_line(
    recorder, frontend_caches, settings, caplog, run_task_with_retries
):
    frontend_caches("fastly://svc-1")
    settings.FRONTEND_CACHE_PURGE_ATTEMPTS = 4
    recorder.answer(FASTLY_PURGE, status=503, body=b"busy")

    run_task_with_retries(["article-1"])

    assert len(recorder.received(FASTLY_PURGE)) == 4
    waits = [record.args[3] for record in caplog.records if "trying again in" in record.getMessage()]
    assert waits == [0.01, 0.02, 0.04]
    [gave_up] = [record for record in caplog.records if record.levelname == "ERROR"]
    assert "Gave up purging 1 content key(s) after 4 attempt(s)" in gave_up.getMessage()
    assert "HTTP 503" in gave_up.getMessage()


def test_the_wait_between_attempts_doubles_up_to_five_minutes(settings):
    settings.FRONTEND_CACHE_RETRY_BASE_SECONDS = 2

    assert [frontend_cache.retry_delay(n) for n in (1, 2, 3, 4, 10)] == [2, 4, 8, 16, 300]


def test_a_retry_goes_only_to_the_cache_that_failed(recorder, frontend_caches, run_task_with_retries):
    frontend_caches(f"varnish://127.0.0.1:{recorder.port}", "fastly://svc-1")
    recorder.answer(FASTLY_PURGE, lambda recorded, nth: Answer(503 if nth == 1 else 200))

    run_task_with_retries(["article-1"])

    assert len(recorder.received(FASTLY_PURGE)) == 2
    assert len(recorder.received("/", method="PURGE")) == 1


def test_a_refused_token_is_not_retried(recorder, frontend_caches, caplog, run_task_with_retries):
    frontend_caches("fastly://svc-1")
    recorder.answer(FASTLY_PURGE, status=401, body=b'{"msg": "Provided credentials are missing or invalid"}')

    run_task_with_retries(["article-1"])

    assert len(recorder.received(FASTLY_PURGE)) == 1
    assert "after 1 attempt(s)" in caplog.text and "HTTP 401" in caplog.text


def test_an_unreachable_cache_is_retried_then_given_up(frontend_caches, settings, caplog, run_task_with_retries):
    frontend_caches(f"varnish://127.0.0.1:{free_port()}")
    settings.FRONTEND_CACHE_PURGE_ATTEMPTS = 3

    run_task_with_retries(["article-1"])

    assert len([r for r in caplog.records if "trying again in" in r.getMessage()]) == 2
    assert "Connection refused" in caplog.text and "after 3 attempt(s)" in caplog.text


# --- request_purge: after commit, merged, never in the way of a save ---------------------------------------------


@pytest.mark.django_db
def test_keys_of_one_transaction_are_purged_once_after_commit(
    recorder, frontend_caches, django_capture_on_commit_callbacks
):
    frontend_caches("fastly://svc-1")

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        frontend_cache.request_purge(["article-1", "list-home"])
        frontend_cache.request_purge(["list-home", "tag-3"])
        assert recorder.received() == []  # nothing before the commit

    [request] = recorder.received()
    assert request.headers["surrogate-key"] == "article-1 list-home tag-3"


@pytest.mark.django_db
def test_a_rolled_back_transaction_purges_nothing(recorder, frontend_caches, django_capture_on_commit_callbacks):
    frontend_caches("fastly://svc-1")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        frontend_cache.request_purge(["article-1"])
        raise RuntimeError("the save failed")

    assert recorder.received() == []


@pytest.mark.django_db
def test_keys_of_a_rolled_back_savepoint_are_dropped_and_the_rest_still_purged(
    recorder, frontend_caches, django_capture_on_commit_callbacks
):
    frontend_caches("fastly://svc-1")

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            frontend_cache.request_purge(["article-rolled-back"])
            raise RuntimeError("the inner save failed")
        frontend_cache.request_purge(["article-kept"])

    assert [r.headers["surrogate-key"] for r in recorder.received()] == ["article-kept"]


@pytest.mark.django_db(transaction=True)
def test_with_tasks_inline_a_failing_purge_is_tried_once_and_never_raises(recorder, frontend_caches, caplog):
    frontend_caches("fastly://svc-1")
    recorder.answer(FASTLY_PURGE, status=500)

    frontend_cache.request_purge(["article-1"])  # outside a transaction: at once

    assert len(recorder.received(FASTLY_PURGE)) == 1
    assert "Could not purge 1 content key(s) article-1" in caplog.text


def test_without_a_configured_cache_nothing_is_queued(settings, monkeypatch):
    settings.FRONTEND_CACHE_URLS = []
    monkeypatch.setattr(frontend_cache, "_send", lambda keys: pytest.fail("nothing to purge"))

    frontend_cache.request_purge(["article-1"])


@pytest.fixture
def broker_down(monkeypatch):
    """Tasks go to a broker on a port nobody listens on, through an app of their own: the suite's is untouched."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery would prefer it to the app's own broker
    unreachable = Celery("broker-down", broker=f"redis://127.0.0.1:{free_port()}/0", set_as_current=False)
    unreachable.conf.broker_transport_options = celery_app.conf.broker_transport_options
    monkeypatch.setattr(frontend_cache, "celery_app", unreachable)
    yield
    unreachable.close()


@pytest.mark.django_db
def test_with_the_broker_down_the_purge_is_logged_and_the_save_goes_on(
    recorder, frontend_caches, broker_down, caplog, django_capture_on_commit_callbacks
):
    frontend_caches("fastly://svc-1")
    started = time.monotonic()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        frontend_cache.request_purge(["article-1"])

    assert time.monotonic() - started < 10
    assert "Could not purge 1 content key(s) article-1" in caplog.text
    assert recorder.received() == []


def test_a_successful_purge_is_sent_once_more_a_moment_later(recorder, frontend_caches, settings, monkeypatch):
    frontend_caches("fastly://svc-1")
    settings.FRONTEND_CACHE_REPURGE_SECONDS = 3
    queued = []
    monkeypatch.setattr(purge_frontend_cache, "apply_async", lambda **kwargs: queued.append(kwargs))

    purge_frontend_cache.apply(args=[["article-1", "list-home"]])

    assert len(recorder.received(FASTLY_PURGE)) == 1
    assert queued == [{"args": [["article-1", "list-home"], None, False], "countdown": 3, "retry": False}]
    purge_frontend_cache.apply(args=queued[0]["args"])  # the second purge schedules no third
    assert len(recorder.received(FASTLY_PURGE)) == 2 and len(queued) == 1
