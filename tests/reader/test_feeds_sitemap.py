"""Feeds (RSS 2.0 and Atom) and the sitemap, as feed readers and crawlers read them."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, GlossaryTermFactory, SeriesFactory, VerticalFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def content(db):
    vertical = VerticalFactory(slug="sports", name="Sports science")
    series = SeriesFactory(slug="recovery", vertical=vertical)
    author = AuthorFactory(name="Grace Hopper")
    article = ArticleFactory(
        title="HRV after training & why it matters",
        slug="hrv",
        vertical=vertical,
        series=series,
        part=1,
        authors=[author],
        tags=["hrv"],
        body='<h2>Heart rate variability</h2><p>See <a href="/glossary/hrv/">HRV</a>. <em>Full</em> text.</p>',
    )
    ArticleFactory(draft=True, title="Secret draft", vertical=vertical, series=series, part=2, tags=["hrv"])
    return {"vertical": vertical, "series": series, "article": article}


FEEDS = [
    ("articles:feed", {}),
    ("articles:feed_atom", {}),
    ("verticals:feed", {"slug": "sports"}),
    ("articles:series_feed", {"slug": "recovery"}),
    ("articles:tag_feed", {"slug": "hrv"}),
]


@pytest.mark.parametrize("name,kwargs", FEEDS)
def test_feeds_parse_cleanly_with_full_content_and_absolute_links(client, content, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert [entry.title for entry in parsed.entries] == ["HRV after training & why it matters"]
    entry = parsed.entries[0]
    assert entry.link == f"{settings.SITE_URL}/articles/hrv/"
    full = entry.content[0].value
    assert "<em>Full</em> text." in full
    assert f'href="{settings.SITE_URL}/glossary/hrv/"' in full
    assert entry.author == "Grace Hopper"
    assert "Secret" not in response.content.decode()
    assert f'href="{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"' in response.content.decode()  # self link


def test_rss_is_rss_2_and_atom_is_atom(client, content):
    rss = feedparser.parse(client.get(reverse("articles:feed")).content)
    atom = feedparser.parse(client.get(reverse("articles:feed_atom")).content)
    assert rss.version == "rss20"
    assert atom.version == "atom10"
    assert client.get(reverse("articles:feed"))["Content-Type"].startswith("application/rss+xml")
    assert client.get(reverse("articles:feed_atom"))["Content-Type"].startswith("application/atom+xml")


def test_feed_of_an_unknown_vertical_is_404(client, db):
    assert client.get(reverse("verticals:feed", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("articles:series_feed", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("articles:tag_feed", kwargs={"slug": "nope"})).status_code == 404


def test_feed_is_newest_first_and_bounded(client, db):
    for days in range(25):
        ArticleFactory(title=f"Day {days}", publish_date=timezone.now() - timedelta(days=days + 1))
    parsed = feedparser.parse(client.get(reverse("articles:feed")).content)
    assert len(parsed.entries) == 20
    assert parsed.entries[0].title == "Day 0"


def sitemap_entries(client):
    response = client.get(reverse("verticals:sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find(f"{SM}loc").text: (url.find(f"{SM}lastmod").text if url.find(f"{SM}lastmod") is not None else None)
        for url in root.findall(f"{SM}url")
    }


def test_sitemap_lists_every_public_page_with_lastmod(client, content):
    GlossaryTermFactory(term="HRV", slug="hrv")
    entries = sitemap_entries(client)
    base = settings.SITE_URL
    expected = [
        f"{base}/",
        f"{base}/about/",
        f"{base}/glossary/",
        f"{base}/resources/",
        f"{base}/verticals/sports/",
        f"{base}/series/recovery/",
        f"{base}/articles/hrv/",
        f"{base}/tags/hrv/",
        f"{base}/glossary/hrv/",
    ]
    for url in expected:
        assert url in entries, url
    for url in expected[4:]:
        assert entries[url], f"{url} has no lastmod"
    assert entries[f"{base}/articles/hrv/"].startswith(str(content["article"].updated_at.date()))


def test_sitemap_has_no_unpublished_article_or_tag_used_only_by_one(client, content):
    ArticleFactory(scheduled=True, slug="later", tags=["only-later"])
    ArticleFactory(unpublished=True, slug="gone")
    entries = "\n".join(sitemap_entries(client))
    assert "/articles/later/" not in entries and "/articles/gone/" not in entries
    assert "only-later" not in entries


def test_sitemap_uses_site_url_not_the_request_host(client, content):
    response = client.get(reverse("verticals:sitemap"), HTTP_HOST="localhost")
    assert b"http://localhost/" not in response.content
    assert settings.SITE_URL.encode() in response.content


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /preview/" in text
