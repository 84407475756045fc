"""The launch send end to end: a real Celery worker (prefork, Redis broker) against the pytest PostgreSQL database,
and a real SMTP server on loopback that records every message.

The worker is a subprocess started with `python -m celery -A posttrain worker` in its own process group, its
DATABASE_URL pointing at the test database and EMAIL_HOST/EMAIL_PORT at the aiosmtpd sink running in this process.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import bounces, campaigns
from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.tokens import make_manage_token, read_manage_token
from posttrain.celery import app as celery_app

from .factories import CampaignFactory
from .smtp_sink import SmtpSink, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.celery_worker]

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, timeout, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


class Worker:
    def __init__(self, process, log_path):
        self.process = process
        self.log_path = log_path

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self):
        """SIGKILL the whole worker: main process, beat and every pool process, with no chance to clean up."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def smtp_sink():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def start_worker(transactional_db, smtp_sink, tmp_path):
    """Start real Celery workers; every one still running is SIGKILLed before the test database is flushed."""
    celery_app.control.purge()
    workers = []

    def start(concurrency=2, beat=False, **env_settings):
        number = len(workers) + 1
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "posttrain.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_sink.port),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "SITE_URL": settings.SITE_URL,
            "PYTHONUNBUFFERED": "1",
            **{key: str(value) for key, value in env_settings.items()},
        }
        log_path = tmp_path / f"worker{number}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "posttrain", "worker", "-P", "prefork", "-c", str(concurrency),
            "--loglevel=INFO", "-n", f"newsletter-test{number}-{os.getpid()}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]
        if beat:
            command += ["--beat", "--schedule", str(tmp_path / f"beat{number}")]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        worker = Worker(process, log_path)
        workers.append(worker)
        wait_for(lambda: " ready." in worker.log() or process.poll() is not None, 60, message="worker ready")
        assert process.poll() is None, worker.log()
        return worker

    yield start
    for worker in workers:
        worker.kill()
    connection.close()


def make_subscribers(count, prefix):
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{n}@example.org", status=Subscriber.Status.CONFIRMED, confirmed_at=now)
        for n in range(count)
    )
    return set(Subscriber.objects.values_list("email", flat=True))


def wait_until_sent(campaign, timeout, worker_logs=()):
    def sent():
        campaign.refresh_from_db()
        return campaign.status == Campaign.Status.SENT

    try:
        wait_for(sent, timeout, interval=0.25, message=f"campaign {campaign.pk} to be sent")
    except AssertionError:
        logs = "\n".join(w.log()[-4000:] for w in worker_logs)
        raise AssertionError(f"Not sent: {campaign.progress()}\n{logs}") from None


def test_launch_send_to_2000_subscribers_arrives_once_each_with_working_unsubscribe(start_worker, smtp_sink):
    emails = make_subscribers(2000, "launch")
    worker = start_worker(NEWSLETTER_BATCH_SIZE=250, NEWSLETTER_PARALLEL_BATCHES=4)
    campaign = CampaignFactory(subject="PostTrain is live")
    started = time.monotonic()
    assert campaigns.start_sending(campaign)
    wait_until_sent(campaign, 120, [worker])
    elapsed = time.monotonic() - started

    received = smtp_sink.handler.messages()
    per_recipient = Counter(rcpt for rcpts, _ in received for rcpt in rcpts)
    assert set(per_recipient) == emails
    assert max(per_recipient.values()) == 1
    assert len(received) == 2000

    stamped = dict(campaign.deliveries.values_list("subscriber__email", "message_id"))
    client = Client()
    for (recipient,), message in received:
        assert message["To"] == recipient
        assert message["Subject"] == "PostTrain is live"
        assert message["Message-ID"] == stamped[recipient]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe_url = str(message["List-Unsubscribe"]).strip().strip("<>")
        assert unsubscribe_url.startswith(settings.SITE_URL + "/newsletter/unsubscribe/")
        token = urlsplit(unsubscribe_url).path.split("/")[-2]
        subscriber = Subscriber.objects.get(pk=read_manage_token(token)[0]) if recipient.endswith("7@example.org") \
            else None
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        assert unsubscribe_url in text and unsubscribe_url in html
        assert "You get this because you subscribed" in text
        if subscriber is not None:
            # Every tenth-or-so reader: the link in the message really unsubscribes that reader, in one click.
            assert subscriber.email == recipient
            response = client.post(urlsplit(unsubscribe_url).path, {"List-Unsubscribe": "One-Click"})
            assert response.status_code == 200
    assert Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED).count() == 200

    progress = campaign.progress()
    assert progress["intended"] == 2000 == progress["sent"]
    assert progress["failed"] == progress["skipped"] == progress["pending"] == 0
    rate = 2000 / elapsed
    print(f"\nlaunch send: 2000 messages in {elapsed:.1f}s = {rate:.0f} messages/s at the SMTP server")


