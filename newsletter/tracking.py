"""What the newsletter counts after a send, naming nobody: clicks per campaign and link, and the provider events
already acted on (so a replayed webhook changes nothing)."""

from django.db import models
from django.utils import timezone


class CampaignLink(models.Model):
    """One link of one campaign and how often readers followed it. No subscriber, IP address or user agent is
    stored, so erasing a reader leaves the count as it was."""

    campaign = models.ForeignKey("newsletter.Campaign", on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=2000)
    label = models.CharField(max_length=200, blank=True, help_text="The link's text in the e-mail.")
    clicks = models.PositiveIntegerField(default=0)
    last_clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-clicks", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "url"], name="newsletter_link_once_per_campaign")]

    def __str__(self):
        return self.url


class ProviderEvent(models.Model):
    """A bounce or complaint event from the e-mail provider's webhook that was acted on, by the provider's own
    event id (or a keyed hash of the event when the provider gives none). The recipient is not kept here."""

    esp_name = models.CharField(max_length=40)
    event_key = models.CharField(max_length=200)
    event_type = models.CharField(max_length=20)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["esp_name", "event_key"], name="newsletter_event_once")]

    def __str__(self):
        return f"{self.esp_name} {self.event_type} {self.event_key}"
