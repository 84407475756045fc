"""The e-mail provider's bounce and complaint events (newsletter/webhooks.py)."""


import importlib

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

import newsletter.urls
from newsletter.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("event_type", "reason"), [("bounced", "bounce"), ("complained", "complaint")])
def test_provider_bounce_or_complaint_suppresses_the_address(event_type, reason):
    reader = SubscriberFactory(email="bouncy@example.org")
    event = AnymailTrackingEvent(event_type=event_type, recipient="Bouncy@Example.org")
    tracking.send(sender=object, event=event, esp_name="TestESP")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribe_reason == reason


def test_provider_delivered_event_changes_nothing():
    reader = SubscriberFactory()
    tracking.send(sender=object, event=AnymailTrackingEvent(event_type="delivered", recipient=reader.email),
                  esp_name="TestESP")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_provider_webhook_urls_exist_only_with_an_anymail_backend(settings):
    try:
        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        with_esp = importlib.reload(newsletter.urls)
        assert any(str(p.pattern) == "esp/" for p in with_esp.urlpatterns)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        without = importlib.reload(newsletter.urls)
        assert not any(str(p.pattern) == "esp/" for p in without.urlpatterns)
    finally:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        importlib.reload(newsletter.urls)
