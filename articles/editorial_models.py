"""Editorial collaboration: comment threads on articles, staff e-mail notifications and each user's choice of them.

Imported at the end of articles/models.py. The article is named by its "app.Model" label rather than imported, so
that articles.models stays the only module these rows depend on at import time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

COMMENT_MAX_LENGTH = 5000


class ArticleComment(models.Model):
    """A note in the discussion of an article: a thread opens with a comment without parent; replies name it.

    Comments stay with the article for as long as it exists (resolving keeps them, and nobody deletes one), and are
    shown only in the admin and on the staff preview: never on a public page, feed, sitemap or search.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies",
        help_text="The comment that opened the thread; empty for the opening comment itself.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A thread is resolved as a whole, on its opening comment.
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(resolved_at__isnull=True), name="only_threads_are_resolved"
            ),
        ]
        indexes = [models.Index(fields=["article", "parent", "resolved_at"], name="article_comment_thread_idx")]

    def __str__(self):
        return f"Comment by {self.author or 'a former user'} on {self.article_id}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None


class NotificationPreference(models.Model):
    """How one staff user hears of editorial events; a user without a row gets every notification at once."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately, one e-mail each"
        DAILY = "daily", "In a daily summary"
        NONE = "none", "Never"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        "editorial e-mails",
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
        help_text="Submissions, requests for changes, publications, mentions in comments and the review reminder.",
    )
    # Claimed before a daily summary is sent, so that a second run of the same day sends none.
    last_summary_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "notification preference"

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display().lower()}"


class Notification(models.Model):
    """One event one staff user is to hear of. Pending rows are sent at once or in the daily summary, then stamped."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        MENTION = "mention", "Mentioned in a comment"
        REVIEW_REMINDER = "review_reminder", "Waiting in review"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        DROPPED = "dropped", "Not sent"  # the recipient may no longer see the article, or chose no e-mail

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Empty for the review reminder, which lists what is waiting when it is sent.
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    note = models.TextField(blank=True, help_text="The editor's comment or the comment that mentions the recipient.")
    comment = models.ForeignKey(ArticleComment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Names an event that may happen once per recipient (the reminder of a day), whoever tries to record it again.
    once_key = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "once_key"], condition=~Q(once_key=""), name="notification_once_per_recipient"
            ),
        ]
        indexes = [models.Index(fields=["state", "recipient"], name="notification_pending_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
