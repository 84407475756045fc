from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from posttrain import cache

        from . import slugs

        slugs.connect_signals()
        cache.connect_signals()
        try:
            from newsletter.forms import signed_now
        except ImportError:  # the newsletter app may rename it; its form then works, only less strictly timed
            pass
        else:
            # The signup form's signed start time must be fresh per reader, not frozen in a cached page.
            cache.register_fresh_field("started", lambda request: signed_now())
