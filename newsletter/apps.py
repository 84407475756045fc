from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"

    def ready(self):
        from anymail.signals import tracking

        from .webhooks import handle_tracking

        tracking.connect(handle_tracking, dispatch_uid="newsletter.suppress_on_bounce")
