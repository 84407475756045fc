from anymail.signals import tracking
from django.apps import AppConfig

from posttrain.cache import register_fresh_field


class NewsletterConfig(AppConfig):
    name = "newsletter"

    def ready(self):
        # These import the models, which cannot load before the app registry is ready.
        from . import tasks  # noqa: F401  registers the tasks that queue.enqueue() finds by name, in every process
        from .admin_articles import add_article_action
        from .forms import signed_now
        from .webhooks import handle_tracking

        tracking.connect(handle_tracking, dispatch_uid="newsletter.suppress_on_bounce")
        # The signup form's signed start time must be made for each reader, not frozen in a cached page.
        register_fresh_field("started", lambda request: signed_now())
        add_article_action()
