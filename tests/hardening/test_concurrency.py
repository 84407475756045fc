"""Concurrent signups on PostgreSQL: one row per address, no 5xx, one confirmation e-mail per address.

Forty threads, each with its own test client and its own database connection, post 200 signups in rounds that
start together on a barrier; every round holds all four spellings of ten addresses (case and surrounding spaces
differ), so the same address is inserted by four transactions at once. Tasks run inline in the request thread, as
the confirmation would with the worker idle, so mail.outbox counts every confirmation that went out.
"""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connections
from django.test import Client

from newsletter.models import DailyStat, Subscriber
from newsletter.tokens import make_confirm_token
from posttrain.celery import app as celery_app
from tests.newsletter.factories import SubscriberFactory

pytestmark = [pytest.mark.postgres]

THREADS = 40
ADDRESSES = 50
SPELLINGS = (
    "reader{n}@example.org",
    "Reader{n}@Example.ORG",
    "  READER{n}@EXAMPLE.ORG ",
    "\treader{n}@example.org\n",
)


@pytest.fixture
def concurrent(transactional_db, settings):
    settings.NEWSLETTER_SIGNUP_RATE = "100000/m"
    settings.NEWSLETTER_ADDRESS_RATE = "100000/m"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


def run_in_threads(jobs_per_thread, work):
    """Run work(job) for every job; threads meet on a barrier before each round so a round starts at once."""
    barrier = threading.Barrier(len(jobs_per_thread))
    results, errors = [], []
    lock = threading.Lock()

    def thread_main(jobs):
        client = Client(raise_request_exception=False)
        try:
            for job in jobs:
                barrier.wait(timeout=60)
                outcome = work(client, job)
                with lock:
                    results.append(outcome)
        except Exception as error:  # a failed thread must fail the test, not vanish
            with lock:
                errors.append(repr(error))
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=thread_main, args=(jobs,)) for jobs in jobs_per_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return results


def test_200_parallel_signups_with_case_and_space_duplicates_end_with_one_row_and_one_mail_each(concurrent):
    signups = [(n, spelling.format(n=n)) for n in range(ADDRESSES) for spelling in SPELLINGS]
    assert len(signups) == 200
    # Thread t takes signup r*THREADS+t in round r: each round holds every spelling of ten addresses.
    per_thread = [signups[t::THREADS] for t in range(THREADS)]

    def sign_up(client, job):
        n, email = job
        response = client.post(
            "/newsletter/",
            {"email": email, "source": "concurrency", "website": ""},
            REMOTE_ADDR=f"198.51.100.{n % 250 + 1}",
        )
        return n, response.status_code, response.get("Location", "")

    results = run_in_threads(per_thread, sign_up)

    assert len(results) == 200
    statuses = Counter(status for _, status, _ in results)
    assert statuses == {302: 200}, statuses
    assert {location for _, _, location in results} == {"/newsletter/check-your-inbox/"}
    emails = list(Subscriber.objects.values_list("email", flat=True))
    assert sorted(emails) == sorted(f"reader{n}@example.org" for n in range(ADDRESSES))
    assert set(Subscriber.objects.values_list("status", flat=True)) == {Subscriber.Status.PENDING}
    per_address = Counter(message.to[0] for message in mail.outbox)
    assert set(per_address) == set(emails), "a signup got no confirmation"
    assert max(per_address.values()) == 1, per_address.most_common(3)
    assert DailyStat.objects.get().signups == ADDRESSES


def test_twenty_simultaneous_confirm_clicks_confirm_once_and_welcome_once(concurrent):
    subscriber = SubscriberFactory(pending=True, email="clicker@example.org")
    url = f"/newsletter/confirm/{make_confirm_token(subscriber)}/"

    results = run_in_threads([[url] for _ in range(20)], lambda client, job: client.post(job).status_code)

    assert Counter(results) == {200: 20}
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["clicker@example.org"]]  # the welcome, once
    assert DailyStat.objects.get().confirmations == 1
