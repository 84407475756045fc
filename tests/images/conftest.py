import pytest


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """The rendition task runs where it is queued (after commit), as it would in a worker, also when the run has a
    broker (CELERY_BROKER_URL for the PostgreSQL + Redis runs) but no worker."""
    from posttrain.celery import app as celery_app

    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager
