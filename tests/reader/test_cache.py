"""The anonymous page cache: fast, but never stale after an edit, and never late for a scheduled article."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles import views as article_views
from articles import workflow
from articles.models import Article, Author
from posttrain import cache as page_cache
from tests.factories import ArticleFactory, GlossaryTermFactory, SeriesFactory, UserFactory, VerticalFactory
from verticals.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings, db):
    settings.PAGE_CACHE_SECONDS = 300
    # The first SiteSettings.load() creates the row, which (rightly) invalidates; start from a settled site.
    SiteSettings.load()


def test_second_anonymous_request_is_served_from_the_cache(client, django_assert_num_queries):
    article = ArticleFactory(title="Cached piece")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert "Cached piece" in response.content.decode()


def test_publishing_an_article_shows_it_at_once(client):
    vertical = VerticalFactory()
    draft = ArticleFactory(draft=True, title="Fresh news piece", vertical=vertical)
    assert "Fresh news piece" not in client.get("/").content.decode()
    assert "Fresh news piece" not in client.get(vertical.get_absolute_url()).content.decode()
    draft.status = Article.Status.PUBLISHED
    draft.publish_date = timezone.now()
    draft.save()
    assert "Fresh news piece" in client.get("/").content.decode()
    assert "Fresh news piece" in client.get(vertical.get_absolute_url()).content.decode()
    assert "Fresh news piece" in client.get("/feed/").content.decode()


def test_unpublishing_and_editing_drop_the_cached_pages(client):
    article = ArticleFactory(title="Original title")
    assert "Original title" in client.get("/").content.decode()
    article.title = "Edited title"
    article.save()
    assert "Edited title" in client.get("/").content.decode()
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert "Edited title" not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        lambda: SeriesFactory(title="A new series appears"),
        lambda: GlossaryTermFactory(term="A new series appears", slug="new-term"),
        lambda: SiteSettings.objects.update_or_create(pk=1, defaults={"headline": "A new series appears", "pitch": ""}),
    ],
)
def test_series_glossary_and_settings_changes_invalidate(client, change):
    SiteSettings.objects.update_or_create(pk=1, defaults={"headline": "Old headline", "pitch": ""})
    client.get("/")
    client.get("/glossary/")
    change()
    assert "A new series appears" in client.get("/").content.decode() + client.get("/glossary/").content.decode()


def test_scheduled_article_appears_on_time_despite_the_cache(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    goes_live = timezone.now() + timedelta(minutes=2)
    ArticleFactory(title="Scheduled for later", publish_date=goes_live)
    assert "Scheduled for later" not in client.get("/").content.decode()
    assert "Scheduled for later" not in client.get("/").content.decode()  # now cached
    time_machine.move_to(goes_live + timedelta(seconds=1), tick=False)
    assert "Scheduled for later" in client.get("/").content.decode()
    assert "Scheduled for later" in client.get("/feed/").content.decode()


def test_adding_an_author_to_an_article_drops_the_cached_pages(client):
    article = ArticleFactory(title="Bylined piece")
    assert "Newly credited" not in client.get(article.get_absolute_url()).content.decode()
    article.authors.add(Author.objects.create(name="Newly credited", slug="newly-credited"))
    assert "Newly credited" in client.get(article.get_absolute_url()).content.decode()


def test_a_change_names_the_keys_its_model_registers_or_else_the_site_key(monkeypatch):
    article = ArticleFactory()
    monkeypatch.setitem(page_cache._CONTENT_MODELS, Article, lambda row: [f"article-{row.pk}"])
    assert page_cache.content_keys(article) == {f"article-{article.pk}"}
    monkeypatch.setitem(page_cache._CONTENT_MODELS, Article, None)
    assert page_cache.content_keys(article) == {page_cache.SITE_KEY}


def test_logged_in_staff_are_never_served_cached_pages(client):
    article = ArticleFactory(title="Staff sees fresh")
    client.get(article.get_absolute_url())
    client.force_login(UserFactory())
    Article.objects.filter(pk=article.pk).update(title="Changed behind the cache's back")
    assert "Changed behind the cache's back" in client.get(article.get_absolute_url()).content.decode()


def test_page_cache_seconds_zero_turns_the_cache_off(client, settings, monkeypatch):
    """Every request renders the page (what it derives from content stays cached per generation: see derived.py)."""
    settings.PAGE_CACHE_SECONDS = 0
    article = ArticleFactory(title="Uncached")
    renders = []
    render_article = article_views.render_article
    monkeypatch.setattr(
        article_views, "render_article", lambda *args, **kwargs: renders.append(1) or render_article(*args, **kwargs)
    )
    client.get(article.get_absolute_url())
    assert "Uncached" in Client().get(article.get_absolute_url()).content.decode()
    assert len(renders) == 2
    Article.objects.filter(pk=article.pk).update(title="Changed without signals")
    page_cache.bump_generation()  # the documented contract for bulk updates
    assert "Changed without signals" in client.get(article.get_absolute_url()).content.decode()


def test_every_reader_gets_the_same_bytes_and_no_cookie_from_a_cached_page(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    time_machine.shift(timedelta(seconds=30))
    second = type(client)().get(article.get_absolute_url())
    assert first.content == second.content
    assert not first.cookies and not second.cookies
    assert 'name="started"' not in second.content.decode()


def test_conditional_get_answers_304(client):
    article = ArticleFactory()
    for url in ["/", article.get_absolute_url(), "/feed/", "/sitemap.xml"]:
        first = client.get(url)
        assert first["ETag"], url
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304, url


def test_etag_changes_when_content_changes(client):
    article = ArticleFactory(title="Before")
    etag = client.get(article.get_absolute_url())["ETag"]
    article.title = "After"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "After" in response.content.decode()


def test_feed_answers_if_modified_since(client):
    ArticleFactory()
    first = client.get("/feed/")
    assert first["Last-Modified"]
    assert client.get("/feed/", headers={"if-modified-since": first["Last-Modified"]}).status_code == 304


def test_cached_and_fresh_responses_carry_the_same_headers(client):
    article = ArticleFactory()
    fresh = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())
    for header in ("Content-Type", "ETag", "Cache-Control"):
        assert cached[header] == fresh[header], header
    assert cached["Cache-Control"].startswith("public, ") and "s-maxage=300" in cached["Cache-Control"]


def test_errors_are_not_cached(client):
    assert client.get("/articles/not-yet/").status_code == 404
    ArticleFactory(slug="not-yet")
    assert client.get("/articles/not-yet/").status_code == 200


def test_bulk_update_needs_an_explicit_invalidation(client):
    """queryset.update() sends no signal: code that bulk-updates calls bump_generation() (documented contract)."""
    article = ArticleFactory(title="Bulk before")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Bulk after")
    page_cache.bump_generation()
    assert "Bulk after" in client.get(article.get_absolute_url()).content.decode()


def test_generation_survives_a_cache_flush():
    first = page_cache.generation()
    assert page_cache.generation() == first
    cache.clear()
    assert page_cache.generation() != first


@pytest.mark.parametrize("seconds", [0, 300])
def test_scheduled_part_joins_its_series_and_related_lists_on_time(client, settings, time_machine, seconds):
    """Series parts and related lists are cached per generation; the generation moves on at the publish time."""
    settings.PAGE_CACHE_SECONDS = seconds
    time_machine.move_to(timezone.now(), tick=False)
    series = SeriesFactory()
    first = ArticleFactory(series=series, part=1, vertical=series.vertical, tags=["x"])
    goes_live = timezone.now() + timedelta(hours=1)
    ArticleFactory(series=series, part=2, vertical=series.vertical, tags=["x"], title="Second, scheduled",
                   publish_date=goes_live)
    for url in (series.get_absolute_url(), first.get_absolute_url()):
        assert "Second, scheduled" not in client.get(url).content.decode()
    time_machine.move_to(goes_live + timedelta(seconds=1), tick=False)
    assert "Second, scheduled" in client.get(series.get_absolute_url()).content.decode()
    article_page = client.get(first.get_absolute_url()).content.decode()
    assert 'rel="next"' in article_page
    assert "Second, scheduled" in article_page.split('id="related-title"', 1)[1]


def test_signup_from_a_cached_page_works_with_no_cookie_or_token():
    """The form on a page served from the cache is the same for everyone, and its POST is accepted."""
    article = ArticleFactory()
    Client().get(article.get_absolute_url())  # someone else fills the cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(article.get_absolute_url())
    content = page.content.decode()
    assert not page.cookies
    form = content.split('class="signup"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    assert "csrfmiddlewaretoken" not in fields
    action = re.search(r'<form class="signup" method="post" action="([^"]+)"', content).group(1)
    response = reader.post(action, {**fields, "email": "cached.reader@example.org"}, headers={"Origin": "http://testserver"})
    assert response.status_code == 302


@pytest.mark.parametrize("seconds", [0, 300])
def test_pages_with_a_form_still_answer_304(client, settings, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    assert b'class="signup"' in first.content
    again = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_publishing_and_unpublishing_through_the_workflow_refresh_cached_pages(client):
    editor = UserFactory(username="cache-editor", is_superuser=True)
    article = ArticleFactory(in_review=True, title="Through the workflow")
    assert "Through the workflow" not in client.get("/").content.decode()
    workflow.publish(article, editor)
    assert "Through the workflow" in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200
    workflow.unpublish(article, editor)
    assert "Through the workflow" not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404
