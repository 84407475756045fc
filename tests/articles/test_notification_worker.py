"""Notifications through the real path: the step commits, the task goes to Redis, a Celery worker sends by SMTP."""

import pytest

from articles import workflow
from articles.models import Notification
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory
from tests.newsletter.test_integration import smtp_sink, start_worker, wait_for  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.postgres, pytest.mark.celery_worker]


def test_a_submission_reaches_every_editor_by_smtp_once_with_a_plain_text_part(start_worker, smtp_sink):  # noqa: F811
    editors = [EditorFactory(username=f"desk{n}") for n in range(3)]
    writer = WriterFactory(username="penny")
    article = ArticleFactory(draft=True, created_by=writer, title="Rejection sampling, step by step")
    worker = start_worker(concurrency=1)

    workflow.submit_for_review(article, writer)  # autocommit: queued as the step commits

    wait_for(lambda: smtp_sink.handler.count() >= 3, 60, message="three notifications at the SMTP sink")
    wait_for(lambda: not Notification.objects.filter(state="pending").exists(), 30, message="rows stamped sent")
    received = smtp_sink.handler.messages()
    assert sorted(rcpt for rcpts, _ in received for rcpt in rcpts) == sorted(e.email for e in editors)
    for _, message in received:
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert "penny submitted “Rejection sampling, step by step” for review." in text
        assert message.get_body(preferencelist=("html",)) is not None
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}
    assert "succeeded" in worker.log()
