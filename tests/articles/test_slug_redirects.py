"""A slug an old address still redirects from is not free: another page of the same kind cannot take it in the admin
until an editor deletes the redirect, so the old address never turns from a 301 into a 404."""

import pytest
from django.urls import reverse

from articles.models import Article, Author, GlossaryTerm, Series, SlugRedirect
from tests.articles.adminforms import article_form_data, management_form
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory, GlossaryTermFactory, SeriesFactory, VerticalFactory
from verticals.models import Vertical

pytestmark = pytest.mark.django_db

REFUSED = "This address still redirects readers to another"


def renamed(obj, new_slug):
    obj.slug = new_slug
    obj.save()
    return obj


def form_errors(response):
    return response.context["adminform"].form.errors


def test_writer_cannot_give_a_new_draft_the_slug_of_a_renamed_published_article(client):
    renamed(ArticleFactory(slug="old-name", title="Renamed piece"), "new-name")
    vertical = VerticalFactory()
    client.force_login(WriterFactory())

    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="My draft", slug="old-name", vertical=str(vertical.pk)),
    )

    assert response.status_code == 200
    assert REFUSED in form_errors(response)["slug"][0]
    assert "Renamed piece" not in form_errors(response)["slug"][0]  # the other article stays unnamed
    assert not Article.objects.filter(title="My draft").exists()
    client.logout()
    old = client.get("/articles/old-name/")
    assert (old.status_code, old["Location"]) == (301, "/articles/new-name/")


def test_writer_cannot_rename_a_draft_to_a_slug_that_redirects(client):
    renamed(ArticleFactory(slug="old-name"), "new-name")
    writer = WriterFactory()
    draft = ArticleFactory(draft=True, created_by=writer, slug="my-draft")
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]), article_form_data(draft, slug="old-name")
    )
    assert response.status_code == 200
    assert REFUSED in form_errors(response)["slug"][0]
    assert Article.objects.get(pk=draft.pk).slug == "my-draft"


def test_the_slug_is_free_once_an_editor_deletes_the_redirect(client):
    renamed(ArticleFactory(slug="old-name"), "new-name")
    client.force_login(EditorFactory())
    redirect = SlugRedirect.objects.get(old_slug="old-name")
    response = client.post(reverse("admin:articles_slugredirect_delete", args=[redirect.pk]), {"post": "yes"})
    assert response.status_code == 302

    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Takes the slug", slug="old-name", vertical=str(VerticalFactory().pk)),
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="old-name").title == "Takes the slug"


def test_an_article_may_take_back_its_own_old_slug(client):
    article = renamed(ArticleFactory(slug="alpha"), "beta")
    client.force_login(EditorFactory())
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]), article_form_data(article, slug="alpha")
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).slug == "alpha"


def test_a_slug_made_from_the_title_steps_around_a_redirect(client):
    renamed(ArticleFactory(slug="preference-data"), "preference-data-explained")
    client.force_login(WriterFactory())
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Preference data", slug="", vertical=str(VerticalFactory().pk)),
    )
    assert response.status_code == 302
    assert Article.objects.get(title="Preference data").slug == "preference-data-2"


def test_deleting_a_renamed_page_frees_its_old_slugs(db):
    series = renamed(SeriesFactory(slug="old-series"), "new-series")
    series.delete()
    assert not SlugRedirect.objects.exists()


@pytest.mark.parametrize(
    "model,factory,data",
    [
        (Series, SeriesFactory, lambda vertical: {"title": "Another series", "vertical": vertical.pk, "summary": "S",
                                                  "intro": "<p>I</p>", "status": "planned", "order": "0",
                                                  **management_form("planned_parts")}),
        (Vertical, VerticalFactory, lambda vertical: {"name": "Another vertical", "short_description": "S",
                                                      "intro": "<p>I</p>", "order": "0"}),
        (Author, AuthorFactory, lambda vertical: {"name": "Another author", "bio": ""}),
        (GlossaryTerm, GlossaryTermFactory, lambda vertical: {"term": "ANOTHER", "short_definition": "S",
                                                              "explanation": "<p>E</p>"}),
    ],
)
def test_every_page_with_old_addresses_refuses_a_slug_that_redirects(client, model, factory, data):
    renamed(factory(slug="old-address"), "new-address")
    client.force_login(EditorFactory())
    opts = model._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        {"slug": "old-address", **data(VerticalFactory())},
    )
    assert response.status_code == 200
    assert REFUSED in form_errors(response)["slug"][0]
    assert model.objects.filter(slug="new-address").count() == 1
    assert not model.objects.filter(slug="old-address").exists()
