import hashlib
import hmac
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from posttrain.richtext import RichTextField, html_to_text
from posttrain.slugs import AddressSlugField
from verticals.models import SiteSettings, Vertical

from .addresses import normalise_email


def hash_ip(ip):
    """A keyed hash: proves which network a consent came from without storing the address itself."""
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def pending(self):
        return self.filter(status=Subscriber.Status.PENDING)

    def interested_in(self, verticals):
        return self.filter(interests__in=verticals).distinct()

    def with_news_in(self, articles):
        """Readers for whom a digest of these articles holds something: a vertical they chose (no choice means
        every vertical) or a series they follow in the digest. digests.DigestMessages applies the same rule per
        reader, and skips whoever is left with nothing (say, only parts of a series they follow "at once")."""
        verticals = articles.values("vertical")
        series = articles.filter(series__isnull=False).values("series")
        return self.filter(
            Q(interests__isnull=True)
            | Q(interests__in=verticals)
            | Q(series_follows__series__in=series, series_follows__mode="digest")
        ).distinct()

    def suppressed(self):
        return self.filter(status=Subscriber.Status.UNSUBSCRIBED, unsubscribe_reason__in=Subscriber.SUPPRESSING)

    def confirmation_never_sent(self, *, older_than, max_age):
        """Pending signups whose confirmation e-mail never went out (mail server down, worker lost)."""
        now = timezone.now()
        # Never sent means never, so the address signed up for the first time: its row is as old as its signup.
        return self.pending().filter(
            confirmation_sent_at__isnull=True, created_at__lte=now - older_than, created_at__gte=now - max_age
        )


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    class UnsubscribeReason(models.TextChoices):
        NONE = "", "—"
        READER = "reader", "Reader unsubscribed"
        ONE_CLICK = "one-click", "One-click (mail client)"
        BOUNCE = "bounce", "Hard bounce"
        COMPLAINT = "complaint", "Spam complaint"
        LIFTED = "lifted", "Bounce or complaint lifted by an editor"

    # The provider told us not to mail these: no public signup brings them back, only an editor's lift.
    SUPPRESSING = (UnsubscribeReason.BOUNCE, UnsubscribeReason.COMPLAINT)

    email = models.EmailField(
        max_length=254,
        help_text="Stored trimmed, in lower case, with the domain in its IDNA ASCII form: one row per mailbox.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    interests = models.ManyToManyField(Vertical, blank=True, related_name="subscribers")
    source = models.CharField(max_length=200, blank=True, help_text="The page the reader signed up on.")
    created_at = models.DateTimeField("signed up", default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="The last confirmation e-mail; at most one an hour goes out."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_reason = models.CharField(
        max_length=12, choices=UnsubscribeReason.choices, blank=True, default=UnsubscribeReason.NONE
    )
    suppression_detail = models.CharField(
        max_length=300, blank=True,
        help_text="What the mail server or provider said when it suppressed the address (a bounce or complaint).",
    )
    soft_bounces = models.PositiveSmallIntegerField(
        default=0, help_text="Campaigns in a row whose message was refused for now until the retries ran out."
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
            # Only the canonical spelling is stored (printable ASCII, lower case), so the unique constraint above
            # holds per mailbox: `bob@bücher.de` cannot sit beside `bob@xn--bcher-kva.de`.
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")) & models.Q(email__regex=r"^[!-~]+$"),
                name="newsletter_subscriber_email_canonical",
            ),
        ]
        permissions = [("export_subscribers", "Can export subscribers as CSV")]

    def __str__(self):
        # Not the address: Django copies this into the admin log, which erasure cannot reach.
        return f"Subscriber #{self.pk}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_suppressed(self):
        return self.status == self.Status.UNSUBSCRIBED and self.unsubscribe_reason in self.SUPPRESSING


class ConsentRecordQuerySet(models.QuerySet):
    def unprocessed_signups(self, *, older_than, max_age):
        """Signups whose task never ran (broker down, worker lost), for the periodic sweep."""
        now = timezone.now()
        return self.filter(
            kind=ConsentRecord.Kind.SIGNUP, processed_at__isnull=True, at__lte=now - older_than, at__gte=now - max_age
        )


class ConsentRecord(models.Model):
    """One event of a reader's consent history: each signup, confirmation, unsubscribe, suppression and lift adds a
    row, and no row is ever changed (only `processed_at`, the worker's bookkeeping for a signup), so the proof of an
    earlier consent and of an unsubscribe stays. Erasure deletes the history with the subscriber (see SECURITY.md).
    """

    class Kind(models.TextChoices):
        SIGNUP = "signup", "Signed up (asked for the newsletter)"
        CONFIRMATION = "confirmation", "Confirmed by the link in the e-mail"
        UNSUBSCRIBE = "unsubscribe", "Unsubscribed"
        SUPPRESSION = "suppression", "Suppressed: bounce or complaint"
        LIFTED = "lifted", "Suppression lifted by an editor"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consent_records")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    text_version = models.CharField(
        "consent text version", max_length=40, blank=True, help_text="The consent text shown, or confirmed."
    )
    ip_hash = models.CharField(max_length=64, blank=True, help_text="HMAC-SHA256 of the IP address, keyed.")
    user_agent = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="The page of a signup.")
    interests = models.ManyToManyField(Vertical, blank=True, related_name="+", help_text="The topics chosen.")
    reason = models.CharField(max_length=12, choices=Subscriber.UnsubscribeReason.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The editor who lifted a suppression.",
    )
    processed_at = models.DateTimeField(null=True, blank=True, help_text="When the worker acted on a signup.")

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["kind", "processed_at", "at"], name="newsletter_consent_unprocessed")]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class DailyStat(models.Model):
    """Anonymous counters per day. They survive erasure, so the numbers stay true after personal data is gone."""

    date = models.DateField(unique=True)
    signups = models.PositiveIntegerField(default=0)
    confirmations = models.PositiveIntegerField(default=0)
    unsubscribes = models.PositiveIntegerField(default=0)
    erasures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-date"]
        get_latest_by = "date"

    def __str__(self):
        return str(self.date)

    @classmethod
    def bump(cls, field, by=1, day=None):
        day = day or timezone.localdate()
        stat, _ = cls.objects.get_or_create(date=day)
        cls.objects.filter(pk=stat.pk).update(**{field: F(field) + by})


