"""Receivers that keep the cached site settings row current (connected in verticals.apps).

``SiteSettings.load()`` caches the row with its social links; an edit of either must not wait for it to expire.
"""

from django.core.cache import cache

from .models import SiteSettings


def drop_cached_site_settings(**kwargs):
    cache.delete(SiteSettings.CACHE_KEY)
