"""Sending a campaign: claim a batch of deliveries, send each message, throttle, classify the server's refusals.

The campaign send is built for crash safety. Each recipient has a Delivery row; a sending process claims a batch
of pending rows under a lease (SELECT ... FOR UPDATE SKIP LOCKED), hands each message to the server and stamps its
row sent right after the server accepts it, before the next one. A process killed at any moment therefore leaves at
most one message that the server accepted but that is not stamped: after the lease expires another process sends it
again. That is the bound: at most one duplicate per killed process, and nobody missed.
"""

import logging
import math
import smtplib
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from . import bounces
from .article_emails import messages_for
from .campaigns import finish_if_complete
from .emails import NothingNew
from .models import Campaign, Delivery, Subscriber

logger = logging.getLogger(__name__)

# Refusals about the sending side, not the recipient: a 5xx here is a configuration problem that must not mark the
# whole list failed. They are retried with backoff like a 4xx until NEWSLETTER_MAX_ATTEMPTS.
NOT_ABOUT_THE_RECIPIENT = (smtplib.SMTPSenderRefused, smtplib.SMTPHeloError, smtplib.SMTPAuthenticationError)


def classify(exc):
    """(temporary?, reason) for an exception from the e-mail backend: SMTP 4xx and connection trouble are temporary."""
    code = None
    if isinstance(exc, NOT_ABOUT_THE_RECIPIENT):
        return True, f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace')}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()), (None, b""))
        reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    elif isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        text = exc.smtp_error
        reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    if code is not None and 500 <= code < 600:
        return False, reason
    if type(exc).__name__ == "AnymailRecipientsRefused":
        return False, reason
    return True, reason


def retry_delay(attempts):
    return min(settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600)


