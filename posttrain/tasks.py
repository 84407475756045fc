"""Thin Celery entry points for the infrastructure; the work lives in the module each one calls."""

import logging

from celery import shared_task
from django.conf import settings

from . import frontend_cache

logger = logging.getLogger(__name__)


@shared_task(name=frontend_cache.PURGE_TASK, bind=True, max_retries=None)
def purge_frontend_cache(self, keys, locations=None, again=True):
    """Purge content keys from the shared caches; only the caches that failed are tried again. Safe to run twice.

    A reader's request that read the content just before the commit can reach the cache just after the purge and
    store the old page again. One more purge a moment later (FRONTEND_CACHE_REPURGE_SECONDS) drops that copy.
    """
    try:
        frontend_cache.purge(keys, locations)
        if again and settings.FRONTEND_CACHE_REPURGE_SECONDS > 0:
            self.apply_async(args=[keys, None, False], countdown=settings.FRONTEND_CACHE_REPURGE_SECONDS,
                             retry=False)
    except frontend_cache.PurgeFailed as failed:
        attempt = self.request.retries + 1
        if failed.retryable and attempt < settings.FRONTEND_CACHE_PURGE_ATTEMPTS:
            delay = frontend_cache.retry_delay(attempt)
            logger.warning("Purge attempt %d of %d failed (%s); trying again in %g s",
                           attempt, settings.FRONTEND_CACHE_PURGE_ATTEMPTS, failed, delay)
            raise self.retry(args=[keys, failed.retryable, again], countdown=delay) from failed
        logger.error("Gave up purging %d content key(s) after %d attempt(s): %s; readers may see the old pages "
                     "until their s-maxage runs out", len(keys), attempt, failed)
