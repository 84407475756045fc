"""Thin Celery entry points: load by id, call the plain function in sending.py. Each is safe to run twice."""

from celery import shared_task

from . import sending


@shared_task(name="newsletter.tasks.send_confirmation")
def send_confirmation(subscriber_id):
    return sending.send_confirmation(subscriber_id)


@shared_task(name="newsletter.tasks.send_welcome")
def send_welcome(subscriber_id):
    sending.send_welcome(subscriber_id)


@shared_task(name="newsletter.tasks.send_unsent_confirmations")
def send_unsent_confirmations():
    return sending.send_unsent_confirmations()


@shared_task(name="newsletter.tasks.dispatch_due_campaigns")
def dispatch_due_campaigns():
    sending.dispatch_due_campaigns()


@shared_task(name="newsletter.tasks.prepare_campaign")
def prepare_campaign(campaign_id):
    return sending.prepare_campaign(campaign_id)


@shared_task(name="newsletter.tasks.send_batch", bind=True)
def send_batch(self, campaign_id):
    retry_in = sending.send_batches(campaign_id)
    # Inline (no broker) a re-run would recurse at once; the per-minute dispatcher picks the campaign up instead.
    if retry_in is not None and not self.app.conf.task_always_eager:
        sending.publish(send_batch, campaign_id, countdown=retry_in)
    return retry_in
