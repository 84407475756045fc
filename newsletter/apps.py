from anymail.signals import tracking
from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"

    def ready(self):
        # These import the models, which cannot load before the app registry is ready.
        from . import tasks  # noqa: F401  registers the tasks that queue.enqueue() finds by name, in every process
        from .admin_articles import add_article_action
        from .webhooks import handle_tracking

        tracking.connect(handle_tracking, dispatch_uid="newsletter.suppress_on_bounce")
        add_article_action()
