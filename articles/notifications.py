"""Who hears of what in the editorial workflow: the rows of the notifications to send, and when they are queued.

    submitted for review   every editor except the submitter
    changes requested      the article's creator and credited authors, with the editor's comment
    published, scheduled   the credited authors
    mentioned (@username)  the person named in a comment
    review reminder        every editor, once a day, while articles wait in review longer than
                           EDITORIAL_REVIEW_REMINDER_HOURS (48 by default)

Nobody hears of their own step, and nobody ever hears of an article they may not view: workflow.can_view decides,
here when the row is made and again in notification_mail just before it is sent (the rights may have changed).
A user who chose no e-mail gets no row; one who chose the daily summary gets the row in their next summary.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from posttrain import queue

from . import workflow
from .models import Article, ArticleTransition, Notification, NotificationPreference

Kind = Notification.Kind
Delivery = NotificationPreference.Delivery
SEND_TASK = "articles.notification_tasks.send_notification"

# The workflow step (ArticleTransition.action) → the notification it makes.
KIND_OF_STEP = {
    "submit": Kind.SUBMITTED,
    "request_changes": Kind.CHANGES_REQUESTED,
    "publish": Kind.PUBLISHED,
    "schedule": Kind.SCHEDULED,
}


def delivery_of(user):
    preference = NotificationPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return preference or Delivery.IMMEDIATE


def may_hear_of(user, article):
    """Whether `user` may get mail about `article` (None: the reminder, whose list is filtered when it is sent)."""
    if not user.is_active or not user.email:
        return False
    return article is None or workflow.can_view(user, article)


def editors():
    """Active staff who may publish, superusers included."""
    publishers = get_user_model().objects.with_perm(
        workflow.PUBLISH_PERMISSION, is_active=True, backend="django.contrib.auth.backends.ModelBackend"
    )
    return publishers.filter(is_staff=True).exclude(email="").order_by("pk")


def credited_users(article):
    return get_user_model().objects.filter(author_profile__articles=article).order_by("pk")


def recipients_of_step(transition):
    """The users who hear of a workflow step, before preferences: in a stable order, each once."""
    article, kind = transition.article, KIND_OF_STEP.get(transition.action)
    if kind == Kind.SUBMITTED:
        candidates = list(editors())
    elif kind == Kind.CHANGES_REQUESTED:
        candidates = ([article.created_by] if article.created_by_id else []) + list(credited_users(article))
    elif kind in (Kind.PUBLISHED, Kind.SCHEDULED):
        candidates = list(credited_users(article))
    else:
        return []
    chosen, seen = [], {transition.user_id}
    for user in candidates:
        if user.pk not in seen and may_hear_of(user, article):
            seen.add(user.pk)
            chosen.append(user)
    return chosen


def notify(users, kind, *, article=None, actor=None, note="", comment=None, once_key=""):
    """Record one notification per user who wants mail, and queue the immediate ones once the caller commits."""
    preferences = dict(
        NotificationPreference.objects.filter(user__in=users).values_list("user_id", "delivery")
    )
    made = []
    for user in users:
        delivery = preferences.get(user.pk, Delivery.IMMEDIATE)
        if delivery == Delivery.NONE:
            continue
        row = _record(user, kind, article=article, actor=actor, note=note, comment=comment, once_key=once_key)
        if row is None:
            continue
        made.append(row)
        if delivery == Delivery.IMMEDIATE:
            queue.enqueue_on_commit(SEND_TASK, row.pk)
    return made


def _record(user, kind, *, once_key, **fields):
    """The new row, or None if an event that happens once was recorded for `user` already (by a second beat)."""
    if not once_key:
        return Notification.objects.create(recipient=user, kind=kind, **fields)
    try:
        with transaction.atomic():
            return Notification.objects.create(recipient=user, kind=kind, once_key=once_key, **fields)
    except IntegrityError:
        return None


def step_made(sender, transition, **kwargs):
    """Receiver of workflow.article_moved: runs inside the step's transaction, so a failed step notifies nobody."""
    kind = KIND_OF_STEP.get(transition.action)
    if kind is None:
        return
    notify(
        recipients_of_step(transition), kind, article=transition.article, actor=transition.user,
        note=transition.comment if kind == Kind.CHANGES_REQUESTED else "",
    )


# --- The daily reminder -------------------------------------------------------------------------------------------


def waiting_in_review(now=None):
    """Articles in review since longer than EDITORIAL_REVIEW_REMINDER_HOURS, longest waiting first."""
    now = now or timezone.now()
    entered_review = (
        ArticleTransition.objects.filter(article=OuterRef("pk"), to_status=Article.Status.REVIEW)
        .order_by("-at").values("at")[:1]
    )
    limit = now - timedelta(hours=settings.EDITORIAL_REVIEW_REMINDER_HOURS)
    return (
        Article.objects.in_review()
        .annotate(in_review_since=Coalesce(Subquery(entered_review), "updated_at"))
        .filter(in_review_since__lte=limit)
        .order_by("in_review_since", "pk")
    )


def record_review_reminders(today=None):
    """Today's reminder for every editor who may view something waiting; a second run on the same day adds none."""
    today = today or timezone.localdate()
    waiting = list(waiting_in_review())
    if not waiting:
        return []
    users = [user for user in editors() if any(workflow.can_view(user, article) for article in waiting)]
    return notify(users, Kind.REVIEW_REMINDER, once_key=f"review-reminder:{today.isoformat()}")
