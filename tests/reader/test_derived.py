"""What pages derive from content is made once per content generation, and every kind of edit shows at once.

Each test loads the pages (so the derived parts, fragments and lists are cached), edits something through the ORM as
the admin would, and loads them again — with the page cache off (only the derived caches at work) and on.
"""

import json
import re

import pytest
from django.test import Client
from taggit.models import Tag

from articles import derived
from posttrain.web import absolute_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    SeriesFactory,
    UserFactory,
    VerticalFactory,
)
from verticals.models import SiteSettings, SocialLink

pytestmark = pytest.mark.django_db

BODY = "<h2>Opening move</h2><p>Why RLHF matters here.</p><h2>Second thoughts</h2><p>More words.</p>"


@pytest.fixture(params=[0, 300], ids=["page-cache-off", "page-cache-on"])
def page_cache_seconds(request, settings):
    settings.PAGE_CACHE_SECONDS = request.param
    SiteSettings.load()
    return request.param


@pytest.fixture
def article(page_cache_seconds):
    vertical = VerticalFactory(name="Artificial intelligence", slug="ai")
    series = SeriesFactory(title="The alignment stack", slug="stack", vertical=vertical)
    GlossaryTermFactory(term="RLHF", slug="rlhf", short_definition="Reinforcement learning from human feedback.")
    return ArticleFactory(
        title="A derived page",
        vertical=vertical,
        series=series,
        part=1,
        body=BODY,
        authors=[AuthorFactory(name="Ada Lovelace", slug="ada")],
        tags=["preference-data"],
    )


def page(url):
    return Client().get(url).content.decode()


def jsonld_blocks(content):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', content)]


def test_the_derived_parts_are_made_once_per_generation(article, django_assert_num_queries, monkeypatch):
    url = article.get_absolute_url()
    page(url)
    made = []
    derive_page = derived.derive_page
    monkeypatch.setattr(derived, "derive_page", lambda a: made.append(a.pk) or derive_page(a))
    with django_assert_num_queries(0):  # no row, no list, no form choices: all from this generation's caches
        for _ in range(3):
            Client().get(url, headers={"cookie": "x=1"})
    assert made == []
    article.save()
    page(url)
    assert made == [article.pk]


def test_editing_the_body_changes_anchors_contents_and_reading_time(article):
    url = article.get_absolute_url()
    before = page(url)
    assert 'id="opening-move"' in before and 'href="#second-thoughts"' in before
    article.body = "<h2>A new heading</h2><p>" + "word " * 2000 + "</p><h2>And another</h2><p>RLHF.</p>"
    article.save()
    after = page(url)
    assert 'id="a-new-heading"' in after and 'href="#and-another"' in after
    assert 'id="opening-move"' not in after
    assert article.reading_minutes > 1
    assert f"<dd>{article.reading_minutes} min</dd>" in after
    article_ld = next(block for block in jsonld_blocks(after) if block["@type"] == "Article")
    assert article_ld["wordCount"] == article.word_count > 2000


def test_renaming_series_vertical_tag_and_author_shows_on_the_article_page(article):
    url = article.get_absolute_url()
    page(url)
    article.series.title = "The renamed series"
    article.series.save()
    article.vertical.name = "Renamed vertical"
    article.vertical.save()
    tag = Tag.objects.get(slug="preference-data")
    tag.name = "Renamed tag"
    tag.save()
    author = article.authors.get()
    author.name = "Grace Hopper"
    author.save()
    after = page(url)
    for shown in ("The renamed series", "Renamed vertical", "Renamed tag", "Grace Hopper"):
        assert shown in after, shown
    article_ld = next(block for block in jsonld_blocks(after) if block["@type"] == "Article")
    assert article_ld["isPartOf"]["name"] == "The renamed series"
    assert article_ld["articleSection"] == "Renamed vertical"
    assert article_ld["keywords"] == ["Renamed tag"]
    assert article_ld["author"][0]["name"] == "Grace Hopper"
    # The navigation (a fragment shared by every page) follows the vertical's new name too.
    assert "Renamed vertical</a></li>" in page("/")
    assert "Renamed tag" in page("/tags/preference-data/")


def test_a_glossary_edit_changes_the_links_in_every_body(article):
    url = article.get_absolute_url()
    assert 'title="Reinforcement learning from human feedback."' in page(url)
    term = article.vertical.glossary_terms.model.objects.get(slug="rlhf")
    term.short_definition = "Learning a policy from people's preferences."
    term.save()
    assert 'title="Learning a policy from people&#x27;s preferences."' in page(url)
    term.delete()
    assert 'class="glossary-link"' not in page(url)


def test_site_settings_and_social_links_show_in_the_shared_footer(article):
    url = article.get_absolute_url()
    page(url)
    settings_row = SiteSettings.load()
    settings_row.contact_email = "desk@posttrain.example"
    settings_row.save()
    SocialLink.objects.create(site_settings=settings_row, label="Mastodon", url="https://mastodon.example/@pt")
    for address in (url, "/", "/verticals/ai/"):
        content = page(address)
        assert "mailto:desk@posttrain.example" in content, address
        assert 'href="https://mastodon.example/@pt"' in content, address


def test_unpublishing_and_a_slug_change_are_seen_at_once(article):
    url = article.get_absolute_url()
    page(url)
    article.slug = "a-new-address"
    article.save()
    assert Client().get(url).status_code in (301, 404)
    assert "A derived page" in page("/articles/a-new-address/")
    article.status = article.Status.UNPUBLISHED
    article.save()
    assert Client().get("/articles/a-new-address/").status_code == 404


def test_lists_and_feeds_follow_an_edit(article):
    for url in ("/", "/verticals/ai/", "/tags/preference-data/", "/feed/", "/verticals/ai/feed/"):
        assert "A derived page" in page(url), url
    article.title = "A retitled page"
    article.body = "<p>A body with a <a href=\"/glossary/\">relative link</a>.</p>"
    article.save()
    for url in ("/", "/verticals/ai/", "/tags/preference-data/", "/feed/", "/verticals/ai/feed/"):
        content = page(url)
        assert "A retitled page" in content, url
        assert "A derived page" not in content, url
    assert absolute_url("/glossary/") in page("/feed/")  # the new body, its links made absolute


def test_every_reader_gets_the_shared_signup_fragment_as_stored(article):
    url = article.get_absolute_url()
    first, second = Client().get(url), Client().get(url)
    assert 'class="signup"' in first.content.decode()
    assert first.content == second.content
    assert b"csrfmiddlewaretoken" not in first.content and b'name="started"' not in first.content
    assert not first.cookies and not second.cookies


def test_a_signed_in_editor_never_gets_shared_fragments(article):
    url = article.get_absolute_url()
    page(url)
    type(article).objects.filter(pk=article.pk).update(body="<h2>Changed quietly</h2><p>Text.</p>")
    editor = Client()
    editor.force_login(UserFactory())
    assert 'id="changed-quietly"' in editor.get(url).content.decode()
