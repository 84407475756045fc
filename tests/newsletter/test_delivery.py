"""The send itself (newsletter/delivery.py): claims, leases, retries, throttling, skipped readers."""

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail import get_connection
from django.core.mail.backends.locmem import EmailBackend

from newsletter import campaigns, delivery, subscriptions
from newsletter.emails import CampaignMessages
from newsletter.models import Campaign, Delivery, Subscriber

from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_reader_who_unsubscribes_during_the_send_is_skipped(run_on_commit, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    staying, leaving = SubscriberFactory(), SubscriberFactory()
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    subscriptions.unsubscribe(leaving)
    delivery.send_batches(campaign.pk)
    assert [m.to for m in mail.outbox] == [[staying.email]]
    skipped = campaign.deliveries.get(subscriber=leaving)
    assert skipped.status == Delivery.Status.SKIPPED and "unsubscribed" in skipped.error
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert campaign.progress()["skipped"] == 1


def test_erased_reader_during_the_send_is_skipped_and_counts_stay_true():
    gone = SubscriberFactory()
    SubscriberFactory()
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    subscriptions.erase(Subscriber.objects.filter(pk=gone.pk))
    delivery.send_batches(campaign.pk)
    progress = Campaign.objects.get(pk=campaign.pk).progress()
    assert (progress["intended"], progress["sent"], progress["skipped"]) == (2, 1, 1)


def test_permanent_smtp_error_marks_the_delivery_failed_with_its_reason(flaky):
    bad, good = SubscriberFactory(email="bad@example.org"), SubscriberFactory()
    flaky[bad.email] = smtplib.SMTPRecipientsRefused({bad.email: (550, b"5.1.1 No such user")})
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    assert delivery.send_batches(campaign.pk) is None
    failed = campaign.deliveries.get(subscriber=bad)
    assert failed.status == Delivery.Status.FAILED
    assert failed.error == "550 5.1.1 No such user"
    assert failed.sent_at is None
    assert [m.to for m in mail.outbox] == [[good.email]]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT


def test_temporary_smtp_error_is_retried_later_and_never_stamped_sent_until_accepted(flaky, settings):
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 30
    readers = [SubscriberFactory(email=f"r{n}@example.org") for n in range(3)]
    flaky[readers[1].email] = smtplib.SMTPDataError(451, b"4.3.0 Try again later")
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        retry_in = delivery.send_batches(campaign.pk)
        assert retry_in == 30
        assert [m.to for m in mail.outbox] == [[readers[0].email]]
        refused = campaign.deliveries.get(subscriber=readers[1])
        assert (refused.status, refused.attempts, refused.sent_at) == (Delivery.Status.PENDING, 1, None)
        assert "451" in refused.error
        # The rest of the batch waits too instead of hammering a refusing server.
        assert campaign.deliveries.get(subscriber=readers[2]).status == Delivery.Status.PENDING
        assert delivery.send_batches(campaign.pk) is not None
        assert len(mail.outbox) == 1
    flaky.clear()
    with time_machine.travel("2026-11-27 10:00:31 +0000", tick=False):
        assert delivery.send_batches(campaign.pk) is None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    assert campaign.deliveries.filter(status=Delivery.Status.SENT).count() == 3
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT


def test_temporary_errors_back_off_and_give_up_after_max_attempts(flaky, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 10
    reader = SubscriberFactory()
    flaky[reader.email] = smtplib.SMTPServerDisconnected("gone")
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    start = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    delays = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(3):
            delays.append(delivery.send_batches(campaign.pk))
            clock.shift(timedelta(minutes=5))
    assert delays == [10, 20, None]
    row = campaign.deliveries.get()
    assert (row.status, row.attempts) == (Delivery.Status.FAILED, 3)


def test_a_live_lease_is_not_taken_over():
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    token, batch = delivery.claim_batch(campaign)
    assert len(batch) == 2
    assert delivery.claim_batch(campaign)[1] == []


def test_send_rate_is_respected(settings, monkeypatch):
    settings.NEWSLETTER_SEND_RATE = 2
    now, sleeps = [100.0], []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(delivery.time, "time", lambda: now[0])
    monkeypatch.setattr(delivery.time, "sleep", sleep)
    for _ in range(5):
        delivery.throttle()
    assert sleeps == [1.0, 1.0]


def test_a_sender_side_refusal_is_retried_not_marked_failed_for_every_reader(flaky):
    reader = SubscriberFactory()
    flaky[reader.email] = smtplib.SMTPSenderRefused(550, b"5.7.1 Sender not allowed", "newsletter@localhost")
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    assert delivery.send_batches(campaign.pk) == 30
    row = campaign.deliveries.get()
    assert (row.status, row.attempts) == (Delivery.Status.PENDING, 1)
    assert "Sender not allowed" in row.error


def test_mail_server_down_at_connect_gives_the_batch_back_for_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    assert delivery.send_batches(campaign.pk) == 30
    rows = list(campaign.deliveries.values_list("status", "lease_token", "attempts"))
    assert rows == [(Delivery.Status.PENDING, None, 0)] * 2
    assert campaign.deliveries.filter(next_attempt_at__isnull=False, error__contains="Connection").count() == 2


def test_a_backend_that_reports_nothing_sent_is_not_stamped_sent(monkeypatch):
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: 0)
    SubscriberFactory()
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    assert delivery.send_batches(campaign.pk) == 30
    assert campaign.deliveries.get().status == Delivery.Status.PENDING


LEAVING = {
    "unsubscribe": lambda reader: subscriptions.unsubscribe(reader),
    "erasure": lambda reader: subscriptions.erase(Subscriber.objects.filter(pk=reader.pk)),
    "bounce": lambda reader: subscriptions.suppress(reader.email, Subscriber.UnsubscribeReason.BOUNCE),
    "complaint": lambda reader: subscriptions.suppress(reader.email, Subscriber.UnsubscribeReason.COMPLAINT),
}


@pytest.mark.parametrize("leaves", LEAVING)
def test_a_reader_who_leaves_after_the_batch_was_claimed_gets_nothing_and_is_skipped(leaves):
    staying, leaving = SubscriberFactory(), SubscriberFactory()
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    token, batch = delivery.claim_batch(campaign)
    assert len(batch) == 2
    LEAVING[leaves](leaving)  # committed after the claim, before its message's SMTP transaction

    connection = get_connection()
    assert delivery.send_claimed(batch, token, CampaignMessages(campaign, connection=connection), connection) is None
    assert [m.to for m in mail.outbox] == [[staying.email]]
    statuses = dict(campaign.deliveries.values_list("pk", "status"))
    assert sorted(statuses.values()) == [Delivery.Status.SENT, Delivery.Status.SKIPPED]
    skipped = campaign.deliveries.get(status=Delivery.Status.SKIPPED)
    assert skipped.error == ("erased" if leaves == "erasure" else "subscriber unsubscribed")
