"""The weekly digest: beat prepares, at NEWSLETTER_DIGEST_SCHEDULE, one campaign of what was published since the last
digest; an editor approves it (or NEWSLETTER_DIGEST_AUTOSEND sends it at once). Who gets which articles is decided per
reader when the message is built (article_emails.DigestMessages); the send is the campaign send, with its crash
safety."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article

from . import article_mailings, campaigns
from .models import Campaign

logger = logging.getLogger(__name__)

FIRST_DIGEST_COVERS = timedelta(days=7)


def current_slot(now=None):
    """The latest digest moment at or before now, in the site's time zone: the end of the period a digest covers."""
    return settings.NEWSLETTER_DIGEST_SCHEDULE.latest(timezone.localtime(now or timezone.now()))


def prepare_digest(now=None):
    """Make the digest for the current slot, if there is anything new and it does not exist yet. Safe to run twice:
    the unique (kind, digest_until) constraint keeps one digest per slot. Returns the campaign, or None."""
    until = current_slot(now)
    digests = Campaign.objects.digests()
    if digests.filter(digest_until=until).exists():
        return None
    previous = digests.filter(digest_until__lt=until).order_by("-digest_until").first()
    since = previous.digest_until if previous else until - FIRST_DIGEST_COVERS
    articles = list(
        Article.objects.published()
        .filter(publish_date__gt=since, publish_date__lte=until)
        .order_by("vertical__order", "vertical__name", "-publish_date", "pk")
    )
    if not articles:
        logger.info("No digest for %s: nothing was published since %s", until, since)
        return None
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                kind=Campaign.Kind.DIGEST,
                subject=f"This week on PostTrain: {date_format(until, 'j F Y')}",
                # Not the titles: each reader gets only some of the articles, and mail clients show this line.
                preheader="What is new in the topics and series you follow.",
                digest_since=since,
                digest_until=until,
                scheduled_at=None,
            )
            article_mailings.set_articles(campaign, articles)
    except IntegrityError:
        return None  # the other run made it
    logger.info("Prepared digest %s: %s article(s) since %s", campaign.pk, len(articles), since)
    if settings.NEWSLETTER_DIGEST_AUTOSEND:
        campaigns.start_sending(campaign)
    return campaign
