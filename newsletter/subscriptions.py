"""A reader's life on the list: sign up, confirm, welcome, unsubscribe, suppression by the provider and its lift,
erasure. Each step that concerns consent appends a ConsentRecord; none rewrites an earlier one."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import emails
from .addresses import normalise_email, normalise_email_or_lower
from .consent import CONSENT_TEXT_VERSION
from .models import ConsentRecord, DailyStat, Delivery, Subscriber, hash_ip
from .queue import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

CONFIRMATION_INTERVAL = timedelta(hours=1)
ERASED = "Subscriber (erased)"


def _printable(header, length):
    # A header is whatever the client sent: PostgreSQL refuses NUL in text, and control characters mean nothing.
    return "".join(ch for ch in (header or "") if ch.isprintable())[:length]


def sign_up(email, *, interests=(), source="", ip="", user_agent=""):
    """Record a signup and queue the task that acts on it; the caller shows the same answer whatever follows.

    Every address takes this same path, whether it is new, pending, confirmed, unsubscribed or suppressed: the same
    statements (an insert that does nothing for a known address, a lookup, the consent record) and one queued task,
    so neither the answer nor its timing tells who is subscribed. What the signup means is decided in the worker,
    by process_signup().
    """
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [Subscriber(email=email, source=_printable(source, 200), created_at=now)], ignore_conflicts=True
        )
        subscriber_id = Subscriber.objects.filter(email=email).values_list("pk", flat=True).get()
        record = ConsentRecord.objects.create(
            subscriber_id=subscriber_id,
            kind=ConsentRecord.Kind.SIGNUP,
            at=now,
            text_version=CONSENT_TEXT_VERSION,
            ip_hash=hash_ip(ip),
            user_agent=_printable(user_agent, 300),
            source=_printable(source, 200),
        )
        record.interests.set(interests)
        enqueue_on_commit("process_signup", record.pk)
    return record


def process_signup(record_id):
    """The worker's half of a signup. A new, pending or unsubscribed address gets its topics and a confirmation
    e-mail (double opt-in); a confirmed or suppressed one gets nothing. Safe to run twice. Returns whether a
    confirmation went out."""
    with transaction.atomic():
        claimed = ConsentRecord.objects.filter(
            pk=record_id, kind=ConsentRecord.Kind.SIGNUP, processed_at__isnull=True
        ).update(processed_at=timezone.now())
        if not claimed:
            return False
        record = ConsentRecord.objects.get(pk=record_id)
        subscriber = Subscriber.objects.select_for_update().get(pk=record.subscriber_id)
        if subscriber.status == Subscriber.Status.PENDING:
            first = not subscriber.consent_records.filter(kind=ConsentRecord.Kind.SIGNUP, pk__lt=record.pk).exists()
            if first:
                DailyStat.bump("signups")
        elif subscriber.status == Subscriber.Status.UNSUBSCRIBED and not subscriber.is_suppressed:
            # The unsubscribe stays on record; the reader is back only once they click the new confirmation link.
            Subscriber.objects.filter(pk=subscriber.pk).update(
                status=Subscriber.Status.PENDING, unsubscribed_at=None,
                unsubscribe_reason=Subscriber.UnsubscribeReason.NONE,
            )
            DailyStat.bump("signups")
        else:
            # Confirmed: nothing a stranger may change. Suppressed: the provider said never to mail it.
            return False
        subscriber.interests.set(record.interests.all())
    return send_confirmation(subscriber.pk)


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
    """The sweep behind "a signup is never lost": signups whose task never ran, e.g. while the broker was down,
    and confirmations that could not be sent, e.g. while the mail server was down."""
    older_than = timedelta(seconds=settings.NEWSLETTER_CONFIRMATION_SWEEP_AFTER) if older_than is None else older_than
    window = {"older_than": older_than, "max_age": settings.NEWSLETTER_CONFIRM_MAX_AGE}
    sent = 0
    for record_id in list(ConsentRecord.objects.unprocessed_signups(**window).values_list("pk", flat=True)[:1000]):
        try:
            sent += process_signup(record_id)
        except Exception:
            logger.exception("Signup %s failed; the next sweep tries again", record_id)
    for subscriber_id in list(Subscriber.objects.confirmation_never_sent(**window).values_list("pk", flat=True)[:1000]):
        try:
            sent += send_confirmation(subscriber_id)
        except Exception:
            logger.exception("Confirmation to subscriber %s failed; the next sweep tries again", subscriber_id)
    return sent


def confirm(subscriber, *, ip="", user_agent=""):
    """Pending → confirmed, on record with where the click came from; sends the welcome e-mail.

    Returns False if it was not pending (a second click)."""
    now = timezone.now()
    with transaction.atomic():
        confirmed = Subscriber.objects.pending().filter(pk=subscriber.pk).update(
            status=Subscriber.Status.CONFIRMED, confirmed_at=now
        )
        if confirmed:
            signup = subscriber.consent_records.filter(kind=ConsentRecord.Kind.SIGNUP).last()
            ConsentRecord.objects.create(
                subscriber=subscriber, kind=ConsentRecord.Kind.CONFIRMATION, at=now,
                text_version=signup.text_version if signup else "", ip_hash=hash_ip(ip),
                user_agent=_printable(user_agent, 300),
            )
            DailyStat.bump("confirmations")
            enqueue_on_commit("send_welcome", subscriber.pk)
    subscriber.refresh_from_db()
    return bool(confirmed)


def send_welcome(subscriber_id):
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is not None:
        emails.send_templated("welcome", subscriber)


def unsubscribe(subscriber, reason=Subscriber.UnsubscribeReason.READER):
    """Idempotent: a second unsubscribe changes nothing. A send under way skips the reader from the next message on."""
    now = timezone.now()
    with transaction.atomic():
        done = (
            Subscriber.objects.filter(pk=subscriber.pk)
            .exclude(status=Subscriber.Status.UNSUBSCRIBED)
            .update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now, unsubscribe_reason=reason)
        )
        if done:
            ConsentRecord.objects.create(
                subscriber_id=subscriber.pk, kind=ConsentRecord.Kind.UNSUBSCRIBE, at=now, reason=reason
            )
            DailyStat.bump("unsubscribes")
    return bool(done)


def suppress(email, reason, detail=""):
    """The e-mail provider reported the address: a bounce or complaint suppresses it (no public signup brings it
    back), whatever its state; the provider's own unsubscribe is an unsubscribe."""
    subscriber = Subscriber.objects.filter(email=normalise_email_or_lower(email)).first()
    if subscriber is None:
        return None
    if reason not in Subscriber.SUPPRESSING:
        unsubscribe(subscriber, reason)
        return subscriber
    suppress_subscriber(subscriber.pk, reason, detail)
    return subscriber


