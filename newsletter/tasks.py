"""Thin Celery entry points: each calls one plain service function with the ids it was given. Each is safe to run
twice. Services queue these by name through queue.py."""

from celery import shared_task

from . import campaigns, delivery, digests, follows, subscriptions
from .queue import enqueue


@shared_task(name="newsletter.tasks.process_signup")
def process_signup(consent_record_id):
    return subscriptions.process_signup(consent_record_id)


@shared_task(name="newsletter.tasks.send_confirmation")
def send_confirmation(subscriber_id):
    return subscriptions.send_confirmation(subscriber_id)


@shared_task(name="newsletter.tasks.send_welcome")
def send_welcome(subscriber_id):
    subscriptions.send_welcome(subscriber_id)


@shared_task(name="newsletter.tasks.send_unsent_confirmations")
def send_unsent_confirmations():
    return subscriptions.send_unsent_confirmations()


@shared_task(name="newsletter.tasks.dispatch_due_campaigns")
def dispatch_due_campaigns():
    campaigns.dispatch_due_campaigns()


@shared_task(name="newsletter.tasks.prepare_campaign")
def prepare_campaign(campaign_id):
    return campaigns.prepare_campaign(campaign_id)


@shared_task(name="newsletter.tasks.send_batch", bind=True)
def send_batch(self, campaign_id):
    retry_in = delivery.send_batches(campaign_id)
    # Inline (no broker) a re-run would recurse at once; the per-minute dispatcher picks the campaign up instead.
    if retry_in is not None and not self.app.conf.task_always_eager:
        enqueue("send_batch", campaign_id, countdown=retry_in)
    return retry_in


@shared_task(name="newsletter.tasks.prepare_digest")
def prepare_digest():
    campaign = digests.prepare_digest()
    return campaign.pk if campaign else None


@shared_task(name="newsletter.tasks.send_follow_link")
def send_follow_link(email, series_id, mode):
    return follows.send_follow_link(email, series_id, mode)
