"""Sending the editorial notifications: one e-mail each at once, or all of a day's in one summary.

A pending row is locked, checked again (the recipient may have lost the right to view the article, or changed their
choice, since it was recorded), sent, and stamped in the same transaction: a second run of any task here finds
nothing left to send. A worker killed between the server's acceptance and the commit sends that one e-mail again.
"""

import logging
from datetime import timedelta

from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from posttrain import mail
from posttrain.web import absolute_url
from verticals.models import SiteSettings

from . import workflow
from .models import Notification, NotificationPreference
from .notifications import Delivery, delivery_of, may_hear_of, record_review_reminders, waiting_in_review

logger = logging.getLogger(__name__)

Kind, State = Notification.Kind, Notification.State


def article_admin_url(article, anchor=""):
    return absolute_url(reverse("admin:articles_article_change", args=[quote(article.pk)])) + anchor


def _who(user):
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def describe(row):
    """What the e-mail says about `row`, or None when there is nothing left to say (no article waits any more)."""
    article, actor = row.article, _who(row.actor)
    item = {"kind": row.kind, "note": row.note, "articles": [], "url": ""}
    if row.kind == Kind.REVIEW_REMINDER:
        waiting = [article for article in waiting_in_review() if workflow.can_view(row.recipient, article)]
        if not waiting:
            return None
        item["headline"] = f"{len(waiting)} article(s) have waited in review for more than two days:"
        item["articles"] = [
            {"title": article.title, "url": article_admin_url(article),
             "since": date_format(timezone.localtime(article.in_review_since), "DATETIME_FORMAT")}
            for article in waiting
        ]
        return item
    item["url"] = article_admin_url(article, f"#comment-{row.comment_id}" if row.comment_id else "")
    headlines = {
        Kind.SUBMITTED: f"{actor} submitted “{article}” for review.",
        Kind.CHANGES_REQUESTED: f"{actor} sent “{article}” back to draft and asks for changes:",
        Kind.PUBLISHED: f"“{article}” is published.",
        Kind.SCHEDULED: f"“{article}” is scheduled to go live on "
                        f"{date_format(timezone.localtime(article.publish_date), 'DATETIME_FORMAT')}."
        if article.publish_date else f"“{article}” is scheduled.",
        Kind.MENTION: f"{actor} mentioned you in a comment on “{article}”:",
    }
    item["headline"] = headlines[row.kind]
    return item


def _render(name, recipient, context):
    context = {
        "site_settings": SiteSettings.load(),
        "recipient_name": _who(recipient),
        "preferences_url": absolute_url(reverse("admin:articles_notificationpreference_changelist")),
        **context,
    }
    return mail.render_email(name, context)


def _stamp(rows, state, outcome=""):
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
        state=state, handled_at=timezone.now(), outcome=outcome[:200]
    )


def _pending(**filters):
    # Only our rows are locked (the joined users and articles are not), and rows another worker holds are skipped.
    return (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient", "actor", "article")
        .filter(state=State.PENDING, **filters)
    )


def _checked(rows):
    """The rows still to send, with what each says; the rest are stamped dropped with the reason."""
    kept = []
    for row in rows:
        if not may_hear_of(row.recipient, row.article):
            _stamp([row], State.DROPPED, "The recipient may not view the article (or has no active account).")
            continue
        item = describe(row)
        if item is None:
            _stamp([row], State.DROPPED, "Nothing waits in review any more.")
            continue
        kept.append((row, item))
    return kept


def send_notification(notification_id):
    """The immediate e-mail of one pending row; True if it was sent. Safe to run twice."""
    with transaction.atomic():
        row = _pending(pk=notification_id).first()
        if row is None:
            return False
        delivery = delivery_of(row.recipient)
        if delivery == Delivery.DAILY:
            return False  # the user switched to the daily summary since: it will carry this row
        if delivery == Delivery.NONE:
            _stamp([row], State.DROPPED, "The recipient chose to get no editorial e-mail.")
            return False
        checked = _checked([row])
        if not checked:
            return False
        _, item = checked[0]
        subject, text, html = _render("editorial_notification", row.recipient, {"item": item})
        mail.build_message(subject, text, html, row.recipient.email).send()
        _stamp([row], State.SENT)
    return True


def send_summary(user, today):
    """`user`'s daily summary of everything pending; at most one per day, however often the beat runs.

    The day is claimed by a conditional UPDATE in the same transaction as the send: a second run waits for the first
    and then finds the day taken, and a run that dies or fails before committing leaves the day to the next run.
    """
    with transaction.atomic():
        claimed = NotificationPreference.objects.filter(
            Q(last_summary_on__isnull=True) | Q(last_summary_on__lt=today), user=user
        ).update(last_summary_on=today)
        if not claimed:
            return False
        checked = _checked(list(_pending(recipient=user)))
        if not checked:
            return False
        items = [item for _, item in checked]
        subject, text, html = _render("editorial_summary", user, {"items": items, "day": today})
        mail.build_message(subject, text, html, user.email).send()
        _stamp([row for row, _ in checked], State.SENT)
    return True


def send_daily_summaries(today=None):
    today = today or timezone.localdate()
    users = get_user_model().objects.filter(
        notification_preference__delivery=Delivery.DAILY, notifications__state=State.PENDING
    ).distinct().order_by("pk")
    sent = 0
    for user in users:
        try:
            sent += send_summary(user, today)
        except Exception:
            logger.exception("The daily editorial summary of user %s failed; the next run sends it", user.pk)
    return sent


def send_missed(older_than_seconds=60):
    """Send the immediate notifications whose task was never queued or failed (broker or mail server down)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = Notification.objects.filter(state=State.PENDING, created_at__lte=cutoff).exclude(
        recipient__notification_preference__delivery=Delivery.DAILY
    ).values_list("pk", flat=True)
    sent = 0
    for notification_id in list(ids):
        try:
            sent += send_notification(notification_id)
        except Exception:
            logger.exception("Editorial notification %s could not be sent; the next sweep tries again", notification_id)
    return sent


def daily_editorial_mail(today=None):
    """The beat's daily job: today's review reminders, then the daily summaries. Running it twice sends nothing new."""
    today = today or timezone.localdate()
    record_review_reminders(today)
    return send_daily_summaries(today)
