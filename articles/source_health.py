"""Whether the addresses published articles cite still answer: one row per address, checked at most once a day.

The beat task (articles.tasks.check_source_links) calls check_due_links(). An address is "dead" only after two failed
checks at least a day apart, so one bad night of a publisher's server does not alarm the editors; one that answers
through permanent redirects is "moved", with the address it moved to. A 429 is no verdict: the address is left alone
for as long as the server asked (Retry-After) and at least a day, and the rest of that host waits for the next run.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from . import link_checker


def articles_model(name):
    # By name: articles.models imports this module to register its model, so this one may not import it back.
    return apps.get_model("articles", name)


CHECK_INTERVAL = timedelta(days=1)
CONFIRMATION_DELAY = timedelta(days=1)  # two failures this far apart make an address dead


class SourceLink(models.Model):
    class Status(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked yet"
        OK = "ok", "Answers"
        MOVED = "moved", "Moved"
        FAILING = "failing", "Failed once"
        DEAD = "dead", "Dead"

    url = models.URLField(max_length=500, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNCHECKED)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True, help_text="Where permanent redirects lead.")
    error = models.CharField(max_length=200, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failing_since = models.DateTimeField(null=True, blank=True, help_text="The first failed check of this run.")
    not_before = models.DateTimeField(null=True, blank=True, help_text="The server asked us to wait until then.")

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return f"{self.url} ({self.get_status_display()})"


def cited_urls():
    """The addresses references of published articles point to."""
    Article, Reference = articles_model("Article"), articles_model("Reference")
    return (
        Reference.objects.filter(article__in=Article.objects.published()).exclude(url="").values("url").distinct()
    )


def due_links(now):
    return SourceLink.objects.filter(
        Q(checked_at__isnull=True) | Q(checked_at__lte=now - CHECK_INTERVAL),
        Q(not_before__isnull=True) | Q(not_before__lte=now),
        url__in=cited_urls(),
    ).order_by(models.F("checked_at").asc(nulls_first=True), "pk")


def register_cited_urls():
    SourceLink.objects.bulk_create(
        [SourceLink(url=row["url"]) for row in cited_urls()], ignore_conflicts=True
    )


def _claim(link, now):
    """Stamp the link as checked now unless another run got there first: each address at most once a day."""
    claimed = SourceLink.objects.filter(pk=link.pk, checked_at=link.checked_at).update(checked_at=now)
    return claimed == 1


def record(link, result, now):
    """Store one check's result and what it means for the address's status."""
    link.checked_at, link.http_status, link.error = now, result.status, result.error[:200]
    if result.rate_limited:
        link.not_before = now + result.retry_after
    elif result.reachable:
        link.status = SourceLink.Status.MOVED if result.moved else SourceLink.Status.OK
        link.final_url, link.failing_since, link.not_before = result.final_url[:500], None, None
    else:
        link.final_url, link.not_before = "", None
        if link.failing_since is None:
            link.failing_since = now
        if now - link.failing_since >= CONFIRMATION_DELAY:
            link.status = SourceLink.Status.DEAD
        elif link.status != SourceLink.Status.DEAD:
            link.status = SourceLink.Status.FAILING
    link.save()


def check_due_links(*, now=None, limit=None, session=None, pace=None, timeout=None):
    """Check the addresses that are due, politely; return how many were checked."""
    limit = settings.SOURCE_CHECK_BATCH if limit is None else limit
    timeout = settings.SOURCE_CHECK_TIMEOUT if timeout is None else timeout
    session = session or requests.Session()
    pace = pace or link_checker.HostPace(interval=1.0)
    register_cited_urls()
    resting_hosts = set()
    checked = 0
    for link in due_links(now or timezone.now())[:limit]:
        host = urlsplit(link.url).hostname
        if host in resting_hosts:
            continue
        started = now or timezone.now()
        if not _claim(link, started):
            continue
        result = link_checker.check_url(
            link.url, session=session, pace=pace, timeout=timeout, user_agent=settings.SOURCE_CHECK_USER_AGENT,
            allow_private=settings.SOURCE_CHECK_ALLOW_PRIVATE,
        )
        record(link, result, now or timezone.now())
        checked += 1
        if result.rate_limited:
            resting_hosts.add(host)
    return checked
