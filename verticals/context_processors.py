from django.conf import settings

from .models import SiteSettings


def site(request):
    """Site settings for the header, footer and meta tags of every page."""
    return {"site_settings": SiteSettings.load(), "SITE_URL": settings.SITE_URL}
