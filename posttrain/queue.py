"""Queueing Celery tasks by name, after commit, never failing the caller.

Services name the task they queue instead of importing the `tasks` module that imports them back. The name resolves
through the Celery app's registry, which holds a task once its module is imported (each app's AppConfig.ready()
imports its tasks; the worker autodiscovers them).
"""

import logging

from django.db import transaction

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def enqueue(task_name, *args, countdown=None):
    """Queue the task; a broker outage is logged, not raised: each app's periodic sweep picks the work up."""
    task = celery_app.tasks[task_name]
    try:
        task.apply_async(args=args, countdown=countdown, retry=False)
    except Exception:
        logger.exception("Could not queue %s%r; the periodic sweep will pick it up", task.name, args)
        return False
    return True


def enqueue_on_commit(task_name, *args):
    """Queue once the current transaction commits, so the worker never looks for rows it cannot see yet."""
    transaction.on_commit(lambda: enqueue(task_name, *args))
