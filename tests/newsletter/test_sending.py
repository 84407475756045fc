"""The campaign send through the plain functions in newsletter/sending.py, tasks inline."""

import smtplib
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from anymail.signals import AnymailTrackingEvent, tracking
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletter import sending
from newsletter.models import Campaign, Delivery, Subscriber
from tests.factories import VerticalFactory
from verticals.models import SiteSettings

from .backends import FlakyBackend
from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.newsletter.backends.FlakyBackend"
    FlakyBackend.failures = {}
    yield FlakyBackend.failures
    FlakyBackend.failures = {}


def test_send_now_reaches_every_confirmed_subscriber_once_and_reconciles(run_on_commit):
    readers = SubscriberFactory.create_batch(5)
    SubscriberFactory(pending=True)
    SubscriberFactory(unsubscribed=True)
    campaign = CampaignFactory()
    assert run_on_commit(sending.start_sending, campaign)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    progress = campaign.progress()
    assert progress["intended"] == 5 == progress["sent"] + progress["failed"] + progress["skipped"]
    assert progress["pending"] == 0


def test_second_trigger_is_a_no_op(run_on_commit):
    SubscriberFactory.create_batch(3)
    campaign = CampaignFactory()
    assert run_on_commit(sending.start_sending, campaign) is True
    assert run_on_commit(sending.start_sending, campaign) is False
    out = StringIO()
    call_command("send_campaign", str(campaign.pk), stdout=out)
    assert "Nothing done" in out.getvalue()
    assert len(mail.outbox) == 3
    assert campaign.deliveries.count() == 3


def test_a_stale_copy_cannot_start_the_send_again(run_on_commit):
    """The guard is the conditional UPDATE, not a check on the caller's copy of the row."""
    SubscriberFactory()
    campaign = CampaignFactory()
    stale = Campaign.objects.get(pk=campaign.pk)
    run_on_commit(sending.start_sending, campaign)
    assert stale.status == Campaign.Status.DRAFT
    assert run_on_commit(sending.start_sending, stale) is False
    assert len(mail.outbox) == 1


def test_management_command_queues_the_same_send(run_on_commit):
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory()
    out = StringIO()
    run_on_commit(call_command, "send_campaign", str(campaign.pk), stdout=out)
    assert "queued" in out.getvalue()
    assert len(mail.outbox) == 2


def test_management_command_refuses_an_unknown_campaign():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No campaign with id 999"):
        call_command("send_campaign", "999")


