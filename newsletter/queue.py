"""The one place the newsletter queues Celery tasks: by name, after commit, never failing the caller.

Services name the task they queue instead of importing `tasks.py`: the tasks import the services they call, so
importing them back would make a cycle. The name resolves through the Celery app's registry, which holds every
task of this app in every process (`NewsletterConfig.ready()` imports `tasks.py`; the worker autodiscovers it).
"""

import logging

from django.db import transaction

from posttrain.celery import app as celery_app

logger = logging.getLogger(__name__)


def enqueue(task_name, *args, countdown=None):
    """Queue `newsletter.tasks.<task_name>`; a broker outage is logged, not raised: a periodic sweep picks it up."""
    task = celery_app.tasks[f"newsletter.tasks.{task_name}"]
    try:
        task.apply_async(args=args, countdown=countdown, retry=False)
    except Exception:
        logger.exception("Could not queue %s%r; the periodic sweep will pick it up", task.name, args)
        return False
    return True


def enqueue_on_commit(task_name, *args):
    """Queue once the current transaction commits, so the worker never looks for rows it cannot see yet."""
    transaction.on_commit(lambda: enqueue(task_name, *args))
