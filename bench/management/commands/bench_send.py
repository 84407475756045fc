"""Drive the launch send through the newsletter's own API, in the bench environment.

    manage.py bench_send prepare OUT.json   a draft campaign to every confirmed subscriber, and one rendered message
    manage.py bench_send send ID OUT.json   "send now" (newsletter.campaigns.start_sending), then wait until it is sent
    manage.py bench_send digest OUT.json    readers' topics mixed over the three verticals, a digest of the week's
                                            articles, and one typical reader's message (one vertical)

The Celery worker does the work; this process only triggers and watches, the way an editor's click does.
"""

import json
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from bench.corpus import campaign_body
from newsletter.article_emails import messages_for
from newsletter.article_mailings import set_articles
from newsletter.campaigns import create_deliveries, start_sending
from newsletter.models import Campaign, Subscriber
from verticals.models import Vertical

DIGEST_ARTICLES_PER_VERTICAL = 3

SUBJECT = "PostTrain is live: the launch issue"


def prepare(out):
    campaign = Campaign.objects.create(
        subject=SUBJECT,
        preheader="Three verticals, one idea: what happens after training.",
        html_body=campaign_body(),
        audience=Campaign.Audience.ALL,
    )
    _write(out, campaign, Subscriber.objects.confirmed().order_by("pk").first())


def _write(out, campaign, sample):
    message = messages_for(campaign).build(sample, message_id="<bench-sample@posttrain.bench>")
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


def prepare_digest(out):
    """Every confirmed reader gets topics: one vertical (three in four of them, in turn) or none (every topic).
    The digest holds the three latest articles of each vertical, so each reader's message is composed for them."""
    verticals = list(Vertical.objects.order_by("order", "pk")[:3])
    readers = list(Subscriber.objects.confirmed().order_by("pk").values_list("pk", flat=True))
    through = Subscriber.interests.through
    through.objects.filter(subscriber_id__in=readers).delete()
    through.objects.bulk_create(
        [through(subscriber_id=pk, vertical_id=verticals[i % 4].pk) for i, pk in enumerate(readers) if i % 4 < 3],
        batch_size=5000,
    )
    articles = []
    for vertical in verticals:
        articles += list(Article.objects.published().filter(vertical=vertical)
                         .order_by("-publish_date")[:DIGEST_ARTICLES_PER_VERTICAL])
    now = timezone.now()
    campaign = Campaign.objects.create(
        kind=Campaign.Kind.DIGEST, subject="This week on PostTrain", preheader="What is new in your topics.",
        digest_since=now - timedelta(days=7), digest_until=now,
    )
    set_articles(campaign, articles)
    _write(out, campaign, Subscriber.objects.get(pk=readers[0]))


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
        digest_step = steps.add_parser("digest")
        digest_step.add_argument("out")

    def handle(self, *args, step, out, **options):
        if step == "prepare":
            prepare(out)
        elif step == "digest":
            prepare_digest(out)
        else:
            send(options["campaign"], out, options["timeout"])
