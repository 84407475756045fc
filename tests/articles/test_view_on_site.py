"""The admin's "View on site" address (/admin/r/<content type>/<id>/) redirects only to what the user may view in
the admin: anything else is a 404 that does not reveal the object's public address."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article, Series
from newsletter.models import Subscriber
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, SeriesFactory, UserFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def view_on_site(obj_or_model, object_id=None):
    model = obj_or_model if object_id is not None else type(obj_or_model)
    return reverse(
        "admin:view_on_site",
        kwargs={"content_type_id": ContentType.objects.get_for_model(model).pk,
                "object_id": object_id if object_id is not None else obj_or_model.pk},
    )


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "unpublished"])
def test_writer_gets_404_not_the_address_of_someone_elses_unpublished_article(client, state):
    article = ArticleFactory(slug="someone-elses-secret", created_by=WriterFactory(), **{state: True})
    client.force_login(WriterFactory())
    response = client.get(view_on_site(article))
    assert response.status_code == 404
    assert "someone-elses-secret" not in response.get("Location", "")
    assert b"someone-elses-secret" not in response.content


def test_writer_gets_404_for_someone_elses_published_article_they_cannot_open_in_the_admin(client):
    article = ArticleFactory(created_by=WriterFactory())
    client.force_login(WriterFactory())
    assert client.get(view_on_site(article)).status_code == 404


def test_writer_is_sent_to_the_page_of_their_own_published_article(client):
    writer = WriterFactory()
    article = ArticleFactory(created_by=writer, slug="my-live-piece")
    client.force_login(writer)
    response = client.get(view_on_site(article))
    assert response.status_code == 302
    assert response["Location"].endswith("/articles/my-live-piece/")


def test_editor_is_sent_to_a_published_article_and_a_series(client):
    client.force_login(EditorFactory())
    article = ArticleFactory(slug="live-piece")
    series = SeriesFactory(slug="a-series")
    assert client.get(view_on_site(article))["Location"].endswith("/articles/live-piece/")
    assert client.get(view_on_site(series))["Location"].endswith("/series/a-series/")


def test_no_redirect_to_a_draft_even_for_an_editor(client):
    client.force_login(EditorFactory())
    draft = ArticleFactory(draft=True)
    assert client.get(view_on_site(draft)).status_code == 404


def test_staff_without_permission_on_the_model_gets_404(client):
    client.force_login(UserFactory())  # staff, in no group
    assert client.get(view_on_site(SeriesFactory())).status_code == 404
    assert client.get(view_on_site(ArticleFactory())).status_code == 404


@pytest.mark.parametrize("object_id", ["999999", "abc", "1/extra", "%00"])
def test_unknown_or_malformed_ids_are_404(client, object_id):
    client.force_login(EditorFactory())
    assert client.get(view_on_site(Article, object_id)).status_code == 404
    assert client.get(view_on_site(Series, object_id)).status_code == 404


def test_unknown_content_type_and_models_without_a_page_are_404(client):
    client.force_login(EditorFactory())
    assert client.get("/admin/r/999999/1/").status_code == 404
    assert client.get("/admin/r/abc/1/").status_code == 404
    assert client.get(view_on_site(SubscriberFactory())).status_code == 404
    assert Subscriber.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(view_on_site(ArticleFactory()))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
