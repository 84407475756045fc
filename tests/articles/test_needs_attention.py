"""The "Needs attention" queue: dead or moved sources, overdue reviews, outdated arXiv versions; handled rows."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import attention
from articles.models import HandledAttention, SourceLink
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:articles_article_attention")
HANDLED = reverse("admin:articles_article_attention_handled")


def kinds(items):
    return [(item.kind, item.article.title) for item in items]


@pytest.fixture
def site():
    today = timezone.localdate()
    fresh = ArticleFactory(title="Fresh", last_reviewed=today)
    stale = ArticleFactory(title="Stale", last_reviewed=attention.months_before(today, 6) - timedelta(days=1))
    ArticleFactory(title="Stale draft", draft=True, last_reviewed=date(2020, 1, 1))
    ReferenceFactory(article=fresh, title="Dead source", url="https://gone.example/paper")
    ReferenceFactory(article=fresh, title="Moved source", url="https://old.example/paper")
    ReferenceFactory(article=fresh, title="Live source", url="https://live.example/")
    ReferenceFactory(article=fresh, title="DPO v3", url="", arxiv_id="2305.18290", arxiv_version=3)
    ReferenceFactory(article=stale, title="DPO v1", url="", arxiv_id="2305.18290", arxiv_version=1)
    ReferenceFactory(article=stale, title="DPO unversioned", url="", arxiv_id="2305.18290")
    now = timezone.now()
    SourceLink.objects.create(url="https://gone.example/paper", status="dead", http_status=404,
                              failing_since=now - timedelta(days=2), checked_at=now)
    SourceLink.objects.create(url="https://old.example/paper", status="moved", http_status=200,
                              final_url="https://new.example/paper", checked_at=now)
    SourceLink.objects.create(url="https://live.example/", status="ok", http_status=200, checked_at=now)
    return fresh, stale


def test_the_queue_lists_dead_and_moved_sources_overdue_reviews_and_outdated_arxiv_versions(site):
    items = attention.needs_attention()
    assert kinds(items) == [("link", "Fresh"), ("link", "Fresh"), ("review", "Stale"), ("arxiv", "Stale")]
    assert "Dead: “Dead source”" in items[0].summary
    assert "https://new.example/paper" in items[1].summary
    assert "while another article cites v3" in items[3].summary
    assert attention.counts(items) == {"link": 2, "review": 1, "arxiv": 1}


def test_review_period_follows_the_setting(site, settings):
    settings.EDITORIAL_REVIEW_MONTHS = 1200
    assert "review" not in [item.kind for item in attention.needs_attention()]


def test_a_handled_row_stays_away_until_what_it_reports_changes(site, client):
    editor = EditorFactory()
    client.force_login(editor)
    review = next(item for item in attention.needs_attention() if item.kind == "review")
    response = client.post(HANDLED, {"key": review.key}, follow=True)
    assert "Marked as handled" in response.content.decode()
    assert HandledAttention.objects.get().handled_by == editor
    assert "review" not in [item.kind for item in attention.needs_attention()]

    # Replayed: the row is gone, nothing more is recorded.
    response = client.post(HANDLED, {"key": review.key}, follow=True)
    assert "no longer in the queue" in response.content.decode()
    assert HandledAttention.objects.count() == 1

    # The review date changes but is still overdue: the row is back.
    fresh, stale = site
    stale.last_reviewed -= timedelta(days=1)
    stale.save()
    assert "review" in [item.kind for item in attention.needs_attention()]


def test_a_made_up_key_is_refused_without_a_row(site, client):
    client.force_login(EditorFactory())
    response = client.post(HANDLED, {"key": "review:1:" + "0" * 500}, follow=True)
    assert response.status_code == 200
    assert not HandledAttention.objects.exists()


def test_the_queue_page_links_each_row_to_its_article(site, client):
    client.force_login(EditorFactory())
    content = client.get(QUEUE).content.decode()
    fresh, stale = site
    assert content.count(reverse("admin:articles_article_change", args=[fresh.pk])) == 2
    assert content.count(reverse("admin:articles_article_change", args=[stale.pk])) == 2
    assert content.count("Mark handled") == 4


def test_writers_cannot_open_or_change_the_queue(site, client):
    client.force_login(WriterFactory())
    assert client.get(QUEUE).status_code == 403
    key = attention.needs_attention()[0].key
    assert client.post(HANDLED, {"key": key}).status_code == 403
    assert client.get(HANDLED).status_code in (403, 405)
    assert not HandledAttention.objects.exists()


def test_the_calendar_counts_the_queue_for_editors_only(site, client):
    client.force_login(EditorFactory())
    content = client.get(reverse("admin:articles_article_calendar")).content.decode()
    assert "2 dead or moved sources, 1 review overdue, 1 outdated arXiv version" in content
    client.force_login(WriterFactory())
    assert "dead or moved" not in client.get(reverse("admin:articles_article_calendar")).content.decode()


def test_the_demo_records_a_dead_source_and_an_article_due_for_review_without_any_request(client, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the demo loader opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    call_command("load_demo_content", stdout=None)
    items = attention.needs_attention()
    assert [item.reference.title for item in items if item.kind == "link"] == [
        "Kirkpatrick Partners: The Kirkpatrick Model"
    ]
    assert [item.article.slug for item in items if item.kind == "review"] == ["what-post-training-means"]
    client.force_login(EditorFactory())
    content = client.get(QUEUE).content.decode()
    assert "Dead: “Kirkpatrick Partners: The Kirkpatrick Model”" in content
    assert "One word, three disciplines" in content

    # The demo's citations are numbered on the reader page.
    page = client.get(reverse("articles:detail", args=["dpo-and-its-successors"])).content.decode()
    assert '<sup class="citation" id="cite-1-2"><a href="#ref-1"' in page
