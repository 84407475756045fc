"""Drive the launch send through the newsletter's own API, in the bench environment.

    manage.py bench_send prepare OUT.json   a draft campaign to every confirmed subscriber, and one rendered message
    manage.py bench_send send ID OUT.json   "send now" (newsletter.campaigns.start_sending), then wait until it is sent

The Celery worker does the work; this process only triggers and watches, the way an editor's click does.
"""

import json
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from bench.corpus import campaign_body
from newsletter.campaigns import create_deliveries, start_sending
from newsletter.emails import CampaignMessages
from newsletter.models import Campaign, Subscriber

SUBJECT = "PostTrain is live: the launch issue"


def prepare(out):
    campaign = Campaign.objects.create(
        subject=SUBJECT,
        preheader="Three verticals, one idea: what happens after training.",
        html_body=campaign_body(),
        audience=Campaign.Audience.ALL,
    )
    sample = Subscriber.objects.confirmed().order_by("pk").first()
    message = CampaignMessages(campaign).build(sample, message_id="<bench-sample@posttrain.bench>")
    html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
    result = {
        "campaign": campaign.pk,
        "recipients": campaign.recipients().count(),
        "subject": message.subject,
        "text": message.body,
        "html": html,
        "message_bytes": len(message.message().as_bytes()),
    }
    with open(out, "w") as f:
        json.dump(result, f)


def time_create_deliveries(campaign):
    """The newsletter's own create_deliveries() for this campaign, timed, then rolled back for the real send."""
    with transaction.atomic():
        started = time.perf_counter()
        create_deliveries(campaign)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return round(elapsed, 3)


def send(campaign_id, out, timeout):
    campaign = Campaign.objects.get(pk=campaign_id)
    rows_direct = time_create_deliveries(campaign)
    clicked = time.time()
    if not start_sending(campaign):
        raise SystemExit(f"campaign {campaign_id} did not start (status {campaign.status})")
    deadline = time.monotonic() + timeout
    rows_seen = None
    while time.monotonic() < deadline:
        campaign.refresh_from_db()
        if rows_seen is None and campaign.deliveries_created_at is not None:
            rows_seen = time.time()
        if campaign.status != Campaign.Status.SENDING:
            break
        time.sleep(0.1)
    campaign.refresh_from_db()
    progress = campaign.progress()
    started, created, finished = campaign.started_at, campaign.deliveries_created_at, campaign.finished_at
    result = {
        "campaign": campaign.pk,
        "status": campaign.status,
        "progress": progress,
        "clicked": clicked,
        "finished": finished.timestamp() if finished else None,
        "rows_seconds": rows_direct,
        # From "send now" to every delivery row written, as the campaign's own timestamps record it: this adds the
        # broker round trip and the worker picking the task up.
        "rows_from_click_seconds": round((created - started).total_seconds(), 3) if created and started else None,
        "total_seconds": round((finished - started).total_seconds(), 2) if finished and started else None,
        "timed_out": campaign.status == Campaign.Status.SENDING,
    }
    with open(out, "w") as f:
        json.dump(result, f)


class Command(BaseCommand):
    help = "Prepare the launch campaign, or send it and wait (for bench.run)."

    def add_arguments(self, parser):
        steps = parser.add_subparsers(dest="step", required=True)
        prepare_step = steps.add_parser("prepare")
        prepare_step.add_argument("out")
        send_step = steps.add_parser("send")
        send_step.add_argument("campaign", type=int)
        send_step.add_argument("out")
        send_step.add_argument("timeout", type=float, nargs="?", default=900)

    def handle(self, *args, step, out, **options):
        if step == "prepare":
            prepare(out)
        else:
            send(options["campaign"], out, options["timeout"])
