"""Bounces and complaints from an e-mail service provider, through django-anymail's normalised tracking events.

Anymail's `tracking` signal is its documented integration point. Anymail's webhook views check the request first
(the shared basic-auth secret, `ANYMAIL_WEBHOOK_SECRET`, and the provider's own signature where it has one, e.g.
Mailgun's `ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY`), so an unsigned or forged request never reaches this receiver.
A hard bounce, a complaint or the provider's own suppression stops all mail to the address; bounces.py records the
event so that a replay of it changes nothing.
"""

import logging

from anymail.signals import EventType

from . import bounces
from .models import Subscriber

logger = logging.getLogger(__name__)

SUPPRESSING_EVENTS = {
    EventType.BOUNCED: Subscriber.UnsubscribeReason.BOUNCE,
    EventType.REJECTED: Subscriber.UnsubscribeReason.BOUNCE,
    EventType.COMPLAINED: Subscriber.UnsubscribeReason.COMPLAINT,
    EventType.UNSUBSCRIBED: Subscriber.UnsubscribeReason.ONE_CLICK,
}


def handle_tracking(sender, event, esp_name, **kwargs):
    reason = SUPPRESSING_EVENTS.get(event.event_type)
    if reason is None or not event.recipient:
        return
    if bounces.provider_event(esp_name, event, reason):
        logger.info("%s reported %s: address suppressed", esp_name, event.event_type)
