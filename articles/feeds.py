"""RSS 2.0 and Atom feeds with full content, for the whole site, a vertical, a series and a tag."""

import re

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

from posttrain.cache import cache_public_page, cached_by_generation
from posttrain.frontend_cache import shows
from posttrain.web import absolute_links, absolute_url
from verticals.models import Vertical

from .content_keys import FEEDS
from .models import Article, Series

FEED_LENGTH = 20


# XML 1.0 cannot carry these at all (Django refuses them with an exception); a title pasted from a word processor
# can hold one (U+000B is its line break), and it must not take every feed down.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


class XmlSafeFeed:
    """Drops the characters XML cannot carry from everything a feed holds, whatever an editor saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_safe, args), **{key: xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_safe, args), **{key: xml_safe(value) for key, value in kwargs.items()})


class FullContentRss(XmlSafeFeed, Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class FullContentAtom(XmlSafeFeed, Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class ArticleFeed(Feed):
    """The site's latest published articles; subclasses narrow ``articles()`` to a vertical, series or tag."""

    feed_type = FullContentRss
    url_name = "articles:feed"
    author_name = "PostTrain"

    def __call__(self, request, *args, **kwargs):
        """The feed, made once per content generation: it shows nothing but content, the same to every reader.

        Writing ~20 full bodies as escaped XML is most of a feed's cost, so the document itself is what is kept.
        """

        def make():
            response = super(ArticleFeed, self).__call__(request, *args, **kwargs)
            return response.content, response["Content-Type"], response.get("Last-Modified")

        content, content_type, last_modified = cached_by_generation(f"feed:{request.path}", make)
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        # Every feed is purged with the feeds key: an article, series or tag change names it.
        return shows(response, FEEDS)

    def title(self, obj=None):
        return f"PostTrain — {obj}" if obj else "PostTrain"

    def description(self, obj=None):
        return getattr(obj, "short_description", None) or getattr(obj, "summary", None) or (
            "Post-training in AI, corporate learning and sports science."
        )

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/")

    def feed_url(self, obj=None):
        return absolute_url(reverse(self.url_name, kwargs={"slug": obj.slug} if obj is not None else None))

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        # The items with their authors and tags, and each body with absolute links, made once per content generation.
        return cached_by_generation(
            f"feed-items:{self.url_name}:{obj.pk if obj is not None else ''}",
            lambda: [
                (item, absolute_links(item.body))
                for item in self.articles(obj).for_feed().order_by("-publish_date", "-pk")[:FEED_LENGTH]
            ],
        )

    def item_title(self, item):
        return item[0].title

    def item_description(self, item):
        return item[0].standfirst

    def item_link(self, item):
        return absolute_url(item[0].get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item[0].get_absolute_url())

    def item_pubdate(self, item):
        return item[0].publish_date

    def item_updateddate(self, item):
        return max(item[0].updated_at, item[0].publish_date)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item[0].authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item[0].tags.all()]

    def item_extra_kwargs(self, item):
        # Feed readers resolve nothing: root-relative links and images in a body become absolute.
        return {"content": item[1]}


class ArticleAtomFeed(ArticleFeed):
    feed_type = FullContentAtom
    url_name = "articles:feed_atom"
    subtitle = ArticleFeed.description


class VerticalFeed(ArticleFeed):
    url_name = "verticals:feed"

    def get_object(self, request, slug):
        return get_object_or_404(Vertical, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(vertical=obj)


class SeriesFeed(ArticleFeed):
    url_name = "articles:series_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Series, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(series=obj)


class TagFeed(ArticleFeed):
    url_name = "articles:tag_feed"

    def get_object(self, request, slug):
        # As on the tag's page: a tag used only on unpublished articles does not exist for readers. One query.
        tag = Tag.objects.filter(slug=slug).filter(Exists(Article.objects.published().filter(tags=OuterRef("pk"))))
        return get_object_or_404(tag)

    def link(self, obj=None):
        return absolute_url(reverse("articles:tag", kwargs={"slug": obj.slug}))

    def title(self, obj=None):
        return f"PostTrain — articles tagged {obj.name}"

    def articles(self, obj):
        return Article.objects.published().filter(tags__slug=obj.slug)


latest_rss = cache_public_page(ArticleFeed())
latest_atom = cache_public_page(ArticleAtomFeed())
vertical_rss = cache_public_page(VerticalFeed())
series_rss = cache_public_page(SeriesFeed())
tag_rss = cache_public_page(TagFeed())
