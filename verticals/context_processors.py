from django.conf import settings

from posttrain.cache import cached_by_generation

from .models import SiteSettings, Vertical


def _navigation():
    return [(vertical.name, vertical.get_absolute_url()) for vertical in Vertical.objects.all()]


def site(request):
    """Site settings and the vertical navigation for every page, from the cache (no query on a warm cache)."""
    return {
        "site_settings": SiteSettings.load(),
        "SITE_URL": settings.SITE_URL,
        "nav_verticals": cached_by_generation("nav-verticals", _navigation),
    }