def test_every_message_carries_headers_text_part_reason_and_postal_address(run_on_commit):
    settings_row = SiteSettings.load()
    settings_row.postal_address = "PostTrain Ltd\n1 Example Street"
    settings_row.save()
    reader = SubscriberFactory()
    campaign = CampaignFactory(html_body='<p>Hello <a href="https://example.org/x">readers</a>.</p>')
    run_on_commit(sending.start_sending, campaign)
    [message] = mail.outbox
    delivery = Delivery.objects.get()
    assert message.extra_headers["Message-ID"] == f"<campaign-{campaign.pk}.delivery-{delivery.pk}@localhost>"
    assert delivery.message_id == message.extra_headers["Message-ID"]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/newsletter/unsubscribe/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Hello readers (https://example.org/x)." in message.body
    assert unsubscribe[1:-1] in message.body
    assert "You get this because you subscribed" in message.body
    assert "1 Example Street" in message.body
    html = message.alternatives[0][0]
    assert unsubscribe[1:-1] in html and "1 Example Street" in html and reader.email not in message.body


def test_message_ids_are_deterministic_per_delivery(run_on_commit):
    SubscriberFactory.create_batch(3)
    campaign = CampaignFactory()
    run_on_commit(sending.start_sending, campaign)
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    expected = {f"<campaign-{campaign.pk}.delivery-{d.pk}@localhost>" for d in campaign.deliveries.all()}
    assert ids == expected


def test_audience_by_vertical_reaches_only_interested_readers(run_on_commit):
    ai, sport = VerticalFactory(name="AI"), VerticalFactory(name="Sport")
    fan = SubscriberFactory(interests=[ai, sport])
    SubscriberFactory(interests=[sport])
    campaign = CampaignFactory(audience=Campaign.Audience.VERTICALS)
    campaign.verticals.set([ai])
    run_on_commit(sending.start_sending, campaign)
    assert [m.to for m in mail.outbox] == [[fan.email]]
    assert "and chose AI" in mail.outbox[0].body


def test_reader_who_unsubscribes_during_the_send_is_skipped(run_on_commit, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    staying, leaving = SubscriberFactory(), SubscriberFactory()
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    sending.unsubscribe(leaving)
    sending.send_batches(campaign.pk)
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
    sending.create_deliveries(campaign)
    sending.erase(Subscriber.objects.filter(pk=gone.pk))
    sending.send_batches(campaign.pk)
    progress = Campaign.objects.get(pk=campaign.pk).progress()
    assert (progress["intended"], progress["sent"], progress["skipped"]) == (2, 1, 1)


def test_permanent_smtp_error_marks_the_delivery_failed_with_its_reason(flaky):
    bad, good = SubscriberFactory(email="bad@example.org"), SubscriberFactory()
    flaky[bad.email] = smtplib.SMTPRecipientsRefused({bad.email: (550, b"5.1.1 No such user")})
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    assert sending.send_batches(campaign.pk) is None
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
    sending.create_deliveries(campaign)
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        retry_in = sending.send_batches(campaign.pk)
        assert retry_in == 30
        assert [m.to for m in mail.outbox] == [[readers[0].email]]
        refused = campaign.deliveries.get(subscriber=readers[1])
        assert (refused.status, refused.attempts, refused.sent_at) == (Delivery.Status.PENDING, 1, None)
        assert "451" in refused.error
        # The rest of the batch waits too instead of hammering a refusing server.
        assert campaign.deliveries.get(subscriber=readers[2]).status == Delivery.Status.PENDING
        assert sending.send_batches(campaign.pk) is not None
        assert len(mail.outbox) == 1
    flaky.clear()
    with time_machine.travel("2026-11-27 10:00:31 +0000", tick=False):
        assert sending.send_batches(campaign.pk) is None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    assert campaign.deliveries.filter(status=Delivery.Status.SENT).count() == 3
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT


def test_temporary_errors_back_off_and_give_up_after_max_attempts(flaky, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 10
    reader = SubscriberFactory()
    flaky[reader.email] = smtplib.SMTPServerDisconnected("gone")
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    start = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    delays = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(3):
            delays.append(sending.send_batches(campaign.pk))
            clock.shift(timedelta(minutes=5))
    assert delays == [10, 20, None]
    delivery = campaign.deliveries.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 3)


def test_expired_lease_of_a_dead_worker_is_reclaimed_by_the_dispatcher(settings):
    settings.NEWSLETTER_LEASE_SECONDS = 60
    SubscriberFactory.create_batch(4)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        token, batch = sending.claim_batch(campaign, size=3)  # a worker claims 3, then is killed
        assert len(batch) == 3
        assert sending.send_batches(campaign.pk) is None  # the 4th goes; the leased 3 wait for their lease
        assert len(mail.outbox) == 1
        assert not sending.needs_workers(campaign)
    with time_machine.travel("2026-11-27 10:01:01 +0000", tick=False):
        assert sending.needs_workers(campaign)
        sending.dispatch_due_campaigns()
    assert len(mail.outbox) == 4
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT


def test_a_live_lease_is_not_taken_over():
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    token, batch = sending.claim_batch(campaign)
    assert len(batch) == 2
    assert sending.claim_batch(campaign)[1] == []


def test_dispatcher_starts_a_due_campaign_and_leaves_a_future_one(settings):
    SubscriberFactory()
    with time_machine.travel("2026-11-27 09:00 +0000", tick=False):
        due = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() - timedelta(minutes=1))
        future = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() + timedelta(hours=1))
        sending.dispatch_due_campaigns()
    assert Campaign.objects.get(pk=due.pk).status == Campaign.Status.SENT
    assert Campaign.objects.get(pk=future.pk).status == Campaign.Status.SCHEDULED
    assert len(mail.outbox) == 1


def test_a_campaign_found_too_late_is_held_until_an_editor_confirms(settings, run_on_commit):
    settings.NEWSLETTER_LATE_HOLD_HOURS = 6
    SubscriberFactory()
    with time_machine.travel("2026-11-27 09:00 +0000", tick=False):
        campaign = CampaignFactory(status=Campaign.Status.SCHEDULED,
                                   scheduled_at=timezone.now() - timedelta(hours=6, minutes=1))
        sending.dispatch_due_campaigns()
        sending.dispatch_due_campaigns()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert campaign.held_at is not None
    assert mail.outbox == []
    assert run_on_commit(sending.start_sending, campaign)
    assert campaign.status in (Campaign.Status.SENDING, Campaign.Status.SENT)
    assert len(mail.outbox) == 1


def test_a_campaign_a_little_late_still_goes_out(settings):
    settings.NEWSLETTER_LATE_HOLD_HOURS = 6
    SubscriberFactory()
    with time_machine.travel("2026-11-27 09:00 +0000", tick=False):
        CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() - timedelta(hours=5))
        sending.dispatch_due_campaigns()
    assert len(mail.outbox) == 1


def test_schedule_unschedule_and_cancel_follow_the_status_rules():
    campaign = CampaignFactory(scheduled_at=timezone.now() + timedelta(days=1))
    assert sending.schedule(campaign) and campaign.status == Campaign.Status.SCHEDULED
    assert not sending.schedule(campaign)
    assert sending.unschedule(campaign) and campaign.status == Campaign.Status.DRAFT
    assert sending.cancel(campaign) and campaign.status == Campaign.Status.CANCELLED
    assert not sending.start_sending(campaign)
    assert not sending.schedule(CampaignFactory(scheduled_at=None))


