"""Mailing articles: which articles may be mailed, when a campaign of articles must wait, the admin action's draft,
and the mailing that tells a series' "at once" followers about a new part."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from articles.models import Article

from .mailing_models import CampaignArticle, SeriesFollow
from .models import Campaign, Subscriber
from .queue import enqueue_on_commit

logger = logging.getLogger(__name__)

# A part published longer ago than this is no news: the digest carries it instead of a mailing of its own.
ANNOUNCE_WITHIN = timedelta(days=1)


def _when(moment):
    return date_format(localtime(moment), "j F Y, H:i")


def why_not_mailable(article, send_when_live=False):
    """None if the article may be mailed now (or, with send_when_live, once it goes live); else the reason."""
    if article.is_published():
        return None
    if article.is_scheduled():
        if send_when_live:
            return None
        return (f"“{article.title}” is scheduled for {_when(article.publish_date)}: tick “send when it goes live” "
                "to mail it then.")
    return f"“{article.title}” is {article.get_status_display().lower()}: only published articles can be mailed."


def waiting_reason(campaign):
    """Why a campaign of articles cannot go out yet (an article not published), or None."""
    if campaign.kind != Campaign.Kind.ARTICLES:
        return None
    for article in campaign.articles.all().order_by("publish_date", "pk"):
        if article.is_published():
            continue
        if article.is_scheduled():
            return f"Waiting for “{article.title}” to go live ({_when(article.publish_date)})."
        return (f"Waiting: “{article.title}” is {article.get_status_display().lower()}. It goes out once the article "
                "is published again; remove the article or cancel the campaign otherwise.")
    return None


def late_since(campaign):
    """The moment a campaign's lateness counts from: its time, or for "send when it goes live" the moment its last
    article went live (an article moved to next week makes the mailing due next week, not late)."""
    moments = [campaign.scheduled_at]
    if campaign.send_when_live:
        moments += list(campaign.articles.values_list("publish_date", flat=True))
    moments = [m for m in moments if m is not None]
    return max(moments) if moments else None


def is_late(campaign, now):
    since = late_since(campaign)
    return since is not None and now - since > timedelta(hours=settings.NEWSLETTER_LATE_HOLD_HOURS)


def set_articles(campaign, articles):
    """Replace the campaign's articles with these, in this order; the kind follows from having any."""
    with transaction.atomic():
        campaign.campaign_articles.all().delete()
        CampaignArticle.objects.bulk_create(
            CampaignArticle(campaign=campaign, article=article, position=index)
            for index, article in enumerate(articles)
        )
        if campaign.kind != Campaign.Kind.DIGEST:
            campaign.kind = Campaign.Kind.ARTICLES if articles else Campaign.Kind.MESSAGE
            Campaign.objects.filter(pk=campaign.pk).update(kind=campaign.kind)


def default_audience(campaign):
    """By vertical, the articles' verticals: what the admin action and an empty vertical choice mean."""
    campaign.audience = Campaign.Audience.VERTICALS
    Campaign.objects.filter(pk=campaign.pk).update(audience=campaign.audience)
    campaign.verticals.set({article.vertical_id for article in campaign.articles.all()})


def draft_from_articles(articles):
    """The admin action "Mail to subscribers…": a draft campaign of these articles, for the editor to review.

    Raises ValueError with every reason when some article cannot be mailed (a draft, or in review).
    """
    articles = list(articles)
    scheduled = [a for a in articles if a.is_scheduled()]
    problems = [p for p in (why_not_mailable(a, send_when_live=True) for a in articles) if p]
    if problems:
        raise ValueError(" ".join(problems))
    subject = articles[0].title if len(articles) == 1 else f"{articles[0].title}, and {len(articles) - 1} more"
    with transaction.atomic():
        campaign = Campaign.objects.create(
            subject=subject[:200],
            preheader=articles[0].standfirst[:200],
            kind=Campaign.Kind.ARTICLES,
            send_when_live=bool(scheduled),
            scheduled_at=max((a.publish_date for a in scheduled), default=None),
        )
        set_articles(campaign, articles)
        default_audience(campaign)
    return campaign


def announce_new_series_parts(now=None):
    """Run by the dispatcher: for each part published within the day whose series has "at once" followers, one
    mailing to them, started at once. The one-to-one `announces` makes a second run (or dispatcher) a no-op."""
    now = now or timezone.now()
    followed = SeriesFollow.objects.filter(
        mode=SeriesFollow.Mode.IMMEDIATE, subscriber__status=Subscriber.Status.CONFIRMED
    ).values("series")
    parts = (
        Article.objects.published()
        .filter(series__in=followed, publish_date__gte=now - ANNOUNCE_WITHIN)
        .exclude(pk__in=Campaign.objects.filter(announces__isnull=False).values("announces"))
        .select_related("series")
    )
    started = []
    for part in parts:
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(
                    subject=f"New in “{part.series.title}”: {part.title}"[:200],
                    preheader=part.standfirst[:200],
                    kind=Campaign.Kind.ARTICLES,
                    audience=Campaign.Audience.FOLLOWERS,
                    announces=part,
                    status=Campaign.Status.SENDING,
                    scheduled_at=None,
                    started_at=now,
                )
                CampaignArticle.objects.create(campaign=campaign, article=part, position=0)
                enqueue_on_commit("prepare_campaign", campaign.pk)
        except IntegrityError:
            continue  # another dispatcher announced it first
        logger.info("Announcing series part %s to its followers (campaign %s)", part.pk, campaign.pk)
        started.append(campaign)
    return started
