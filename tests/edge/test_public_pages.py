"""What Django tells shared caches: every public page the same bytes for everyone with no cookie, Cache-Control a
proxy can act on, and the content keys it shows; everything personal private, no-store."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.preview import create_preview_link, preview_url
from newsletter.tokens import make_confirm_token, make_manage_token
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    ResourceFactory,
    SeriesFactory,
    UserFactory,
    VerticalFactory,
)
from tests.newsletter.factories import SubscriberFactory
from verticals.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings, frontend_caches):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_BROWSER_SECONDS = 60
    settings.PAGE_STALE_WHILE_REVALIDATE_SECONDS = 30
    settings.PAGE_STALE_IF_ERROR_SECONDS = 86400
    frontend_caches("varnish://127.0.0.1:6081")
    SiteSettings.load()
    vertical = VerticalFactory(slug="sport")
    series = SeriesFactory(vertical=vertical, slug="season")
    author = AuthorFactory(slug="ana")
    article = ArticleFactory(vertical=vertical, series=series, part=1, slug="piece", authors=[author],
                             tags=["strength"], body="<h2>Load</h2><p>About periodisation here.</p>")
    term = GlossaryTermFactory(term="periodisation", slug="periodisation", vertical=vertical)
    ResourceFactory(vertical=vertical)
    return {"vertical": vertical, "series": series, "author": author, "article": article, "term": term,
            "tag": article.tags.get()}


def public_paths(site):
    return {
        "/": ["list-home"],
        "/verticals/sport/": [f"vertical-{site['vertical'].pk}"],
        "/verticals/sport/?page=1": [f"vertical-{site['vertical'].pk}"],
        "/series/season/": [f"series-{site['series'].pk}"],
        "/articles/piece/": [f"article-{site['article'].pk}", f"series-{site['series'].pk}",
                             f"vertical-{site['vertical'].pk}", f"author-{site['author'].pk}",
                             f"tag-{site['tag'].pk}", "list-glossary"],
        "/tags/strength/": [f"tag-{site['tag'].pk}"],
        "/authors/ana/": [f"author-{site['author'].pk}"],
        "/glossary/": ["list-glossary"],
        "/glossary/periodisation/": [f"glossaryterm-{site['term'].pk}", "list-glossary", "list-mentions"],
        "/resources/": ["list-resources"],
        "/about/": [],
        "/search/?q=periodisation": ["list-search"],
        "/feed/": ["list-feeds"],
        "/feed/atom/": ["list-feeds"],
        "/verticals/sport/feed/": ["list-feeds"],
        "/series/season/feed/": ["list-feeds"],
        "/tags/strength/feed/": ["list-feeds"],
        "/sitemap.xml": ["list-sitemap"],
        "/robots.txt": [],
    }


def test_every_public_page_is_the_same_bytes_for_every_reader_and_sets_no_cookie(site, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    for path in public_paths(site):
        first = Client().get(path)
        time_machine.shift(timedelta(seconds=2))
        # Another reader, a phone this time, with a stray analytics cookie.
        second = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPhone)").get(path, headers={"Cookie": "_ga=GA1.2.3"})
        assert first.status_code == second.status_code == 200, path
        assert first.content == second.content, path
        assert not first.cookies and not second.cookies, path
        assert b"csrfmiddlewaretoken" not in first.content, path


def test_every_public_page_tells_shared_caches_to_keep_it_and_names_what_it_shows(site):
    for path, keys in public_paths(site).items():
        response = Client().get(path)
        assert response["Cache-Control"] == (
            "public, max-age=60, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400"
        ), path
        assert response["xkey"].split() == ["site", *keys], path
        assert response["ETag"], path


def test_the_same_headers_come_from_djangos_page_cache(site):
    fresh = Client().get("/articles/piece/")
    cached = Client().get("/articles/piece/")
    for header in ("Cache-Control", "xkey", "ETag", "Content-Type"):
        assert cached[header] == fresh[header], header
    assert Client().get("/articles/piece/", headers={"If-None-Match": fresh["ETag"]}).status_code == 304


@pytest.mark.parametrize("backend", ["fastly://svc", "cloudflare://zone"])
def test_cdns_get_the_same_keys_in_their_own_header(site, frontend_caches, backend):
    frontend_caches(backend)
    response = Client().get("/tags/strength/")
    header, separator = ("Surrogate-Key", " ") if backend.startswith("fastly") else ("Cache-Tag", ",")
    assert response[header] == separator.join(["site", f"tag-{site['tag'].pk}"])
    assert "xkey" not in response


def test_no_page_outlives_the_next_scheduled_publication(site, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(vertical=site["vertical"], publish_date=timezone.now() + timedelta(seconds=100))

    soon = Client().get("/")["Cache-Control"]
    assert soon == "public, max-age=60, s-maxage=100, stale-while-revalidate=0, stale-if-error=86400"

    time_machine.shift(timedelta(seconds=95))
    # From Django's page cache, five seconds before it goes live: five seconds left, for browsers too.
    assert Client().get("/")["Cache-Control"].startswith("public, max-age=5, s-maxage=5, stale-while-revalidate=0")


def test_stale_while_revalidate_ends_before_the_next_publication_too(site, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(vertical=site["vertical"], publish_date=timezone.now() + timedelta(seconds=310))

    assert "s-maxage=300, stale-while-revalidate=10," in Client().get("/")["Cache-Control"]


def test_page_cache_seconds_zero_keeps_pages_out_of_every_cache(site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = Client().get("/articles/piece/")
    assert response["Cache-Control"] == "max-age=0, must-revalidate"


def test_signed_in_staff_get_private_no_store_pages_that_no_shared_cache_keeps(site, client):
    client.force_login(UserFactory(is_staff=True))
    for path in ("/", "/articles/piece/", "/feed/", "/sitemap.xml"):
        response = client.get(path)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives and "public" not in directives, path
        assert "xkey" not in response, path


@pytest.mark.parametrize("path", ["/articles/no-such-piece/", "/tags/no-such-tag/", "/no-such-page/"])
def test_errors_are_never_public(site, path):
    response = Client().get(path)
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "") and "max-age=0" in response["Cache-Control"]


def test_a_signed_in_users_error_page_is_private_no_store(site, client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_renamed_article_answers_a_redirect_no_shared_cache_keeps(site):
    article = site["article"]
    article.slug = "renamed-piece"
    article.save()
    response = Client().get("/articles/piece/")
    assert response.status_code == 301
    assert "public" not in response["Cache-Control"]


def test_previews_admin_and_newsletter_token_pages_are_private_no_store(site, client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    draft = ArticleFactory(draft=True, vertical=site["vertical"])
    subscriber = SubscriberFactory()
    paths = [
        preview_url(create_preview_link(draft, editor)),
        f"/newsletter/confirm/{make_confirm_token(subscriber)}/",
        f"/newsletter/preferences/{make_manage_token(subscriber)}/",
        f"/newsletter/unsubscribe/{make_manage_token(subscriber)}/",
    ]
    for path in paths:
        response = Client().get(path)
        assert response.status_code == 200, path
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, path
    client.force_login(editor)
    for path in ("/admin/", f"/admin/articles/article/{draft.pk}/change/", f"/preview/article/{draft.pk}/"):
        response = client.get(path)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, path
