"""One row per recipient of a campaign: the record that its message went out, and when (delivery.py sends them).

Kept apart from models.py (subscribers and campaigns); models.py imports this module so Django registers it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, now=None):
        """Pending, not leased by a live sending process, and not waiting for a retry."""
        now = now or timezone.now()
        lease_cutoff = now - timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
        return self.filter(
            Q(status=Delivery.Status.PENDING)
            & (Q(leased_at__isnull=True) | Q(leased_at__lt=lease_cutoff))
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        )


class Delivery(models.Model):
    """One recipient of one campaign. Its row is the record that the message went out, and when."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    campaign = models.ForeignKey("newsletter.Campaign", on_delete=models.CASCADE, related_name="deliveries")
    # Erasing a subscriber keeps the anonymous delivery row, so the campaign's counts stay true.
    subscriber = models.ForeignKey(
        "newsletter.Subscriber", null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    lease_token = models.UUIDField(null=True, blank=True)
    leased_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    # Outcomes known after the send: a permanent refusal by the SMTP server or a provider's bounce event, and a spam
    # complaint. They stay when the subscriber is erased, so the campaign's figures stay true.
    bounced_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="newsletter_delivery_once_per_subscriber")
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="newsletter_delivery_progress")]

    def __str__(self):
        return f"{self.campaign_id}/{self.subscriber_id}: {self.status}"
