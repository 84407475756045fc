"""In-process look at the bench database: which URLs to load, and how many SQL queries each page costs.

Run by bench.run as `manage.py bench_probe OUT.json` in the same environment as gunicorn (with
PAGE_CACHE_SECONDS=0), so the counts are those of an uncached page. Each page is requested once to warm the
object caches (site settings), then counted; listing pages are also counted with one item, so a count that
grows with the list shows.
"""

import json

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from taggit.models import Tag

from articles.models import Article, Series
from bench.corpus import RARE_TAG, RARE_WORD
from verticals.models import Vertical


def _reverse(name, fallback, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return fallback


def pick_urls():
    published = Article.objects.published()
    vertical = Vertical.objects.annotate(n=Count("articles")).order_by("-n").first()
    series_qs = Series.objects.annotate(n=Count("articles", filter=Q(articles__in=published)))
    big_series = series_qs.order_by("-n", "pk").first()
    small_series = series_qs.filter(n__gte=1).order_by("n", "pk").first()
    article = (
        published.filter(series=big_series, part__gt=1).order_by("part").first()
        if big_series
        else published.first()
    )
    # The article listing the fewest tags, related articles and parts, against one in the middle of a long series.
    small_article = (
        published.filter(series=small_series).annotate(n=Count("tags")).order_by("n", "pk").first()
        if small_series
        else None
    )
    big_tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    small_tag = Tag.objects.filter(slug=RARE_TAG).first() or Tag.objects.annotate(
        n=Count("taggit_taggeditem_items")
    ).filter(n__gte=1).order_by("n").first()
    search = _reverse("articles:search", "/search/")

    def tag_url(tag):
        return _reverse("articles:tag", f"/tags/{tag.slug}/", slug=tag.slug) if tag else None

    urls = {
        "home": ("/", None),
        "vertical": (vertical.get_absolute_url() if vertical else None, None),
        "series": (
            big_series.get_absolute_url() if big_series else None,
            small_series.get_absolute_url() if small_series else None,
        ),
        "article": (
            article.get_absolute_url() if article else None,
            small_article.get_absolute_url() if small_article else None,
        ),
        "tag": (tag_url(big_tag), tag_url(small_tag)),
        "search": (f"{search}?q=reward+model", f"{search}?q={RARE_WORD}"),
        "feed": (_reverse("articles:feed", "/feed/"), None),
        "ceiling": ("/_bench/ceiling/", None),
    }
    try:
        urls["static"] = (staticfiles_storage.url("css/site.css"), None)
    except ValueError:  # not collected, or the stylesheet is not there
        urls["static"] = (None, None)
    return urls


def count_queries(client, url):
    client.get(url)  # warm: site settings and other object caches, as on a running server
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "bytes": len(response.content) if not response.streaming else None,
        "queries": len(ctx.captured_queries),
        "sql": [q["sql"][:300] for q in ctx.captured_queries],
    }


class Command(BaseCommand):
    help = "Write the bench URLs and the SQL queries per page to a JSON file (for bench.run)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="where to write the JSON")

    def handle(self, *args, out, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        result = {"urls": {}, "queries": {}}
        for name, (url, small) in pick_urls().items():
            result["urls"][name] = url
            if url is None or name in ("static",):
                continue
            entry = count_queries(client, url)
            if small and small != url:
                entry["one_item"] = count_queries(client, small)
            result["queries"][name] = entry
        with open(out, "w") as f:
            json.dump(result, f, indent=2)
