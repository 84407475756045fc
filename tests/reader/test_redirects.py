"""Renamed pages keep their old addresses: 301 to the new one."""

import pytest

from articles.models import Article, SlugRedirect
from tests.factories import ArticleFactory, AuthorFactory, GlossaryTermFactory, SeriesFactory, VerticalFactory

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()
    return obj


def test_renamed_article_answers_301_from_every_old_slug(client):
    article = ArticleFactory(slug="first-name")
    rename(article, "second-name")
    rename(article, "third-name")
    for old in ("first-name", "second-name"):
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/third-name/"
    assert client.get("/articles/third-name/").status_code == 200


def test_old_slug_of_an_unpublished_article_is_404_not_a_pointer(client):
    article = ArticleFactory(slug="was-public")
    rename(article, "now-hidden")
    article.status = Article.Status.UNPUBLISHED
    article.save()
    response = client.get("/articles/was-public/")
    assert response.status_code == 404
    assert b"now-hidden" not in response.content


def test_reusing_an_old_slug_serves_the_new_page(client):
    old = ArticleFactory(slug="taken")
    rename(old, "moved")
    ArticleFactory(slug="taken", title="New owner of the slug")
    assert "New owner of the slug" in client.get("/articles/taken/").content.decode()
    assert not SlugRedirect.objects.filter(old_slug="taken").exists()


def test_renaming_back_removes_the_loop(client):
    article = ArticleFactory(slug="alpha")
    rename(article, "beta")
    rename(article, "alpha")
    assert client.get("/articles/alpha/").status_code == 200
    assert client.get("/articles/beta/")["Location"] == "/articles/alpha/"


def test_saving_without_a_slug_change_records_nothing(db):
    article = ArticleFactory(slug="steady")
    article.title = "New title"
    article.save()
    assert not SlugRedirect.objects.exists()


@pytest.mark.parametrize(
    "factory,prefix",
    [
        (lambda: SeriesFactory(slug="old-series"), "/series/"),
        (lambda: AuthorFactory(slug="old-series"), "/authors/"),
        (lambda: VerticalFactory(slug="old-series"), "/verticals/"),
        (lambda: GlossaryTermFactory(term="OLD", slug="old-series"), "/glossary/"),
    ],
)
def test_other_renamed_pages_redirect_too(client, factory, prefix):
    obj = rename(factory(), "new-series")
    response = client.get(f"{prefix}old-series/")
    assert response.status_code == 301
    assert response["Location"] == obj.get_absolute_url() == f"{prefix}new-series/"


def test_unknown_slug_is_a_styled_404(client, db):
    response = client.get("/articles/never-existed/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "We could not find that page" in content
    assert 'class="site-header"' in content and "site.css" in content
    assert 'role="search"' in content