def suppress_subscriber(subscriber_id, reason, detail=""):
    """Bounce or complaint → unsubscribed and suppressed, with what the server or provider said and when; recorded.
    Idempotent: an address already suppressed stays as it was. Returns whether this call suppressed it."""
    now = timezone.now()
    with transaction.atomic():
        was_subscribed = Subscriber.objects.filter(pk=subscriber_id).exclude(
            status=Subscriber.Status.UNSUBSCRIBED
        ).exists()
        done = (
            Subscriber.objects.filter(pk=subscriber_id)
            .exclude(status=Subscriber.Status.UNSUBSCRIBED, unsubscribe_reason__in=Subscriber.SUPPRESSING)
            .update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now, unsubscribe_reason=reason,
                    suppression_detail=_printable(detail, 300))
        )
        if done:
            ConsentRecord.objects.create(
                subscriber_id=subscriber_id, kind=ConsentRecord.Kind.SUPPRESSION, at=now, reason=reason
            )
            if was_subscribed:
                DailyStat.bump("unsubscribes")
    return bool(done)


def lift_suppression(subscriber, user):
    """An editor decided a bounce or complaint no longer holds: the address stays unsubscribed, but its owner may
    sign up again through double opt-in. Recorded with who and when. Returns whether it was suppressed."""
    now = timezone.now()
    with transaction.atomic():
        done = Subscriber.objects.suppressed().filter(pk=subscriber.pk).update(
            unsubscribe_reason=Subscriber.UnsubscribeReason.LIFTED, soft_bounces=0
        )
        if done:
            ConsentRecord.objects.create(
                subscriber_id=subscriber.pk, kind=ConsentRecord.Kind.LIFTED, at=now, by=user,
                reason=Subscriber.UnsubscribeReason.LIFTED,
            )
    subscriber.refresh_from_db()
    return bool(done)


def erase(subscribers):
    """Delete a reader's personal data for good, from every place the address was copied to. Anonymous counters
    (daily stats, delivery rows without a person) remain, and the erasure is counted."""
    with transaction.atomic():
        ids = list(subscribers.values_list("pk", flat=True))
        # A mail server's refusal text often quotes the address: the anonymous delivery row keeps only its status.
        Delivery.objects.filter(subscriber__in=ids).update(error="")
        # The editors' record of what they did stays, naming nobody (Subscriber.__str__ is not the address either).
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscriber), object_id__in=[str(pk) for pk in ids]
        ).update(object_repr=ERASED)
        # The consent history goes with the row (on_delete=CASCADE): see SECURITY.md for why none of it is kept.
        Subscriber.objects.filter(pk__in=ids).delete()
        if ids:
            DailyStat.bump("erasures", len(ids))
    return len(ids)