def default_scheduled_at():
    """The launch date from the site settings, at 09:00 local time."""
    launch = SiteSettings.load().launch_date
    if launch is None:
        return None
    return timezone.make_aware(datetime.combine(launch, time(9, 0)))


class CampaignQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(status=Campaign.Status.SCHEDULED, scheduled_at__lte=now, held_at__isnull=True)

    def sending(self):
        return self.filter(status=Campaign.Status.SENDING)

    def digests(self):
        return self.filter(kind=Campaign.Kind.DIGEST)

    def archived(self):
        """What the public archive shows: campaigns that went out or are going out. Never a draft, a scheduled or a
        cancelled one."""
        return self.filter(status__in=[Campaign.Status.SENDING, Campaign.Status.SENT], started_at__isnull=False)


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    class Audience(models.TextChoices):
        ALL = "all", "All confirmed subscribers"
        VERTICALS = "verticals", "Confirmed subscribers interested in the chosen verticals"
        FOLLOWERS = "followers", "Readers who follow the announced article's series “at once”"

    class Kind(models.TextChoices):
        MESSAGE = "message", "Message"
        ARTICLES = "articles", "Articles"
        DIGEST = "digest", "Weekly digest"

    subject = models.CharField(max_length=200)
    slug = AddressSlugField(
        max_length=80, unique=True, blank=True, populate_from="subject",
        help_text="The address of the web copy, /newsletter/archive/ followed by this slug, once sent. Left empty, "
        "it is made from the subject.",
    )
    preheader = models.CharField(
        max_length=200, blank=True, help_text="The preview line mail clients show after the subject."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MESSAGE, editable=False)
    html_body = RichTextField(
        blank=True,
        help_text="The message, or an introduction above the articles. A plain-text version is generated from it.",
    )
    text_body = models.TextField(blank=True, editable=False)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.ALL)
    verticals = models.ManyToManyField(
        Vertical, blank=True, related_name="campaigns", help_text="Only used when the audience is by vertical."
    )
    articles = models.ManyToManyField(
        "articles.Article", through="newsletter.CampaignArticle", blank=True, related_name="+",
        help_text="Mail these articles: only published ones, or scheduled ones with “send when it goes live”.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    scheduled_at = models.DateTimeField(
        null=True, blank=True, default=default_scheduled_at, help_text="Defaults to the launch date (09:00)."
    )
    held_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the dispatcher found this campaign too late; an editor must confirm before it goes out.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    deliveries_created_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    send_when_live = models.BooleanField(
        "send when it goes live",
        default=False,
        help_text="Mail scheduled articles once they are published: the campaign waits until every one of them is.",
    )
    digest_since = models.DateTimeField(null=True, blank=True, editable=False)
    digest_until = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="A digest covers what was published after since, up to this."
    )
    announces = models.OneToOneField(
        "articles.Article", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+",
        help_text="The new series part this mailing to its followers announces (one mailing per part).",
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        permissions = [("send_campaign", "Can schedule and send campaigns")]
        constraints = [
            # Beat firing twice (or two beats) makes one digest per slot.
            models.UniqueConstraint(
                fields=["digest_until"], condition=Q(kind="digest"), name="newsletter_campaign_one_digest_per_slot"
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletter:archive_detail", kwargs={"slug": self.slug})

    def is_archived(self):
        return self.status in (self.Status.SENDING, self.Status.SENT) and self.started_at is not None

    def save(self, *args, **kwargs):
        self.text_body = html_to_text(self.html_body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "html_body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_body"}
        super().save(*args, **kwargs)

    def recipients(self):
        subscribers = Subscriber.objects.confirmed()
        if self.kind == self.Kind.DIGEST:
            return subscribers.with_news_in(self.articles.all())
        if self.audience == self.Audience.VERTICALS:
            subscribers = subscribers.interested_in(self.verticals.all())
        elif self.audience == self.Audience.FOLLOWERS:
            series = self.announces.series_id if self.announces else None
            subscribers = subscribers.filter(series_follows__series=series, series_follows__mode="immediate")
        return subscribers

    def ordered_articles(self):
        return [link.article for link in self.campaign_articles.select_related("article").order_by("position", "pk")]

    def is_late(self, now=None):
        now = now or timezone.now()
        hold = timedelta(hours=settings.NEWSLETTER_LATE_HOLD_HOURS)
        return self.scheduled_at is not None and now - self.scheduled_at > hold

    def progress(self):
        Status = self.deliveries.model.Status  # Delivery's, without importing the module that imports this one
        counts = dict(self.deliveries.values_list("status").annotate(n=Count("pk")).order_by())
        sent = counts.get(Status.SENT, 0)
        failed = counts.get(Status.FAILED, 0)
        skipped = counts.get(Status.SKIPPED, 0)
        pending = counts.get(Status.PENDING, 0)
        window = 60
        recent = self.deliveries.filter(
            status=Status.SENT, sent_at__gte=timezone.now() - timedelta(seconds=window)
        ).count()
        rate = recent / window
        return {
            "status": self.status,
            "intended": sent + failed + skipped + pending,
            "sent": sent,
            "failed": failed,
            "skipped": skipped,
            "pending": pending,
            "rate": round(rate, 1),
            "eta_seconds": round(pending / rate) if pending and rate else None,
            "reconciled": pending == 0 and self.status == self.Status.SENT,
        }


# The deliveries, the article mailings' and series follows' models, the click counts and the provider events live in
# their own modules; imported here so Django registers them (and `from .models import Delivery` keeps working).
from .delivery_models import Delivery  # noqa: E402, F401
from .mailing_models import CampaignArticle, SeriesFollow  # noqa: E402, F401
from .tracking import CampaignLink, ProviderEvent  # noqa: E402, F401
