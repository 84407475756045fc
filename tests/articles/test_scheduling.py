"""A scheduled article goes live by itself at its time: no job runs, the one queryset rule decides."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.articles.adminforms import changelist_url
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
GO_LIVE = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def scheduled():
    article = ArticleFactory(in_review=True, title="Goes live on Wednesday", slug="goes-live")
    with time_machine.travel(BEFORE, tick=False):
        workflow.schedule(article, EditorFactory(), GO_LIVE)
    return article


def test_scheduled_article_page_is_404_before_its_time_and_200_after(client, scheduled):
    url = reverse("articles:detail", kwargs={"slug": "goes-live"})

    with time_machine.travel(BEFORE, tick=False):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Goes live on Wednesday" not in response.content
    with time_machine.travel(GO_LIVE, tick=False):
        response = client.get(url)
        assert response.status_code == 200
        assert b"Goes live on Wednesday" in response.content


def test_scheduled_article_is_only_in_the_scheduled_queryset_until_its_time(scheduled):
    with time_machine.travel(datetime(2026, 9, 2, 8, 59, 59, tzinfo=UTC), tick=False):
        assert list(Article.objects.scheduled()) == [scheduled]
        assert not Article.objects.published().exists()
    with time_machine.travel(GO_LIVE, tick=False):
        assert list(Article.objects.published()) == [Article.objects.get(pk=scheduled.pk)]
        assert not Article.objects.scheduled().exists()


def test_admin_list_says_scheduled_then_published(client, scheduled):
    client.force_login(EditorFactory())

    with time_machine.travel(BEFORE, tick=False):
        assert [a.display_status for a in client.get(changelist_url()).context["cl"].result_list] == ["Scheduled"]
    with time_machine.travel(GO_LIVE, tick=False):
        assert [a.display_status for a in client.get(changelist_url()).context["cl"].result_list] == ["Published"]


def test_unscheduling_keeps_it_off_the_site_after_the_date(client, scheduled):
    with time_machine.travel(BEFORE, tick=False):
        workflow.unpublish(scheduled, EditorFactory())
    with time_machine.travel(GO_LIVE, tick=False):
        assert not Article.objects.published().exists()
        assert client.get(reverse("articles:detail", kwargs={"slug": "goes-live"})).status_code == 404
