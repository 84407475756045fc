"""A series keeps its articles: it cannot be deleted while it has any, from its page or the bulk action."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from articles.models import Article, PlannedPart, Series
from tests.articles.adminforms import messages_of
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory, PlannedPartFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


@pytest.fixture
def series_with_articles():
    series = SeriesFactory(title="The technical stack")
    ArticleFactory(series=series, part=1, vertical=series.vertical, title="Part one, published")
    ArticleFactory(series=series, part=2, vertical=series.vertical, draft=True, title="Part two, a draft")
    return series


def test_series_with_articles_cannot_be_deleted_and_its_delete_page_lists_them(editor_client, series_with_articles):
    url = reverse("admin:articles_series_delete", args=[series_with_articles.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "A series cannot be deleted while it has articles" in content
    assert "Part one, published" in content and "Part two, a draft" in content
    assert "Yes, I’m sure" not in content  # nothing to confirm

    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Series.objects.filter(pk=series_with_articles.pk).exists()
    assert sorted(Article.objects.values_list("series_id", "part")) == [
        (series_with_articles.pk, 1), (series_with_articles.pk, 2)
    ]


def test_bulk_delete_of_series_keeps_those_with_articles_and_names_them(editor_client, series_with_articles):
    empty = SeriesFactory(title="Nothing written yet")
    changelist = reverse("admin:articles_series_changelist")
    data = {"action": "delete_selected", "_selected_action": [series_with_articles.pk, empty.pk], "post": "yes"}
    response = editor_client.post(changelist, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "A series cannot be deleted while it has articles" in content
    assert "Part one, published" in content and "Part two, a draft" in content
    assert Series.objects.count() == 2
    assert Article.objects.filter(series=series_with_articles).count() == 2


def test_a_series_without_articles_is_deleted_with_its_planned_parts(editor_client):
    series = SeriesFactory()
    PlannedPartFactory(series=series, part=1)
    url = reverse("admin:articles_series_delete", args=[series.pk])
    response = editor_client.post(url, {"post": "yes"}, follow=True)
    assert "was deleted successfully" in " ".join(messages_of(response))
    assert not Series.objects.filter(pk=series.pk).exists()
    assert not PlannedPart.objects.exists()


def test_a_part_number_without_a_series_is_refused_by_the_database(series_with_articles):
    with pytest.raises(IntegrityError):
        Article.objects.filter(series=series_with_articles).update(series=None)
