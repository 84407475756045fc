"""Which articles a campaign mails, in which order, and which series a reader follows.

Kept apart from models.py (the subscribers and the send); models.py imports this module so Django registers them.
"""

from django.db import models
from django.utils import timezone


class CampaignArticle(models.Model):
    campaign = models.ForeignKey("newsletter.Campaign", on_delete=models.CASCADE, related_name="campaign_articles")
    # An article that was mailed cannot be deleted: the campaign is the record of what readers were sent.
    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="newsletter_mailings")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "article"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "article"], name="newsletter_campaign_article_once"),
        ]

    def __str__(self):
        return f"{self.campaign_id}: {self.article_id} at {self.position}"


class SeriesFollow(models.Model):
    class Mode(models.TextChoices):
        DIGEST = "digest", "In the weekly digest"
        IMMEDIATE = "immediate", "At once, in its own e-mail"

    subscriber = models.ForeignKey("newsletter.Subscriber", on_delete=models.CASCADE, related_name="series_follows")
    series = models.ForeignKey("articles.Series", on_delete=models.CASCADE, related_name="+")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.DIGEST)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "series"], name="newsletter_series_follow_once"),
        ]
        indexes = [models.Index(fields=["series", "mode"], name="newsletter_follow_series_mode")]

    def __str__(self):
        return f"Subscriber #{self.subscriber_id} follows series {self.series_id} ({self.mode})"
