"""Celery tasks run inline in these tests even when the suite has a broker (the PostgreSQL + Redis run)."""

import pytest

from posttrain.celery import app as celery_app


@pytest.fixture
def inline_tasks():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
