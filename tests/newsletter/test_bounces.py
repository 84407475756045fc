"""Bounces from the SMTP server (newsletter/bounces.py): hard bounces suppress at once, soft bounces after
NEWSLETTER_SOFT_BOUNCE_LIMIT campaigns in a row, and suppressed addresses are never mailed again."""

import smtplib

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail

from newsletter import bounces, campaigns, delivery, subscriptions
from newsletter.models import Campaign, ConsentRecord, Delivery, Subscriber
from tests.factories import UserFactory

from .conftest import signup_data
from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def send(campaign=None):
    campaign = campaign or CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    delivery.send_batches(campaign.pk)
    return campaign


def test_550_on_rcpt_suppresses_the_reader_with_reason_and_time_and_marks_the_delivery_bounced(flaky):
    gone, fine = SubscriberFactory(email="gone@example.org"), SubscriberFactory()
    flaky[gone.email] = smtplib.SMTPRecipientsRefused({gone.email: (550, b"5.1.1 <gone@example.org>: user unknown")})
    campaign = send()
    gone.refresh_from_db()
    assert gone.is_suppressed and gone.unsubscribe_reason == Subscriber.UnsubscribeReason.BOUNCE
    assert gone.suppression_detail == "550 5.1.1 <gone@example.org>: user unknown"
    assert gone.unsubscribed_at is not None
    assert gone.consent_records.filter(kind=ConsentRecord.Kind.SUPPRESSION, reason="bounce").count() == 1
    bounced = campaign.deliveries.get(subscriber=gone)
    assert bounced.status == Delivery.Status.FAILED and bounced.bounced_at is not None
    fine.refresh_from_db()
    assert fine.is_confirmed
    assert bounces.figures(campaign) == {"delivered": 1, "bounced": 1, "complained": 0, "skipped": 0, "failed": 0}

    # The next campaign has no delivery for the suppressed reader, and nothing goes to them.
    mail.outbox.clear()
    flaky.clear()
    following = send()
    assert list(following.deliveries.values_list("subscriber", flat=True)) == [fine.pk]
    assert [m.to for m in mail.outbox] == [[fine.email]]


def test_5xx_on_data_suppresses_too(flaky):
    reader = SubscriberFactory(email="full@example.org")
    flaky[reader.email] = smtplib.SMTPDataError(552, b"5.2.2 Mailbox full for good")
    send()
    reader.refresh_from_db()
    assert reader.is_suppressed and "552" in reader.suppression_detail


def test_a_refused_sender_or_a_dropped_connection_suppresses_nobody(flaky, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 1
    sender, dropped = SubscriberFactory(email="s@example.org"), SubscriberFactory(email="d@example.org")
    flaky[sender.email] = smtplib.SMTPSenderRefused(550, b"5.7.1 Sender not allowed", "newsletter@localhost")
    flaky[dropped.email] = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    send()
    for reader in (sender, dropped):
        reader.refresh_from_db()
        assert reader.is_confirmed and reader.soft_bounces == 0


def test_soft_bounces_suppress_after_the_limit_in_a_row_and_an_accepted_message_starts_again(flaky, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 1
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 3
    reader = SubscriberFactory(email="busy@example.org")
    busy = smtplib.SMTPRecipientsRefused({reader.email: (452, b"4.2.2 Mailbox full")})

    flaky[reader.email] = busy
    send(), send()
    reader.refresh_from_db()
    assert (reader.soft_bounces, reader.is_confirmed) == (2, True)

    flaky.clear()
    send()  # accepted: the count starts again
    reader.refresh_from_db()
    assert reader.soft_bounces == 0

    flaky[reader.email] = busy
    send(), send()
    reader.refresh_from_db()
    assert reader.is_confirmed
    send()
    reader.refresh_from_db()
    assert reader.is_suppressed
    assert reader.suppression_detail.startswith("3 soft bounces in a row; the last: 452")


def test_a_retry_that_succeeds_is_no_soft_bounce(flaky, settings):
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 30
    reader = SubscriberFactory(email="later@example.org")
    flaky[reader.email] = smtplib.SMTPRecipientsRefused({reader.email: (451, b"4.3.0 Later")})
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    assert delivery.send_batches(campaign.pk) == 30
    flaky.clear()
    Delivery.objects.update(next_attempt_at=None)
    delivery.send_batches(campaign.pk)
    reader.refresh_from_db()
    assert reader.soft_bounces == 0 and reader.is_confirmed
    assert campaign.deliveries.get().status == Delivery.Status.SENT


def test_a_suppressed_address_is_not_brought_back_by_a_public_signup(client, flaky, run_on_commit):
    reader = SubscriberFactory(email="gone@example.org")
    flaky[reader.email] = smtplib.SMTPRecipientsRefused({reader.email: (550, b"5.1.1 unknown")})
    send()
    mail.outbox.clear()
    run_on_commit(client.post, "/newsletter/", signup_data("Gone@Example.org"))
    reader.refresh_from_db()
    assert reader.is_suppressed
    assert mail.outbox == []


def test_lifting_is_recorded_and_resets_the_soft_bounces(admin_user, flaky, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 1
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 1
    reader = SubscriberFactory(email="busy@example.org")
    flaky[reader.email] = smtplib.SMTPRecipientsRefused({reader.email: (452, b"4.2.2 Mailbox full")})
    send()
    reader.refresh_from_db()
    assert reader.is_suppressed and reader.soft_bounces == 1
    assert subscriptions.lift_suppression(reader, admin_user)
    assert reader.soft_bounces == 0 and not reader.is_suppressed
    lift = reader.consent_records.get(kind=ConsentRecord.Kind.LIFTED)
    assert lift.by == admin_user


def test_admin_suppressed_filter_and_a_recorded_lift(client, flaky):
    gone = SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="fine@example.org")
    SubscriberFactory(email="left@example.org", unsubscribed=True, unsubscribe_reason="reader")
    flaky[gone.email] = smtplib.SMTPRecipientsRefused({gone.email: (550, b"5.1.1 unknown")})
    send()
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    page = client.get("/admin/newsletter/subscriber/", {"suppressed": "yes"}).content.decode()
    assert "gone@example.org" in page and "fine@example.org" not in page and "left@example.org" not in page
    page = client.get("/admin/newsletter/subscriber/", {"suppressed": "no"}).content.decode()
    assert "gone@example.org" not in page and "fine@example.org" in page and "left@example.org" in page
    detail = client.get(f"/admin/newsletter/subscriber/{gone.pk}/change/").content.decode()
    assert "550 5.1.1 unknown" in detail

    client.post("/admin/newsletter/subscriber/", {"action": "lift_suppression", "_selected_action": [gone.pk]})
    gone.refresh_from_db()
    assert not gone.is_suppressed
    assert gone.consent_records.get(kind=ConsentRecord.Kind.LIFTED).by == editor
    entry = LogEntry.objects.get(object_id=str(gone.pk))
    assert entry.user == editor and "Lifted" in entry.get_change_message()
    assert "gone@example.org" not in entry.object_repr
