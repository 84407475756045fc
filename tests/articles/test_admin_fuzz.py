"""Arbitrary input to the editorial admin's own forms and URLs never gives a 5xx and never moves an article."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, ArticleTransition
from tests.articles.adminforms import step
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

nasty_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "\x00", "2026-02-30T10:00", "9999-12-31T23:59", "0000-01-01T00:00", "1e309", "%00"]),
    st.text(alphabet="0123456789-T:", max_size=25),
)


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(EditorFactory())
    return client


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(publish_at=nasty_text, comment=nasty_text)
def test_schedule_form_never_crashes_and_never_schedules_the_past(editor_client, publish_at, comment):
    article = ArticleFactory(in_review=True)
    response = step(editor_client, article, "schedule", {"publish_at": publish_at, "comment": comment})

    assert response.status_code in (302, 400)
    article.refresh_from_db()
    if response.status_code == 400:
        assert article.status == Article.Status.REVIEW
        assert not ArticleTransition.objects.filter(article=article).exists()
    else:
        assert article.is_scheduled()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=nasty_text)
def test_request_changes_never_crashes(editor_client, comment):
    article = ArticleFactory(in_review=True)
    response = step(editor_client, article, "request_changes", {"comment": comment})

    assert response.status_code in (302, 400)
    moved = Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert moved == (response.status_code == 302)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=nasty_text, new=nasty_text)
def test_compare_page_never_crashes(editor_client, old, new):
    article = ArticleFactory(draft=True)

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": old, "to": new}
    )

    assert response.status_code in (200, 400, 404)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=nasty_text)
def test_button_comments_never_crash(editor_client, comment):
    article = ArticleFactory(in_review=True)

    response = step(editor_client, article, "publish", {"comment": comment})

    assert response.status_code in (302, 400)
    assert Article.objects.published().filter(pk=article.pk).exists() == (response.status_code == 302)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("admin:articles_article_changelist", {"q": "ab\x00cd"}),
        ("admin:articles_article_changelist", {"tag": "x\x00y"}),
        ("admin:articles_article_changelist", {"status": "\x00"}),
        ("admin:articles_article_tag_suggestions", {"q": "ab\x00cd"}),
        ("admin:articles_series_changelist", {"q": "\x00"}),
        ("admin:articles_author_changelist", {"q": "\x00"}),
        ("admin:articles_resource_changelist", {"q": "\x00"}),
        ("admin:articles_glossaryterm_changelist", {"q": "\x00"}),
        ("admin:articles_previewlink_changelist", {"q": "\x00"}),
        ("admin:articles_slugredirect_changelist", {"q": "\x00"}),
        ("admin:verticals_vertical_changelist", {"q": "\x00"}),
        ("admin:taggit_tag_changelist", {"q": "\x00"}),
        (
            "admin:autocomplete",
            {"term": "ab\x00", "app_label": "articles", "model_name": "article", "field_name": "series"},
        ),
        (
            "admin:autocomplete",
            {"term": "ab\x00", "app_label": "articles", "model_name": "article", "field_name": "authors"},
        ),
    ],
)
def test_nul_bytes_in_admin_searches_and_filters_are_not_a_crash(editor_client, name, params):
    ArticleFactory(tags=["rlhf"])

    response = editor_client.get(reverse(name), params)

    assert response.status_code in (200, 302, 400)
