"""The sitemap: published articles, series, verticals, tags with published articles, glossary terms, fixed pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from taggit.models import Tag

from verticals.models import SiteSettings, Vertical

from .models import Article, GlossaryTerm, Series


def latest_published(**lookup):
    """The newest publish date among the published articles matching an outer row, as a subquery."""
    return Subquery(
        Article.objects.published().filter(**lookup).order_by("-publish_date").values("publish_date")[:1]
    )


class SiteUrlSitemap(Sitemap):
    """Absolute addresses from SITE_URL, never from the Host header of whoever asked."""

    limit = 50_000  # the protocol's maximum per file; one file per section is enough at our scale

    def _items(self):
        # A list, not a queryset: the paginator then needs no COUNT query per section.
        return list(super()._items())

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "publish_date").order_by("-publish_date", "pk")

    def lastmod(self, article):
        return max(article.updated_at, article.publish_date)


class SeriesSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Series.objects.annotate(latest=latest_published(series=OuterRef("pk"))).order_by("pk")

    def lastmod(self, series):
        return max(filter(None, [series.updated_at, series.latest]))


class VerticalSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Vertical.objects.annotate(latest=latest_published(vertical=OuterRef("pk"))).order_by("order", "pk")

    def lastmod(self, vertical):
        return max(filter(None, [vertical.updated_at, vertical.latest]))


class TagSitemap(SiteUrlSitemap):
    """Tags readers can reach: those on at least one published article, dated by its newest one."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return (
            Tag.objects.annotate(latest=latest_published(tags=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("slug")
        )

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.latest


class GlossarySitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return GlossaryTerm.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, term):
        return term.updated_at


class PagesSitemap(SiteUrlSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["verticals:home", "verticals:about", "articles:glossary", "articles:resources"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return SiteSettings.load().updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "verticals": VerticalSitemap,
    "series": SeriesSitemap,
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "glossary": GlossarySitemap,
}
