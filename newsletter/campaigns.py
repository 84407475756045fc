"""A campaign's states: schedule, unschedule, cancel, start, and the dispatcher that starts, holds, resumes and
finishes sends. The send itself is in delivery.py."""

import logging
import math
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from posttrain.cache import bump_generation

from . import article_mailings
from .models import Campaign, Delivery
from .queue import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)


def schedule(campaign, when=None):
    """Draft → scheduled. The dispatcher starts it when due."""
    when = when or campaign.scheduled_at
    if when is None:
        return False
    done = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.DRAFT).update(
        status=Campaign.Status.SCHEDULED, scheduled_at=when, held_at=None
    )
    campaign.refresh_from_db()
    return bool(done)


def unschedule(campaign):
    done = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SCHEDULED).update(
        status=Campaign.Status.DRAFT, held_at=None
    )
    campaign.refresh_from_db()
    return bool(done)


def cancel(campaign):
    done = Campaign.objects.filter(
        pk=campaign.pk, status__in=[Campaign.Status.DRAFT, Campaign.Status.SCHEDULED]
    ).update(status=Campaign.Status.CANCELLED, held_at=None)
    campaign.refresh_from_db()
    return bool(done)


def start_sending(campaign, user=None):
    """Draft or scheduled (held or not) → sending, and queue the send.

    The status change is one conditional UPDATE, so of two triggers (two editors, a double click, the command and
    the dispatcher) exactly one wins and the other is a no-op. Returns whether this call started it.
    """
    now = timezone.now()
    if article_mailings.waiting_reason(campaign):
        return False
    with transaction.atomic():
        started = Campaign.objects.filter(
            pk=campaign.pk, status__in=[Campaign.Status.DRAFT, Campaign.Status.SCHEDULED]
        ).update(status=Campaign.Status.SENDING, started_at=now, started_by=user, held_at=None)
        if started:
            enqueue_on_commit("prepare_campaign", campaign.pk)
            went_public()
    campaign.refresh_from_db()
    return bool(started)


def went_public():
    """A campaign that starts sending joins the public archive, its feed and the sitemap: cached pages listing the
    archive must not wait for their expiry (the status changes by UPDATE, which no save signal sees)."""
    transaction.on_commit(_drop_cached_pages)


def _drop_cached_pages():
    try:
        bump_generation()
    except Exception:
        # The shared cache is down: then nothing is served from it either.
        logger.warning("Could not drop the cached pages after a campaign went out", exc_info=True)


def hold_if_late(campaign, now):
    held = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SCHEDULED, held_at__isnull=True).update(
        held_at=now
    )
    if held:
        logger.warning("Campaign %s is late (%s): held for an editor", campaign.pk, now - campaign.scheduled_at)
    return bool(held)


def dispatch_due_campaigns(now=None):
    """Run every minute by beat: announce new series parts, start due campaigns, hold late ones, and resume sends
    whose workers vanished."""
    now = now or timezone.now()
    article_mailings.announce_new_series_parts(now)
    for campaign in Campaign.objects.due(now):
        if article_mailings.waiting_reason(campaign):
            continue  # the admin shows why; it goes out once its articles are live
        if article_mailings.is_late(campaign, now):
            hold_if_late(campaign, now)
            continue
        started = Campaign.objects.due(now).filter(pk=campaign.pk).update(
            status=Campaign.Status.SENDING, started_at=now
        )
        if started:
            went_public()
            prepare_campaign(campaign.pk)
    for campaign in Campaign.objects.sending():
        if campaign.deliveries_created_at is None:
            prepare_campaign(campaign.pk)
        elif needs_workers(campaign, now):
            fan_out(campaign)
        else:
            finish_if_complete(campaign)


def create_deliveries(campaign):
    """One row per recipient, in one INSERT ... SELECT; the unique (campaign, subscriber) constraint makes a second
    run harmless (ON CONFLICT DO NOTHING, which PostgreSQL and SQLite both speak).

    The ORM's bulk_create would first fetch every id into Python: 3x slower at 20,000 subscribers.
    """
    recipients_sql, params = campaign.recipients().order_by().values_list("id").query.sql_with_params()
    table = connection.ops.quote_name(Delivery._meta.db_table)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (campaign_id, subscriber_id, status, attempts, message_id, error) "
                f"SELECT %s, recipient.*, %s, 0, '', '' FROM ({recipients_sql}) AS recipient "
                # SQLite needs a WHERE before ON CONFLICT to parse INSERT ... SELECT ... ON CONFLICT.
                "WHERE 1 = 1 ON CONFLICT DO NOTHING",
                [campaign.pk, Delivery.Status.PENDING, *params],
            )
        Campaign.objects.filter(pk=campaign.pk, deliveries_created_at__isnull=True).update(
            deliveries_created_at=timezone.now()
        )
    return campaign.deliveries.count()


def prepare_campaign(campaign_id):
    campaign = Campaign.objects.sending().filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    if campaign.deliveries_created_at is None:
        create_deliveries(campaign)
    return fan_out(campaign)


def needs_workers(campaign, now=None):
    """Claimable deliveries and no live lease: nobody is working on this campaign, so its tasks were lost."""
    now = now or timezone.now()
    deliveries = campaign.deliveries.all()
    if not deliveries.claimable(now).exists():
        return False
    lease_cutoff = now - timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    return not deliveries.filter(status=Delivery.Status.PENDING, leased_at__gte=lease_cutoff).exists()


def fan_out(campaign):
    pending = campaign.deliveries.filter(status=Delivery.Status.PENDING).count()
    if not pending:
        finish_if_complete(campaign)
        return 0
    count = min(settings.NEWSLETTER_PARALLEL_BATCHES, math.ceil(pending / settings.NEWSLETTER_BATCH_SIZE))
    for _ in range(count):
        enqueue("send_batch", campaign.pk)
    return count


def finish_if_complete(campaign):
    """Sending → sent once nothing is pending: then intended = sent + failed + skipped."""
    if campaign.deliveries.filter(status=Delivery.Status.PENDING).exists():
        return False
    return bool(
        Campaign.objects.sending()
        .filter(pk=campaign.pk, deliveries_created_at__isnull=False)
        .update(status=Campaign.Status.SENT, finished_at=timezone.now())
    )
