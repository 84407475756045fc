from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def test_word_count_treats_block_ends_as_word_breaks():
    article = ArticleFactory(body="<h2>Title</h2><p>One two.</p><p>Three</p><ul><li>four</li><li>five</li></ul>")

    assert article.word_count == 6


def test_word_count_follows_body_on_update_fields_save():
    article = ArticleFactory(body="<p>one</p>")
    article.body = "<p>one</p><p>two three</p>"

    article.save(update_fields=["body"])

    assert Article.objects.get(pk=article.pk).word_count == 3


def test_display_status_says_scheduled_until_the_time_comes():
    with time_machine.travel("2026-09-01 12:00Z", tick=False):
        article = ArticleFactory(publish_date=timezone.now() + timedelta(hours=1))
        assert article.display_status == "Scheduled"
        assert not article.is_published()
    with time_machine.travel("2026-09-01 13:00Z", tick=False):
        assert article.display_status == "Published"
        assert article.is_published()


def test_published_and_scheduled_querysets_split_at_now():
    with time_machine.travel("2026-09-01 12:00Z", tick=False):
        live = ArticleFactory(publish_date=timezone.now())
        later = ArticleFactory(publish_date=timezone.now() + timedelta(seconds=1))
        ArticleFactory(draft=True)
        ArticleFactory(in_review=True)
        ArticleFactory(unpublished=True)

        assert list(Article.objects.published()) == [live]
        assert list(Article.objects.scheduled()) == [later]


def test_published_article_must_have_a_date():
    with pytest.raises(IntegrityError):
        ArticleFactory(status=Article.Status.PUBLISHED, publish_date=None)


def test_one_article_per_part_of_a_series():
    series = SeriesFactory()
    ArticleFactory(series=series, part=1)

    with pytest.raises(IntegrityError):
        ArticleFactory(series=series, part=1)