def test_scheduled_time_defaults_to_the_launch_date():
    row = SiteSettings.load()
    row.launch_date = datetime(2027, 1, 15).date()
    row.save()
    campaign = Campaign.objects.create(subject="Launch", html_body="<p>Hi</p>")
    assert timezone.localtime(campaign.scheduled_at).date() == row.launch_date


def test_plain_text_alternative_is_generated_from_the_html():
    campaign = CampaignFactory(
        html_body="<h2>Title</h2><p>One &amp; two <a href=\"https://example.org/\">link</a></p><ul><li>a</li></ul>"
    )
    assert campaign.text_body == "Title\n\nOne & two link (https://example.org/)\n\n- a"
    campaign.html_body = "<p>Changed</p>"
    campaign.save(update_fields=["html_body"])
    assert Campaign.objects.get(pk=campaign.pk).text_body == "Changed"


def test_html_body_is_sanitised_like_articles():
    campaign = CampaignFactory(html_body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert "script" not in campaign.html_body and "onclick" not in campaign.html_body


def test_send_test_goes_to_one_address_without_touching_the_campaign():
    campaign = CampaignFactory()
    sending.send_test(campaign, "editor@example.org")
    [message] = mail.outbox
    assert message.to == ["editor@example.org"] and message.subject.startswith("[Test] ")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT and not campaign.deliveries.exists()


def test_send_rate_is_respected(settings, monkeypatch):
    settings.NEWSLETTER_SEND_RATE = 2
    now, sleeps = [100.0], []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(sending.time, "time", lambda: now[0])
    monkeypatch.setattr(sending.time, "sleep", sleep)
    for _ in range(5):
        sending.throttle()
    assert sleeps == [1.0, 1.0]


@pytest.mark.parametrize(("event_type", "reason"), [("bounced", "bounce"), ("complained", "complaint")])
def test_provider_bounce_or_complaint_suppresses_the_address(event_type, reason):
    reader = SubscriberFactory(email="bouncy@example.org")
    event = AnymailTrackingEvent(event_type=event_type, recipient="Bouncy@Example.org")
    tracking.send(sender=object, event=event, esp_name="TestESP")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribe_reason == reason


def test_provider_delivered_event_changes_nothing():
    reader = SubscriberFactory()
    tracking.send(sender=object, event=AnymailTrackingEvent(event_type="delivered", recipient=reader.email),
                  esp_name="TestESP")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_delivery_rows_are_created_once_per_recipient_however_often_it_runs():
    ai, sport = VerticalFactory(name="AI"), VerticalFactory(name="Sport")
    both = SubscriberFactory(interests=[ai, sport])
    SubscriberFactory(interests=[sport])
    SubscriberFactory(pending=True, interests=[ai])
    campaign = CampaignFactory(status=Campaign.Status.SENDING, audience=Campaign.Audience.VERTICALS)
    campaign.verticals.set([ai, sport])
    assert sending.create_deliveries(campaign) == 2
    assert sending.create_deliveries(campaign) == 2
    assert campaign.deliveries.filter(subscriber=both).count() == 1
    assert set(campaign.deliveries.values_list("status", "attempts", "message_id", "error")) == {
        (Delivery.Status.PENDING, 0, "", "")
    }


def test_provider_webhook_urls_exist_only_with_an_anymail_backend(settings):
    import importlib

    import newsletter.urls

    try:
        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        with_esp = importlib.reload(newsletter.urls)
        assert any(str(p.pattern) == "esp/" for p in with_esp.urlpatterns)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        without = importlib.reload(newsletter.urls)
        assert not any(str(p.pattern) == "esp/" for p in without.urlpatterns)
    finally:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        importlib.reload(newsletter.urls)


def test_a_sender_side_refusal_is_retried_not_marked_failed_for_every_reader(flaky):
    reader = SubscriberFactory()
    flaky[reader.email] = smtplib.SMTPSenderRefused(550, b"5.7.1 Sender not allowed", "newsletter@localhost")
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    assert sending.send_batches(campaign.pk) == 30
    delivery = campaign.deliveries.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    assert "Sender not allowed" in delivery.error


def test_mail_server_down_at_connect_gives_the_batch_back_for_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    assert sending.send_batches(campaign.pk) == 30
    rows = list(campaign.deliveries.values_list("status", "lease_token", "attempts"))
    assert rows == [(Delivery.Status.PENDING, None, 0)] * 2
    assert campaign.deliveries.filter(next_attempt_at__isnull=False, error__contains="Connection").count() == 2


def test_a_backend_that_reports_nothing_sent_is_not_stamped_sent(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: 0)
    SubscriberFactory()
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    sending.create_deliveries(campaign)
    assert sending.send_batches(campaign.pk) == 30
    assert campaign.deliveries.get().status == Delivery.Status.PENDING
