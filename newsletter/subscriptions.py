"""A reader's life on the list: sign up, confirm, welcome, unsubscribe, suppression by the provider, erasure."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import emails
from .consent import CONSENT_TEXT_VERSION
from .models import DailyStat, Delivery, Subscriber, hash_ip
from .queue import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

CONFIRMATION_INTERVAL = timedelta(hours=1)


def sign_up(email, *, interests=(), source="", ip="", user_agent=""):
    """Record a signup and queue its confirmation. The caller shows the same answer whatever happened here."""
    now = timezone.now()
    consent = {
        "consented_at": now,
        "consent_text_version": CONSENT_TEXT_VERSION,
        "ip_hash": hash_ip(ip),
        # A header is whatever the client sent: PostgreSQL refuses NUL in text, and control characters mean nothing.
        "user_agent": "".join(ch for ch in (user_agent or "") if ch.isprintable())[:300],
    }
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email=email, defaults={"source": source[:200], "created_at": now, **consent}
        )
        if created:
            DailyStat.bump("signups")
        elif subscriber.status == Subscriber.Status.CONFIRMED:
            # Nothing to do, and nothing a stranger may change about a confirmed reader.
            return subscriber
        else:
            if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
                DailyStat.bump("signups")
            for field, value in consent.items():
                setattr(subscriber, field, value)
            subscriber.status = Subscriber.Status.PENDING
            subscriber.unsubscribed_at = None
            subscriber.unsubscribe_reason = Subscriber.UnsubscribeReason.NONE
            subscriber.save(
                update_fields=[*consent, "status", "unsubscribed_at", "unsubscribe_reason"]
            )
        subscriber.interests.set(interests)
        enqueue_on_commit("send_confirmation", subscriber.pk)
    return subscriber


def send_confirmation(subscriber_id):
    """Send the double opt-in e-mail, at most once an hour per address, whoever asks how often.

    The hourly cap is a conditional UPDATE: of any number of concurrent callers exactly one claims the slot.
    Returns whether a mail went out.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
        return False
    now = timezone.now()
    previous = subscriber.confirmation_sent_at
    claimed = (
        Subscriber.objects.pending()
        .filter(pk=subscriber_id)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lte=now - CONFIRMATION_INTERVAL))
        .update(confirmation_sent_at=now)
    )
    if not claimed:
        return False
    try:
        emails.send_templated("confirm", subscriber, {"confirm_url": emails.confirm_url(subscriber)})
    except Exception:
        # Give the slot back so the periodic sweep sends it once the mail server answers again.
        Subscriber.objects.filter(pk=subscriber_id, confirmation_sent_at=now).update(confirmation_sent_at=previous)
        raise
    return True


def resend_confirmation(subscriber):
    """An expired confirmation link asked for a new one; the hourly cap in send_confirmation still applies."""
    if subscriber.status == Subscriber.Status.PENDING:
        # Nothing was written here, so there is no commit to wait for.
        enqueue("send_confirmation", subscriber.pk)


def send_unsent_confirmations(older_than=None):
    """The sweep behind "a signup is never lost": confirmations that were never sent, e.g. while the broker was down."""
    older_than = timedelta(seconds=settings.NEWSLETTER_CONFIRMATION_SWEEP_AFTER) if older_than is None else older_than
    ids = Subscriber.objects.confirmation_never_sent(
        older_than=older_than, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE
    ).values_list("pk", flat=True)
    sent = 0
    for subscriber_id in list(ids[:1000]):
        try:
            sent += send_confirmation(subscriber_id)
        except Exception:
            logger.exception("Confirmation to subscriber %s failed; the next sweep tries again", subscriber_id)
    return sent


def confirm(subscriber):
    """Pending → confirmed; sends the welcome e-mail. Returns False if it was not pending (a second click)."""
    confirmed = Subscriber.objects.pending().filter(pk=subscriber.pk).update(
        status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    if confirmed:
        DailyStat.bump("confirmations")
        enqueue_on_commit("send_welcome", subscriber.pk)
    subscriber.refresh_from_db()
    return bool(confirmed)


def send_welcome(subscriber_id):
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is not None:
        emails.send_templated("welcome", subscriber)


def unsubscribe(subscriber, reason=Subscriber.UnsubscribeReason.READER):
    """Idempotent: a second unsubscribe changes nothing. Deliveries not yet sent are skipped by the sender."""
    done = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=Subscriber.Status.UNSUBSCRIBED)
        .update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now(), unsubscribe_reason=reason)
    )
    if done:
        DailyStat.bump("unsubscribes")
    return bool(done)


def suppress(email, reason):
    """A bounce or complaint from the e-mail provider: stop mailing the address."""
    subscriber = Subscriber.objects.filter(email=email.strip().lower()).first()
    if subscriber is not None:
        unsubscribe(subscriber, reason)
    return subscriber


def erase(subscribers):
    """Delete personal data for good. Anonymous counters (daily stats, delivery rows without a person) remain."""
    with transaction.atomic():
        count = subscribers.count()
        # A mail server's refusal text often quotes the address: the anonymous delivery row keeps only its status.
        Delivery.objects.filter(subscriber__in=subscribers).update(error="")
        subscribers.delete()
        if count:
            DailyStat.bump("erasures", count)
    return count
