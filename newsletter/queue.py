"""The one place the newsletter queues Celery tasks: by name, after commit, never failing the caller.

Services name the task they queue instead of importing `tasks.py`: the tasks import the services they call, so
importing them back would make a cycle. `NewsletterConfig.ready()` imports `tasks.py`, so every process knows them.
"""

from django.db import transaction

from posttrain import queue


def enqueue(task_name, *args, countdown=None):
    """Queue `newsletter.tasks.<task_name>`; a broker outage is logged, not raised: a periodic sweep picks it up."""
    return queue.enqueue(f"newsletter.tasks.{task_name}", *args, countdown=countdown)


def enqueue_on_commit(task_name, *args):
    """Queue once the current transaction commits, so the worker never looks for rows it cannot see yet."""
    transaction.on_commit(lambda: enqueue(task_name, *args))
