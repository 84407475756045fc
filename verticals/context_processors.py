from django.conf import settings

from posttrain.cache import cached_by_generation

from .models import SiteSettings, SocialLink, Vertical


def _navigation():
    return [(vertical.name, vertical.get_absolute_url()) for vertical in Vertical.objects.all()]


def _social_links():
    return [(link.label, link.url) for link in SocialLink.objects.all()]


def site(request):
    """Site settings, navigation and social links for every page, from the cache (no query once warm)."""
    return {
        "site_settings": cached_by_generation("site-settings", SiteSettings.load),
        "SITE_URL": settings.SITE_URL,
        "nav_verticals": cached_by_generation("nav-verticals", _navigation),
        "social_links": cached_by_generation("social-links", _social_links),
    }