def throttle():
    """Keep the whole site under NEWSLETTER_SEND_RATE messages a second (shared through the cache across workers)."""
    rate = settings.NEWSLETTER_SEND_RATE
    if rate <= 0:
        return
    window = max(1.0, 1.0 / rate)
    allowed = max(1, int(rate * window))
    while True:
        now = time.time()
        slot = int(now // window)
        key = f"newsletter:send-rate:{slot}"
        try:
            cache.add(key, 0, timeout=int(window) + 5)
            used = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            used = 1
        except Exception:
            # The shared cache is down: pace this process alone rather than stop the send.
            logger.warning("Send-rate cache unavailable; pacing this process alone", exc_info=True)
            time.sleep(1.0 / rate)
            return
        if used <= allowed:
            return
        time.sleep(max(0.0, (slot + 1) * window - now))


def claim_batch(campaign, size=None):
    """Lease up to `size` pending deliveries to this process. Rows locked by a concurrent claim are skipped."""
    size = size or settings.NEWSLETTER_BATCH_SIZE
    token = uuid.uuid4()
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Delivery.objects.claimable(now)
            .filter(campaign=campaign)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return token, []
        Delivery.objects.claimable(now).filter(pk__in=ids).update(lease_token=token, leased_at=now)
    batch = list(
        Delivery.objects.filter(lease_token=token, status=Delivery.Status.PENDING)
        .select_related("subscriber")
        .only("id", "attempts", "subscriber", "subscriber__email", "subscriber__soft_bounces")
        .order_by("pk")
    )
    return token, batch


def _stamp(delivery, token, **fields):
    return Delivery.objects.filter(pk=delivery.pk, lease_token=token, status=Delivery.Status.PENDING).update(
        lease_token=None, leased_at=None, **fields
    )


def _still_confirmed(delivery, token):
    """Lock the reader's row for the length of this transaction and say whether they may still be mailed.

    Called inside the transaction that sends the message: an unsubscribe, erasure, bounce or complaint committed
    before this point is seen here and the delivery is skipped; one that comes later waits for the lock, that is
    until the server has the message. Costs one indexed query per message.
    """
    status = (
        Subscriber.objects.select_for_update(no_key=True)
        .filter(pk=delivery.subscriber_id)
        .values_list("status", flat=True)
        .first()
    )
    if status == Subscriber.Status.CONFIRMED:
        return True
    reason = "erased" if status is None else f"subscriber {status}"
    _stamp(delivery, token, status=Delivery.Status.SKIPPED, error=reason)
    return False


def send_claimed(batch, token, messages, connection):
    """Send one claimed batch. Returns None when done, or the seconds to wait after a temporary failure."""
    lease = settings.NEWSLETTER_LEASE_SECONDS
    last_renewal = time.monotonic()
    for index, delivery in enumerate(batch):
        if time.monotonic() - last_renewal > lease / 3:
            Delivery.objects.filter(lease_token=token, status=Delivery.Status.PENDING).update(leased_at=timezone.now())
            last_renewal = time.monotonic()
        if delivery.subscriber is None:
            _stamp(delivery, token, status=Delivery.Status.SKIPPED, error="erased")
            continue
        message_id = messages.message_id(delivery.pk)
        try:
            message = messages.build(delivery.subscriber, message_id=message_id, delivery_id=delivery.pk)
        except NothingNew:
            _stamp(delivery, token, status=Delivery.Status.SKIPPED, error="nothing new for this reader")
            continue
        except Exception as exc:
            # A row no message can be built for (say, an address the mail library rejects) fails alone.
            _stamp(delivery, token, status=Delivery.Status.FAILED, error=f"Could not build the message: {exc}"[:1000])
            logger.exception("Delivery %s: could not build the message", delivery.pk)
            continue
        throttle()
        with transaction.atomic():
            if not _still_confirmed(delivery, token):
                continue
            try:
                if connection.send_messages([message]) != 1:
                    raise smtplib.SMTPException("the e-mail backend reported the message as not sent")
            except Exception as exc:
                retry_in = _give_up_or_retry(exc, delivery, batch[index + 1 :], token, connection)
                if retry_in:
                    return retry_in
                continue
            # Stamp right after the server accepted it: the only window for a duplicate is between these two lines
            # (and the commit just after).
            stamped = _stamp(
                delivery, token, status=Delivery.Status.SENT, sent_at=timezone.now(), message_id=message_id
            )
            if stamped:
                bounces.accepted(delivery)
        if not stamped:
            logger.error("Lease on delivery %s was lost mid-batch; stopping this batch", delivery.pk)
            return 0
    return None


def _give_up_or_retry(exc, delivery, rest, token, connection):
    """Stamp a refused message failed for good (returns None), or hand it and the rest of the batch back for later
    (returns the seconds to wait)."""
    temporary, reason = classify(exc)
    attempts = delivery.attempts + 1
    if not temporary or attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        _stamp(delivery, token, status=Delivery.Status.FAILED, attempts=attempts, error=reason[:1000])
        logger.warning("Delivery %s failed for good: %s", delivery.pk, reason)
        # Still inside the transaction that holds the reader's row: the suppression commits with the stamp.
        kind = bounces.refusal_kind(exc)
        if kind == bounces.HARD and not temporary:
            bounces.hard_bounce(delivery, reason)
        elif kind == bounces.SOFT:
            bounces.soft_bounce(delivery, reason)
        return None
    delay = retry_delay(attempts)
    retry_at = timezone.now() + timedelta(seconds=delay)
    _stamp(delivery, token, attempts=attempts, next_attempt_at=retry_at, error=reason[:1000])
    # The server is refusing for now: hand the rest of the batch back for the same time, and stop hammering.
    Delivery.objects.filter(pk__in=[d.pk for d in rest], lease_token=token, status=Delivery.Status.PENDING).update(
        lease_token=None, leased_at=None, next_attempt_at=retry_at
    )
    logger.info("Temporary failure for delivery %s (%s); retrying in %ss", delivery.pk, reason, delay)
    if isinstance(exc, (smtplib.SMTPServerDisconnected, OSError)):
        _reset(connection)
    return delay


def _reset(connection):
    try:
        connection.close()
    except Exception:
        connection.connection = None


def send_batches(campaign_id, time_budget=None):
    """The body of the batch task: claim and send batches until none is left. Safe to run any number of times.

    Returns None when nothing is left to claim, or the seconds after which the task should run again.
    """
    time_budget = settings.NEWSLETTER_TASK_SECONDS if time_budget is None else time_budget
    campaign = Campaign.objects.sending().filter(pk=campaign_id).first()
    if campaign is None:
        return None
    connection = get_connection()
    messages = messages_for(campaign, connection=connection)
    deadline = time.monotonic() + time_budget
    try:
        while True:
            if time.monotonic() > deadline:
                return 0
            token, batch = claim_batch(campaign)
            if not batch:
                break
            try:
                connection.open()
            except Exception as exc:
                # The mail server does not answer: give the whole batch back and try again later.
                delay = retry_delay(1)
                Delivery.objects.filter(lease_token=token, status=Delivery.Status.PENDING).update(
                    lease_token=None, leased_at=None, error=f"{type(exc).__name__}: {exc}"[:1000],
                    next_attempt_at=timezone.now() + timedelta(seconds=delay),
                )
                logger.warning("Cannot connect to the mail server (%s); retrying in %ss", exc, delay)
                return delay
            messages.prefetch(batch)
            retry_in = send_claimed(batch, token, messages, connection)
            if retry_in:
                return retry_in
    finally:
        _reset(connection)
    finish_if_complete(campaign)
    # Deliveries waiting for a retry, or leased by a process that died, need another run later.
    next_retry = (
        campaign.deliveries.filter(status=Delivery.Status.PENDING, next_attempt_at__isnull=False)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if next_retry is not None:
        return max(1, math.ceil((next_retry - timezone.now()).total_seconds()))
    return None
