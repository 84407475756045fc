"""Bounces and complaints from an e-mail service provider, through django-anymail's normalised tracking events.

Anymail's `tracking` signal is its documented integration point; a hard bounce, a complaint or the provider's own
suppression stops all mail to the address.
"""

import logging

from anymail.signals import EventType

from . import subscriptions
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
    if subscriptions.suppress(event.recipient, reason) is not None:
        logger.info("%s reported %s: address suppressed", esp_name, event.event_type)
