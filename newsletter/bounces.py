"""Bounces and complaints: what a refusal from the SMTP server or an event from the e-mail provider does to a
subscriber and to a campaign's figures.

- A permanent refusal of the recipient (5xx on RCPT or DATA, or the provider refusing the recipient at send time)
  is a hard bounce: the delivery is marked bounced and the address suppressed at once, with the server's answer.
- A temporary refusal of the recipient (4xx on RCPT or DATA) that lasts through every retry is a soft bounce;
  `NEWSLETTER_SOFT_BOUNCE_LIMIT` of them in a row (campaigns, not attempts) suppress. A message the server accepts
  starts the count again. Connection trouble and a refused sender are not about the recipient and count nothing.
- A provider's bounce or complaint event (anymail's `tracking` signal, newsletter/webhooks.py) suppresses and marks
  the delivery it names; each event acts once, however often it is replayed.

A suppressed address is unsubscribed with reason bounce or complaint: no campaign or digest selects it (they mail
confirmed subscribers only, and each message checks the reader's status under a row lock just before it goes out),
and no public signup brings it back (subscriptions.process_signup). Only an editor's lift does, on record.
"""

import hashlib
import hmac
import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from . import subscriptions
from .addresses import normalise_email_or_lower
from .models import Delivery, ProviderEvent, Subscriber

HARD, SOFT = "hard", "soft"


def refusal_kind(exc):
    """HARD or SOFT when the mail server refused this recipient (on RCPT or DATA), else None."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code = next(iter(exc.recipients.values()), (None, b""))[0]
    elif isinstance(exc, smtplib.SMTPDataError):
        code = exc.smtp_code
    elif type(exc).__name__ == "AnymailRecipientsRefused":
        # The provider refused every recipient at send time (its own suppression list, an invalid mailbox).
        return HARD
    else:
        return None
    if not isinstance(code, int):
        return None
    if 500 <= code < 600:
        return HARD
    if 400 <= code < 500:
        return SOFT
    return None


def hard_bounce(delivery, reason):
    """The server refused the recipient for good: mark the delivery bounced and suppress the address."""
    Delivery.objects.filter(pk=delivery.pk, bounced_at__isnull=True).update(bounced_at=timezone.now())
    if delivery.subscriber_id:
        subscriptions.suppress_subscriber(delivery.subscriber_id, Subscriber.UnsubscribeReason.BOUNCE, reason)


def soft_bounce(delivery, reason):
    """The retries ran out on temporary refusals of the recipient: one more soft bounce in a row."""
    if not delivery.subscriber_id:
        return False
    Subscriber.objects.filter(pk=delivery.subscriber_id).update(soft_bounces=F("soft_bounces") + 1)
    count = Subscriber.objects.filter(pk=delivery.subscriber_id).values_list("soft_bounces", flat=True).first()
    if count is not None and count >= settings.NEWSLETTER_SOFT_BOUNCE_LIMIT:
        detail = f"{count} soft bounces in a row; the last: {reason}"
        return subscriptions.suppress_subscriber(delivery.subscriber_id, Subscriber.UnsubscribeReason.BOUNCE, detail)
    return False


def accepted(delivery):
    """The server took a message: the soft bounces in a row start again (only written when there were some)."""
    subscriber = delivery.subscriber
    if subscriber is not None and subscriber.soft_bounces:
        Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=0)


# --- The provider's events ---------------------------------------------------------------------------------------

def event_key(event):
    """The provider's own id of the event, or a keyed hash of what identifies it when the provider gives none."""
    if event.event_id:
        return str(event.event_id)[:200]
    identity = "|".join(
        str(part or "") for part in (event.event_type, event.recipient, event.timestamp, event.message_id)
    )
    return "h:" + hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()


def _first_time(esp_name, event):
    """Record the event; False if it was already acted on (a replay, or the provider sending it twice)."""
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(esp_name=esp_name[:40], event_key=event_key(event),
                                         event_type=str(event.event_type)[:20])
    except IntegrityError:
        return False
    return True


def _delivery_named(event, email):
    """The delivery the event is about: its id travels as the message's metadata (anymail sends it to the provider,
    which returns it in its events), and must belong to the event's recipient."""
    delivery_id = str((event.metadata or {}).get("newsletter_delivery", ""))
    if not delivery_id.isdigit() or len(delivery_id) > 18:
        return Delivery.objects.none()
    return Delivery.objects.filter(pk=int(delivery_id), subscriber__email=email)


def provider_event(esp_name, event, reason):
    """Act on a bounce, complaint or unsubscribe event, once. Returns whether it was acted on."""
    if not event.recipient:
        return False
    email = normalise_email_or_lower(event.recipient)
    with transaction.atomic():
        if not _first_time(esp_name, event):
            return False
        now = timezone.now()
        delivery = _delivery_named(event, email)
        if reason == Subscriber.UnsubscribeReason.COMPLAINT:
            delivery.filter(complained_at__isnull=True).update(complained_at=now)
        elif reason == Subscriber.UnsubscribeReason.BOUNCE:
            delivery.filter(bounced_at__isnull=True).update(bounced_at=now)
        detail = f"{esp_name}: {event.event_type}"
        description = event.description or event.mta_response or event.reject_reason
        if description:
            detail += f" ({description})"
        subscriptions.suppress(email, reason, detail=detail)
    return True


# --- Figures -----------------------------------------------------------------------------------------------------

def figures(campaign):
    """Delivered, bounced, complained, skipped and failed for one campaign, in one query. A message the server
    accepted counts as delivered unless it bounced later; a complaint is about a delivered message."""
    sent = Q(status=Delivery.Status.SENT)
    bounced = Q(bounced_at__isnull=False)
    return campaign.deliveries.aggregate(
        delivered=Count("pk", filter=sent & ~bounced),
        bounced=Count("pk", filter=bounced),
        complained=Count("pk", filter=Q(complained_at__isnull=False)),
        skipped=Count("pk", filter=Q(status=Delivery.Status.SKIPPED)),
        failed=Count("pk", filter=Q(status=Delivery.Status.FAILED) & ~bounced),
    )
