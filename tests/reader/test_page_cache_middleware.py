"""Django's page cache answers a hit at the top of the middleware stack, with the headers a fresh page carries."""

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from verticals.models import SiteSettings

pytestmark = pytest.mark.django_db

reached_stack = []


class RecordingMiddleware:
    """Sits just below the page cache: every request it sees went down the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reached_stack.append(request.path)
        return self.get_response(request)


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert settings.MIDDLEWARE[0] == "posttrain.page_cache.PageCacheMiddleware"
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], f"{__name__}.RecordingMiddleware", *settings.MIDDLEWARE[1:]]
    SiteSettings.load()
    reached_stack.clear()


@pytest.fixture
def article():
    return ArticleFactory(title="Answered at the top")


def test_a_hit_never_reaches_the_rest_of_the_stack(client, article, django_assert_num_queries):
    url = article.get_absolute_url()
    client.get(url)
    assert reached_stack == [url]
    with django_assert_num_queries(0):
        response = Client().get(url)
    assert response.status_code == 200
    assert "Answered at the top" in response.content.decode()
    assert reached_stack == [url], "the hit went down the stack"


def test_a_hit_carries_the_headers_of_the_fresh_page(article):
    url = article.get_absolute_url()
    fresh = Client().get(url)
    hit = Client().get(url)
    assert reached_stack == [url]
    # The same bytes for everyone, served as stored: no CSRF token, no cookie, on the fresh page or the hit.
    assert hit.content == fresh.content
    assert b"csrfmiddlewaretoken" not in hit.content
    assert not hit.cookies and not fresh.cookies
    assert int(hit["Content-Length"]) == len(hit.content)
    assert dict(hit.items()) == dict(fresh.items())
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "ETag", "Cache-Control"):
        assert hit[header], header


def test_a_hit_answers_304_for_its_etag_and_head_like_get(article):
    url = article.get_absolute_url()
    etag = Client().get(url)["ETag"]
    assert Client().get(url, headers={"if-none-match": etag}).status_code == 304
    assert Client().head(url).status_code == 200
    feed = Client().get("/feed/")
    again = Client().get("/feed/", headers={"if-modified-since": feed["Last-Modified"]})
    assert again.status_code == 304
    assert reached_stack == [url, "/feed/"]


def test_a_reader_with_a_session_or_a_message_goes_down_the_stack(article, settings):
    url = article.get_absolute_url()
    Client().get(url)
    with_session = Client()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    with_message = Client()
    with_message.cookies["messages"] = "pending"
    with_session.get(url)
    with_message.get(url)
    assert reached_stack == [url, url, url]


def test_signed_in_editor_gets_a_fresh_page_and_never_fills_the_cache(article):
    url = article.get_absolute_url()
    editor = Client()
    editor.force_login(UserFactory(is_staff=True))
    Article.objects.filter(pk=article.pk).update(title="Seen only fresh")  # no signal: the cache is not told
    assert "Seen only fresh" in editor.get(url).content.decode()
    # The editor's page was not stored: the first anonymous reader gets a page made for readers.
    Article.objects.filter(pk=article.pk).update(title="Made for readers")
    assert "Made for readers" in Client().get(url).content.decode()
    Client().get(url)
    assert editor.get(url).status_code == 200
    assert reached_stack.count(url) == 3  # editor, reader (miss), editor again; the second reader's hit stayed on top


def test_an_edit_is_seen_at_once_through_the_top_of_the_stack(article):
    url = article.get_absolute_url()
    Client().get(url)
    article.title = "Edited after caching"
    article.save()
    assert "Edited after caching" in Client().get(url).content.decode()


def test_posts_and_errors_are_never_answered_from_the_cache(article):
    Client().get("/articles/nothing-here/")
    assert Client().get("/articles/nothing-here/").status_code == 404
    assert reached_stack == ["/articles/nothing-here/"] * 2


def test_the_cache_off_answers_nothing_at_the_top(article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = article.get_absolute_url()
    Client().get(url)
    Client().get(url)
    assert reached_stack == [url, url]
