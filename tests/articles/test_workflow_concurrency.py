"""Two editors press Publish at the same moment: the conditional UPDATE lets exactly one of them win."""

import threading

import pytest
from django.db import connection

from articles import workflow
from articles.models import Article, ArticleTransition
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def test_parallel_publishes_record_one_transition():
    article = ArticleFactory(in_review=True)
    editors = [EditorFactory() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def press_publish(editor):
        try:
            copy = Article.objects.get(pk=article.pk)
            barrier.wait(timeout=10)
            workflow.publish(copy, editor)
            outcomes.append("published")
        except workflow.WorkflowError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=press_publish, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["published"] + ["refused"] * (THREADS - 1)
    assert ArticleTransition.objects.filter(article=article).count() == 1
    assert Article.objects.published().filter(pk=article.pk).exists()