def test_readers_who_unsubscribe_during_a_real_send_get_nothing_and_are_skipped(start_worker, smtp_sink):
    emails = make_subscribers(300, "during")
    # One batch holds every delivery, so the claim has read every reader before the first message goes out.
    worker = start_worker(concurrency=1, NEWSLETTER_BATCH_SIZE=500, NEWSLETTER_PARALLEL_BATCHES=1,
                          NEWSLETTER_SEND_RATE=60)
    campaign = CampaignFactory()
    assert campaigns.start_sending(campaign)
    wait_for(lambda: smtp_sink.handler.count() >= 20, 60, interval=0.05, message="the send to be under way")

    leaving = list(Subscriber.objects.order_by("-pk")[:100])  # sent in delivery order, so these go last
    assert campaign.deliveries.filter(subscriber__in=leaving, lease_token__isnull=False).count() == 100
    mail_client = Client()
    for reader in leaving:
        url = reverse("newsletter:unsubscribe", args=[make_manage_token(reader)])
        assert mail_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    # Whatever reached the server before an unsubscribe committed may stand; nothing after it may.
    reached_before = {rcpt for rcpts, _ in smtp_sink.handler.messages() for rcpt in rcpts}

    wait_until_sent(campaign, 60, [worker])
    per_recipient = Counter(rcpt for rcpts, _ in smtp_sink.handler.messages() for rcpt in rcpts)
    left = {reader.email for reader in leaving}
    assert set(per_recipient) & left <= reached_before & left
    assert set(per_recipient) == (emails - left) | (reached_before & left)
    assert max(per_recipient.values()) == 1
    skipped = campaign.deliveries.filter(status=Delivery.Status.SKIPPED)
    assert skipped.count() == len(left - reached_before) > 0
    assert set(skipped.values_list("error", flat=True)) == {"subscriber unsubscribed"}
    print(f"\nunsubscribed during the send: {len(left)}; reached before the unsubscribe: {len(reached_before & left)}")


def test_sigkill_mid_send_then_restart_misses_nobody_and_duplicates_at_most_one_per_killed_process(
    start_worker, smtp_sink
):
    emails = make_subscribers(1200, "crash")
    concurrency = 2
    first = start_worker(concurrency=concurrency, NEWSLETTER_BATCH_SIZE=100, NEWSLETTER_SEND_RATE=150)
    campaign = CampaignFactory()
    assert campaigns.start_sending(campaign)
    wait_for(lambda: smtp_sink.handler.count() >= 300, 60, interval=0.05, message="300 messages")
    first.kill()
    at_kill = smtp_sink.handler.count()
    assert at_kill < 1200, "the send finished before the kill; nothing was proven"
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING

    # The new worker runs beat with a one-second dispatcher and a short lease, so it reclaims the dead worker's rows.
    second = start_worker(beat=True, NEWSLETTER_LEASE_SECONDS=3, NEWSLETTER_DISPATCH_SECONDS=1,
                          NEWSLETTER_BATCH_SIZE=100)
    wait_until_sent(campaign, 120, [second])

    received = smtp_sink.handler.messages()
    per_recipient = Counter(rcpt for rcpts, _ in received for rcpt in rcpts)
    assert set(per_recipient) == emails, "someone was missed"
    duplicates = sum(n - 1 for n in per_recipient.values())
    assert duplicates <= concurrency, f"{duplicates} duplicates from {concurrency} killed pool processes"
    # A duplicate is the same message: same Message-ID, so mail clients can fold it.
    ids = Counter(message["Message-ID"] for _, message in received)
    assert sum(n - 1 for n in ids.values()) == duplicates
    progress = campaign.progress()
    assert progress["sent"] == progress["intended"] == 1200
    print(f"\nSIGKILL after {at_kill} messages; {duplicates} duplicate(s) after restart")


