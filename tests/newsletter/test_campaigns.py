"""A campaign's states and the dispatcher (newsletter/campaigns.py), tasks inline."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from newsletter import campaigns, delivery
from newsletter.models import Campaign, Delivery
from tests.factories import VerticalFactory
from verticals.models import SiteSettings

from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_send_now_reaches_every_confirmed_subscriber_once_and_reconciles(run_on_commit):
    readers = SubscriberFactory.create_batch(5)
    SubscriberFactory(pending=True)
    SubscriberFactory(unsubscribed=True)
    campaign = CampaignFactory()
    assert run_on_commit(campaigns.start_sending, campaign)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    progress = campaign.progress()
    assert progress["intended"] == 5 == progress["sent"] + progress["failed"] + progress["skipped"]
    assert progress["pending"] == 0


def test_second_trigger_is_a_no_op(run_on_commit):
    SubscriberFactory.create_batch(3)
    campaign = CampaignFactory()
    assert run_on_commit(campaigns.start_sending, campaign) is True
    assert run_on_commit(campaigns.start_sending, campaign) is False
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
    run_on_commit(campaigns.start_sending, campaign)
    assert stale.status == Campaign.Status.DRAFT
    assert run_on_commit(campaigns.start_sending, stale) is False
    assert len(mail.outbox) == 1


def test_management_command_queues_the_same_send(run_on_commit):
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory()
    out = StringIO()
    run_on_commit(call_command, "send_campaign", str(campaign.pk), stdout=out)
    assert "queued" in out.getvalue()
    assert len(mail.outbox) == 2


def test_management_command_refuses_an_unknown_campaign():
    with pytest.raises(CommandError, match="No campaign with id 999"):
        call_command("send_campaign", "999")


def test_audience_by_vertical_reaches_only_interested_readers(run_on_commit):
    ai, sport = VerticalFactory(name="AI"), VerticalFactory(name="Sport")
    fan = SubscriberFactory(interests=[ai, sport])
    SubscriberFactory(interests=[sport])
    campaign = CampaignFactory(audience=Campaign.Audience.VERTICALS)
    campaign.verticals.set([ai])
    run_on_commit(campaigns.start_sending, campaign)
    assert [m.to for m in mail.outbox] == [[fan.email]]
    assert "and chose AI" in mail.outbox[0].body


def test_expired_lease_of_a_dead_worker_is_reclaimed_by_the_dispatcher(settings):
    settings.NEWSLETTER_LEASE_SECONDS = 60
    SubscriberFactory.create_batch(4)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        token, batch = delivery.claim_batch(campaign, size=3)  # a worker claims 3, then is killed
        assert len(batch) == 3
        assert delivery.send_batches(campaign.pk) is None  # the 4th goes; the leased 3 wait for their lease
        assert len(mail.outbox) == 1
        assert not campaigns.needs_workers(campaign)
    with time_machine.travel("2026-11-27 10:01:01 +0000", tick=False):
        assert campaigns.needs_workers(campaign)
        campaigns.dispatch_due_campaigns()
    assert len(mail.outbox) == 4
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT


def test_dispatcher_starts_a_due_campaign_and_leaves_a_future_one(settings):
    SubscriberFactory()
    with time_machine.travel("2026-11-27 09:00 +0000", tick=False):
        due = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() - timedelta(minutes=1))
        future = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() + timedelta(hours=1))
        campaigns.dispatch_due_campaigns()
    assert Campaign.objects.get(pk=due.pk).status == Campaign.Status.SENT
    assert Campaign.objects.get(pk=future.pk).status == Campaign.Status.SCHEDULED
    assert len(mail.outbox) == 1


def test_a_campaign_found_too_late_is_held_until_an_editor_confirms(settings, run_on_commit):
    settings.NEWSLETTER_LATE_HOLD_HOURS = 6
    SubscriberFactory()
    with time_machine.travel("2026-11-27 09:00 +0000", tick=False):
        campaign = CampaignFactory(status=Campaign.Status.SCHEDULED,
                                   scheduled_at=timezone.now() - timedelta(hours=6, minutes=1))
        campaigns.dispatch_due_campaigns()
        campaigns.dispatch_due_campaigns()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert campaign.held_at is not None
    assert mail.outbox == []
    assert run_on_commit(campaigns.start_sending, campaign)
    assert campaign.status in (Campaign.Status.SENDING, Campaign.Status.SENT)
    assert len(mail.outbox) == 1


def test_a_campaign_a_little_late_still_goes_out(settings):
    settings.NEWSLETTER_LATE_HOLD_HOURS = 6
    SubscriberFactory()
    with time_machine.travel("2026-11-27 09:00 +0000", tick=False):
        CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() - timedelta(hours=5))
        campaigns.dispatch_due_campaigns()
    assert len(mail.outbox) == 1


def test_schedule_unschedule_and_cancel_follow_the_status_rules():
    campaign = CampaignFactory(scheduled_at=timezone.now() + timedelta(days=1))
    assert campaigns.schedule(campaign) and campaign.status == Campaign.Status.SCHEDULED
    assert not campaigns.schedule(campaign)
    assert campaigns.unschedule(campaign) and campaign.status == Campaign.Status.DRAFT
    assert campaigns.cancel(campaign) and campaign.status == Campaign.Status.CANCELLED
    assert not campaigns.start_sending(campaign)
    assert not campaigns.schedule(CampaignFactory(scheduled_at=None))


def test_scheduled_time_defaults_to_the_launch_date():
    row = SiteSettings.load()
    row.launch_date = datetime(2027, 1, 15).date()
    row.save()
    campaign = Campaign.objects.create(subject="Launch", html_body="<p>Hi</p>")
    assert timezone.localtime(campaign.scheduled_at).date() == row.launch_date


def test_delivery_rows_are_created_once_per_recipient_however_often_it_runs():
    ai, sport = VerticalFactory(name="AI"), VerticalFactory(name="Sport")
    both = SubscriberFactory(interests=[ai, sport])
    SubscriberFactory(interests=[sport])
    SubscriberFactory(pending=True, interests=[ai])
    campaign = CampaignFactory(status=Campaign.Status.SENDING, audience=Campaign.Audience.VERTICALS)
    campaign.verticals.set([ai, sport])
    assert campaigns.create_deliveries(campaign) == 2
    assert campaigns.create_deliveries(campaign) == 2
    assert campaign.deliveries.filter(subscriber=both).count() == 1
    assert set(campaign.deliveries.values_list("status", "attempts", "message_id", "error")) == {
        (Delivery.Status.PENDING, 0, "", "")
    }
