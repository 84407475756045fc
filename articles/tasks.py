"""Thin Celery entry points for the articles app; the work is in plain modules tests call directly."""

from celery import shared_task

from . import source_health


@shared_task(name="articles.tasks.check_source_links")
def check_source_links():
    """Beat: check the cited addresses that are due. Safe to run twice at once: each address is claimed first."""
    return source_health.check_due_links()