def test_smtp_refusing_for_a_while_is_retried_and_nothing_unaccepted_is_stamped_sent(start_worker, smtp_sink):
    emails = make_subscribers(200, "busy")
    worker = start_worker(beat=True, NEWSLETTER_DISPATCH_SECONDS=1, NEWSLETTER_RETRY_BASE_SECONDS=1,
                          NEWSLETTER_MAX_ATTEMPTS=20, NEWSLETTER_BATCH_SIZE=50)
    smtp_sink.handler.refuse_for(4)
    campaign = CampaignFactory()
    assert campaigns.start_sending(campaign)

    # While the server refuses, nothing may be stamped sent.
    time.sleep(2)
    assert smtp_sink.handler.refused > 0
    assert smtp_sink.handler.count() == 0
    assert not campaign.deliveries.filter(status=Delivery.Status.SENT).exists()
    assert campaign.deliveries.filter(attempts__gt=0).exists()

    wait_until_sent(campaign, 90, [worker])
    received = smtp_sink.handler.messages()
    per_recipient = Counter(rcpt for rcpts, _ in received for rcpt in rcpts)
    assert set(per_recipient) == emails and max(per_recipient.values()) == 1
    stamped = set(campaign.deliveries.filter(status=Delivery.Status.SENT).values_list("message_id", flat=True))
    assert stamped == {message["Message-ID"] for _, message in received}
    assert campaign.deliveries.filter(attempts__gt=0).exists()
    assert not campaign.deliveries.exclude(status=Delivery.Status.SENT).exists()


def test_broker_down_during_signup_loses_nothing(start_worker, smtp_sink):
    closed_port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{closed_port}/0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.newsletter.web_signup", "Offline@Example.org"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 302 and answer["location"] == "/newsletter/check-your-inbox/"
    assert answer["seconds"] < 10
    assert "Could not queue" in result.stderr
    subscriber = Subscriber.objects.get(email="offline@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmation_sent_at is None
    assert smtp_sink.handler.count() == 0

    # Once a worker with beat runs, the sweep sends the confirmation that never went out, once.
    worker = start_worker(beat=True, NEWSLETTER_SWEEP_SECONDS=1, NEWSLETTER_CONFIRMATION_SWEEP_AFTER=0)
    try:
        wait_for(lambda: smtp_sink.handler.count() >= 1, 30, message="the confirmation e-mail")
    except AssertionError:
        raise AssertionError(worker.log()[-4000:]) from None
    time.sleep(2.5)
    [(recipients, message)] = smtp_sink.handler.messages()
    assert recipients == ["offline@example.org"]
    assert "/newsletter/confirm/" in message.get_body(preferencelist=("plain",)).get_content()
    subscriber.refresh_from_db()
    assert subscriber.confirmation_sent_at is not None


def test_550_user_unknown_suppresses_exactly_those_readers_and_the_next_campaign_skips_them(start_worker, smtp_sink):
    emails = make_subscribers(400, "bounce")
    unknown = {f"bounce{n}@example.org" for n in range(0, 400, 17)}
    smtp_sink.handler.unknown = set(unknown)
    worker = start_worker(NEWSLETTER_BATCH_SIZE=100, NEWSLETTER_PARALLEL_BATCHES=2)
    first = CampaignFactory(subject="First issue",
                            html_body='<p>Read <a href="https://example.org/paper">the paper</a>.</p>')
    assert campaigns.start_sending(first)
    wait_until_sent(first, 90, [worker])

    received = Counter(rcpt for rcpts, _ in smtp_sink.handler.messages() for rcpt in rcpts)
    assert set(received) == emails - unknown and max(received.values()) == 1
    assert set(smtp_sink.handler.refused_unknown) == unknown
    suppressed = Subscriber.objects.suppressed()
    assert set(suppressed.values_list("email", flat=True)) == unknown
    for reader in suppressed:
        assert reader.unsubscribe_reason == Subscriber.UnsubscribeReason.BOUNCE
        assert reader.unsubscribed_at is not None
        assert reader.suppression_detail.startswith("550 5.1.1") and "User unknown" in reader.suppression_detail
    assert bounces.figures(first) == {"delivered": len(emails - unknown), "bounced": len(unknown), "complained": 0,
                                      "skipped": 0, "failed": 0}

    # A reader follows a link from the message as received: counted for the campaign and link, nothing else.
    _, message = smtp_sink.handler.messages()[0]
    text = message.get_body(preferencelist=("plain",)).get_content()
    tracked = re.search(r"the paper \((http://[^)\s]+/newsletter/c/[^/]+/)\)", text).group(1)
    response = Client().get(urlsplit(tracked).path)
    assert response.status_code == 302 and response["Location"] == "https://example.org/paper"
    assert first.links.get(url="https://example.org/paper").clicks == 1

    second = CampaignFactory(subject="Second issue")
    assert campaigns.start_sending(second)
    wait_until_sent(second, 90, [worker])
    assert not second.deliveries.filter(subscriber__email__in=unknown).exists()
    assert second.deliveries.count() == len(emails - unknown)
    second_received = [rcpt for rcpts, m in smtp_sink.handler.messages() if m["Subject"] == "Second issue"
                       for rcpt in rcpts]
    assert sorted(second_received) == sorted(emails - unknown)
    assert len(smtp_sink.handler.refused_unknown) == len(unknown)  # nobody suppressed was tried again
