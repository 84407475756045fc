from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from posttrain import cache


class VerticalsConfig(AppConfig):
    name = "verticals"

    def ready(self):
        # Models can be imported only once the app registry is ready: so here, not at the top of this file.
        from . import signals
        from .models import SiteSettings, SocialLink, Vertical

        cache.register_content_models(Vertical, SiteSettings, SocialLink)
        for model in (SiteSettings, SocialLink):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    signals.drop_cached_site_settings,
                    sender=model,
                    dispatch_uid=f"verticals.site-settings-{name}-{model._meta.label}",
                )
