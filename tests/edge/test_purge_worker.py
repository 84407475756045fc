"""Purges through the real path: a save commits, the task goes to the Redis broker, a Celery worker sends it."""

import os
import subprocess
import sys
import time

import pytest
from django.db import transaction

from posttrain import frontend_cache
from posttrain.celery import app as celery_app
from tests.newsletter.test_integration import ROOT, Worker, wait_for

from .recorder import Answer

pytestmark = pytest.mark.celery_worker

FASTLY_PURGE = "/service/svc-1/purge"


@pytest.fixture
def purge_worker(recorder, tmp_path, settings):
    """A Celery worker whose purges go to the recording server as Fastly's API; this process queues to it."""
    celery_app.control.purge()
    settings.FRONTEND_CACHE_URLS = ["fastly://svc-1"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "posttrain.settings",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "FRONTEND_CACHE_URLS": "fastly://svc-1",
        "FASTLY_API_URL": recorder.url,
        "FASTLY_API_TOKEN": "fastly-test-token",
        "FRONTEND_CACHE_RETRY_BASE_SECONDS": "0.5",
        "FRONTEND_CACHE_REPURGE_SECONDS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "posttrain", "worker", "-P", "solo", "--loglevel=INFO",
             "-n", f"purge-test-{os.getpid()}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    worker = Worker(process, log_path)
    try:
        wait_for(lambda: " ready." in worker.log() or process.poll() is not None, 60, message="worker ready")
        assert process.poll() is None, worker.log()
        yield worker
    finally:
        worker.kill()


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_is_purged_by_the_worker_retrying_a_failed_call(recorder, purge_worker):
    recorder.answer(FASTLY_PURGE, lambda recorded, nth: Answer(503 if nth == 1 else 200))

    with transaction.atomic():
        frontend_cache.request_purge(["article-1", "list-home"])
        frontend_cache.request_purge(["article-1"])

    wait_for(lambda: len(recorder.received(FASTLY_PURGE)) >= 2, 30, message="the retried purge")
    first, second = recorder.received(FASTLY_PURGE)[:2]
    assert first.headers["surrogate-key"] == second.headers["surrogate-key"] == "article-1 list-home"
    assert second.headers["fastly-key"] == "fastly-test-token"
    assert "trying again in 0.5 s" in purge_worker.log()
    wait_for(lambda: "succeeded" in purge_worker.log(), 10, message="the task to finish")
    # One more purge of the same keys a second later, for a page rendered just before the commit.
    wait_for(lambda: len(recorder.received(FASTLY_PURGE)) >= 3, 30, message="the second purge")
    third = recorder.received(FASTLY_PURGE)[2]
    assert third.headers["surrogate-key"] == "article-1 list-home"
    time.sleep(1.5)  # nothing more: the second purge does not schedule a third
    assert len(recorder.received(FASTLY_PURGE)) == 3
