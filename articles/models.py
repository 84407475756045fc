import math
import re

import reversion
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from posttrain.richtext import RichTextField, html_words
from posttrain.slugs import SLUG_HELP, AddressSlugField
from verticals.models import Vertical

WORDS_PER_MINUTE = 230


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = AddressSlugField(unique=True, blank=True, populate_from="name", help_text=SLUG_HELP)
    bio = models.TextField(blank=True, help_text="A short biography shown on the author's page and under articles.")
    photo = models.ImageField(upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account of this author, if they write in the admin.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Series(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        COMPLETE = "complete", "Complete"

    title = models.CharField(max_length=200)
    slug = AddressSlugField(unique=True, blank=True, populate_from="title", help_text=SLUG_HELP)
    vertical = models.ForeignKey(Vertical, on_delete=models.PROTECT, related_name="series")
    summary = models.CharField(max_length=300, help_text="One or two sentences for cards and meta descriptions.")
    intro = RichTextField(help_text="Opening text of the series page.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_start = models.DateField(null=True, blank=True, help_text="When the first part is due.")
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vertical__order", "order", "title"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:series", kwargs={"slug": self.slug})


class PlannedPart(models.Model):
    """A part the editors announce before it is written: shown on the series page as "coming <date>"."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="planned_parts")
    part = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, help_text="The working title readers see.")
    planned_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["series", "part"]
        constraints = [models.UniqueConstraint(fields=["series", "part"], name="unique_planned_part_per_series")]

    def __str__(self):
        return f"{self.series} — part {self.part}: {self.title}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publish date that has come. The one definition."""
        return self.filter(status=Article.Status.PUBLISHED, publish_date__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, publish_date__gt=timezone.now())

    def next_publication(self):
        """When the next scheduled article goes live, or None: nothing cached may outlive that moment."""
        return self.scheduled().order_by("publish_date").values_list("publish_date", flat=True).first()

    def in_review(self):
        return self.filter(status=Article.Status.REVIEW)

    def for_listing(self):
        """What a card in a listing shows, in a fixed number of queries; never the body (~10 KB a row) or vector."""
        return self.for_feed().defer("body")

    def for_feed(self):
        """A listing that also shows each article's full body (the full-content feeds)."""
        return self.select_related("vertical", "series").prefetch_related("authors", "tags").defer("search_vector")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    title = models.CharField(max_length=200)
    slug = AddressSlugField(
        unique=True,
        blank=True,
        max_length=200,
        populate_from="title",
        help_text=f"The address: /articles/<slug>/. {SLUG_HELP}",
    )
    standfirst = models.TextField(
        max_length=500, help_text="The dek: one or two sentences under the title that say why to read on."
    )
    body = RichTextField()
    vertical = models.ForeignKey(Vertical, on_delete=models.PROTECT, related_name="articles")
    # A series keeps its articles: it cannot be deleted while it has any (they would keep a part number of nothing).
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    part = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Part number within the series; unique within it."
    )
    authors = models.ManyToManyField(Author, related_name="articles", blank=True)
    tags = TaggableManager(blank=True)

    hero = models.ForeignKey(
        "articles.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hero_of",
        help_text="From the image library: its alt text, caption and credit come with it.",
    )

    seo_title = models.CharField(max_length=70, blank=True, help_text="Title for search engines; the title if empty.")
    seo_description = models.CharField(
        max_length=200, blank=True, help_text="Description for search engines; the standfirst if empty."
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_date = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers see it. A date ahead schedules the article: it goes live by itself then.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked the facts still hold."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        editable=False,
    )

    word_count = models.PositiveIntegerField(default=0, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_date", "-created_at"]
        get_latest_by = "publish_date"
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "part"], condition=Q(series__isnull=False), name="unique_part_per_series"
            ),
            models.CheckConstraint(condition=Q(part__isnull=True) | Q(series__isnull=False), name="part_needs_series"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_date__isnull=False),
                name="published_article_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_date"], name="article_visibility_idx"),
            GinIndex(fields=["search_vector"], name="article_search_gin"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.part and not self.series_id:
            raise ValidationError({"part": "A part number needs a series."})

    def save(self, *args, **kwargs):
        self.word_count = len(html_words(self.body))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "word_count"}
        super().save(*args, **kwargs)

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_date is not None
            and self.publish_date <= timezone.now()
        )

    is_published.boolean = True

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_date is not None
            and self.publish_date > timezone.now()
        )

    @property
    def display_status(self):
        return "Scheduled" if self.is_scheduled() else self.get_status_display()

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def meta_title(self):
        return self.seo_title or self.title

    @property
    def meta_description(self):
        return self.seo_description or self.standfirst


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(default=timezone.localdate)
    note = models.TextField(help_text="What was wrong and what it now says.")

    class Meta:
        ordering = ["article", "date", "id"]

    def __str__(self):
        return f"Correction of {self.date}"


class ArticleTransition(models.Model):
    """One row per workflow step: who moved the article, when, from which status to which, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(max_length=12, choices=Article.Status.choices)
    action = models.CharField(max_length=30)
    comment = models.TextField(blank=True)
    publish_date = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        get_latest_by = "at"

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class PreviewLink(models.Model):
    """A shareable, revocable preview of an unpublished article for reviewers without an account."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%Y-%m-%d}"

    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class Resource(models.Model):
    class Kind(models.TextChoices):
        PAPER = "paper", "Paper"
        FRAMEWORK = "framework", "Framework"
        REGULATION = "regulation", "Regulation"
        DATASET = "dataset", "Dataset"
        TOOL = "tool", "Tool"

    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    vertical = models.ForeignKey(Vertical, on_delete=models.PROTECT, related_name="resources")
    note = models.TextField(blank=True, help_text="Why it matters, in a sentence or two.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["vertical__order", "order", "title"]

    def __str__(self):
        return self.title


class GlossaryTerm(models.Model):
    term = models.CharField(max_length=100, unique=True, help_text="As readers meet it in articles, e.g. RLHF.")
    slug = AddressSlugField(unique=True, blank=True, populate_from="term", help_text=SLUG_HELP)
    expansion = models.CharField(
        max_length=200, blank=True, help_text="The spelled-out name, e.g. reinforcement learning from human feedback."
    )
    short_definition = models.CharField(max_length=300)
    explanation = RichTextField()
    vertical = models.ForeignKey(
        Vertical, null=True, blank=True, on_delete=models.SET_NULL, related_name="glossary_terms"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("articles:glossary_term", kwargs={"slug": self.slug})

    @property
    def pattern(self):
        return re.compile(rf"\b{re.escape(self.term)}\b")


class SlugRedirect(models.Model):
    """An old slug of a renamed page, answered with a 301 to the page's current address."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    old_slug = models.SlugField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="unique_old_slug_per_type")
        ]

    def __str__(self):
        return f"{self.old_slug} → {self.target}"


# Models kept in their own modules (they refer to Article by name), imported so that Django registers them.
from .attention import HandledAttention  # noqa: E402, F401
from .references import Reference  # noqa: E402
from .source_health import SourceLink  # noqa: E402, F401

# Every edit of an article, with its references and corrections, is a revision editors can compare and restore.
# The search vector and word count are derived from the text, so they are left out.
reversion.register(Reference)
reversion.register(Correction)
reversion.register(Article, follow=["references", "corrections"], exclude=["search_vector", "word_count"])

from .editorial_models import ArticleComment, Notification, NotificationPreference  # noqa: E402, F401
from .images.models import Image, ImageTag, Rendition, TaggedImage  # noqa: E402,F401  (the image library)
