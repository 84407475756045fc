"""The e-mail provider's bounce and complaint events (newsletter/webhooks.py)."""


import base64
import hashlib
import hmac
import importlib
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

import newsletter.urls
from newsletter import bounces, subscriptions
from newsletter.models import Campaign, ConsentRecord, Delivery, ProviderEvent, Subscriber

from .factories import CampaignFactory, DeliveryFactory, SubscriberFactory

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


# --- Through anymail's real webhook view, with Mailgun's signed payloads ------------------------------------------

SIGNING_KEY = "test-webhook-signing-key"
MAILGUN_URL = "/newsletter/esp/mailgun/tracking/"


def mailgun_payload(event, recipient, *, token, delivery_id=None, key=SIGNING_KEY, **event_data):
    """A tracking event in the shape Mailgun posts (and anymail's own tests use), signed as Mailgun signs it."""
    timestamp = "1534110422"
    data = {
        "signature": {
            "timestamp": timestamp,
            "token": token,
            "signature": hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest(),
        },
        "event-data": {
            "event": event,
            "recipient": recipient,
            "timestamp": 1534110422.389832,
            "id": "hTWCTD81RtiDN-" + token[:6],
            "user-variables": {"newsletter_delivery": str(delivery_id)} if delivery_id else {},
            "message": {"headers": {"to": recipient, "message-id": "20180812214658.1.0DF563D0B3597700@example.org"}},
            **event_data,
        },
    }
    return json.dumps(data)


BOUNCE = {
    "severity": "permanent",
    "reason": "bounce",
    "delivery-status": {"code": 550, "message": "5.1.1 The email account that you tried to reach does not exist."},
}


@pytest.fixture
def mailgun(settings, client):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY, "WEBHOOK_SECRET": "esp:shared-secret"}
    settings.ROOT_URLCONF = "tests.newsletter.esp_urls"
    credentials = base64.b64encode(b"esp:shared-secret").decode()

    def post(body, auth=credentials):
        headers = {"HTTP_AUTHORIZATION": f"Basic {auth}"} if auth else {}
        return client.post(MAILGUN_URL, body, content_type="application/json", **headers)

    return post


def sent_delivery(reader):
    campaign = CampaignFactory(status=Campaign.Status.SENT)
    return DeliveryFactory(campaign=campaign, subscriber=reader, status=Delivery.Status.SENT)


@pytest.mark.parametrize(("event", "extra", "reason", "outcome"), [
    ("failed", BOUNCE, "bounce", "bounced_at"),
    ("complained", {}, "complaint", "complained_at"),
])
def test_signed_bounce_or_complaint_suppresses_once_and_a_replay_changes_nothing(
    mailgun, admin_user, event, extra, reason, outcome
):
    reader = SubscriberFactory(email="invalid@example.com")
    delivery = sent_delivery(reader)
    body = mailgun_payload(event, "Invalid@Example.com", token="651869375b9df3c98fc15c4889b1021",
                           delivery_id=delivery.pk, **extra)
    assert mailgun(body).status_code == 200
    reader.refresh_from_db()
    assert reader.is_suppressed and reader.unsubscribe_reason == reason
    assert reader.suppression_detail.startswith("Mailgun: ")
    delivery.refresh_from_db()
    assert getattr(delivery, outcome) is not None
    stamped = getattr(delivery, outcome)
    figures = bounces.figures(delivery.campaign)
    assert figures["bounced" if reason == "bounce" else "complained"] == 1
    assert reader.consent_records.filter(kind=ConsentRecord.Kind.SUPPRESSION).count() == 1

    # An editor lifts the suppression; the provider (or an attacker who recorded it) replays the same event.
    subscriptions.lift_suppression(reader, admin_user)
    assert mailgun(body).status_code == 200
    reader.refresh_from_db()
    assert not reader.is_suppressed and reader.unsubscribe_reason == Subscriber.UnsubscribeReason.LIFTED
    assert reader.consent_records.filter(kind=ConsentRecord.Kind.SUPPRESSION).count() == 1
    delivery.refresh_from_db()
    assert getattr(delivery, outcome) == stamped
    assert ProviderEvent.objects.count() == 1


@pytest.mark.parametrize("tamper", ["signature", "key", "auth", "no-auth"])
def test_a_forged_or_unsigned_webhook_is_refused_and_changes_nothing(mailgun, tamper):
    reader = SubscriberFactory(email="invalid@example.com")
    token = "a" * 50
    body = mailgun_payload("failed", reader.email, token=token, **BOUNCE)
    if tamper == "signature":
        body = body.replace(token, "b" * 50, 1)  # the token no longer matches its signature
    elif tamper == "key":
        body = mailgun_payload("failed", reader.email, token=token, key="not-our-key", **BOUNCE)
    auth = {"auth": base64.b64encode(b"esp:guess").decode(), "no-auth": ""}.get(tamper)
    response = mailgun(body, auth) if auth is not None else mailgun(body)
    assert response.status_code in (400, 401, 403)
    reader.refresh_from_db()
    assert reader.is_confirmed
    assert not ProviderEvent.objects.exists()


def test_an_event_naming_someone_elses_delivery_marks_no_delivery(mailgun):
    reader, other = SubscriberFactory(email="invalid@example.com"), SubscriberFactory()
    others_delivery = sent_delivery(other)
    mailgun(mailgun_payload("failed", reader.email, token="c" * 40, delivery_id=others_delivery.pk, **BOUNCE))
    others_delivery.refresh_from_db()
    assert others_delivery.bounced_at is None
    reader.refresh_from_db()
    assert reader.is_suppressed
