"""Publish N articles and time each from its commit to the first request through Varnish that shows it.

Run by bench/edge.py as `manage.py bench_purge_latency VARNISH_URL OUT.json` in gunicorn's environment, with a
Celery worker on the broker: each publish commits here, its purge goes to the worker as a task, the worker sends
PURGE to Varnish, and this command polls the home page through Varnish (cached before each publish) until the new
title is there. Safe to run twice: it only adds articles.
"""

import json
import time
import urllib.request
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles import workflow
from articles.models import Article
from verticals.models import Vertical

POLL_SECONDS = 0.005
GIVE_UP_SECONDS = 60


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Cache", ""), response.read().decode("utf-8", "replace")


class Command(BaseCommand):
    help = "Time publish-to-visible through Varnish over a number of publishes."

    def add_arguments(self, parser):
        parser.add_argument("varnish_url")
        parser.add_argument("output")
        parser.add_argument("--publishes", type=int, default=20)

    def handle(self, varnish_url, output, publishes, **options):
        editor, _ = get_user_model().objects.get_or_create(
            username="bench-purge-editor", defaults={"is_staff": True, "is_superuser": True}
        )
        vertical = Vertical.objects.first()
        home = varnish_url.rstrip("/") + "/"
        seconds, hits_before = [], 0
        for n in range(publishes):
            title = f"Bench purge {n} {uuid.uuid4().hex[:8]}"
            article = Article.objects.create(
                title=title, standfirst="Timing a purge.", body="<p>Timing a purge.</p>", vertical=vertical,
                status=Article.Status.REVIEW,
            )
            fetch(home)
            cache_state, page = fetch(home)  # the copy readers are served until the purge
            hits_before += cache_state == "HIT"
            if title in page:
                raise CommandError("the article showed before it was published")
            workflow.publish(article, editor)
            committed = time.monotonic()
            while title not in fetch(home)[1]:
                if time.monotonic() - committed > GIVE_UP_SECONDS:
                    raise CommandError(f"publish {n} was not visible through Varnish after {GIVE_UP_SECONDS} s")
                time.sleep(POLL_SECONDS)
            seconds.append(round(time.monotonic() - committed, 4))
        with open(output, "w") as f:
            json.dump({"publishes": publishes, "seconds": seconds, "home_hits_before_publish": hits_before}, f)
