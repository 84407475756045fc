"""The public archive of past mailings: /newsletter/archive/, one page per campaign as it was sent, a feed and the
sitemap's section. Only campaigns that went out are shown (Campaign.objects.archived()): a draft, a scheduled or a
cancelled campaign is a 404, whoever asks. The web copy is rendered without any reader's links: no unsubscribe or
preferences token, no click-counting redirect."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.http import require_safe

from articles.feeds import XmlSafeFeed
from articles.sitemaps import SiteUrlSitemap
from posttrain.web import absolute_url, page_of

from .article_emails import ARTICLES_HTML_MARK, messages_for
from .emails import NothingNew
from .models import Campaign

FEED_LENGTH = 20


def archived():
    return Campaign.objects.archived().order_by("-started_at", "-pk")


def web_copy(campaign):
    """The campaign's e-mail as its readers got it, less their personal links: (subject, html)."""
    messages = messages_for(campaign, web=True)
    try:
        _text, html = messages.bodies(None)
    except NothingNew:  # every article it announced has since been taken down
        html = messages.html.replace(ARTICLES_HTML_MARK, "")
    return messages.subject, html


@require_safe
def archive_list(request):
    page = page_of(archived().only("subject", "slug", "preheader", "started_at"), request)
    return render(request, "newsletter/archive.html", {"page": page, "campaigns": page.items})


@require_safe
def archive_detail(request, slug):
    """The e-mail itself, as mail clients showed it (like a mail service's "view in browser" page)."""
    campaign = get_object_or_404(archived(), slug=slug)
    _, html = web_copy(campaign)
    return HttpResponse(html)


class ArchiveRss(XmlSafeFeed, Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class ArchiveFeed(Feed):
    feed_type = ArchiveRss
    title = "PostTrain newsletter"
    description = "Past issues of the PostTrain newsletter."

    def link(self):
        return absolute_url(reverse("newsletter:archive"))

    def feed_url(self):
        return absolute_url(reverse("newsletter:archive_feed"))

    def items(self):
        return archived()[:FEED_LENGTH]

    def item_title(self, campaign):
        return campaign.subject

    def item_description(self, campaign):
        return campaign.preheader or campaign.text_body[:500]

    def item_link(self, campaign):
        return absolute_url(campaign.get_absolute_url())

    def item_pubdate(self, campaign):
        return campaign.started_at


archive_feed = require_safe(ArchiveFeed())


class ArchiveSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return archived().only("slug", "started_at", "finished_at")

    def lastmod(self, campaign):
        return campaign.finished_at or campaign.started_at
