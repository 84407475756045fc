"""The editorial calendar: what is planned, written, scheduled and live, per series and per vertical.

Editors see everything. A writer sees the titles of their own articles, of published ones and the series plans
(readers see those too); the readiness counts include everyone's work, but another writer's draft, article in review
or scheduled article is only a withheld placeholder, never its title, date or address (SECURITY.md).

A fixed number of queries whatever the number of series, parts and articles.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from verticals.models import Vertical

from . import attention, workflow
from .models import Article, PlannedPart, Series

Status = Article.Status
STAGES = ("planned", "draft", "review", "scheduled", "published")


@dataclass
class Readiness:
    label: str
    planned: int = 0
    draft: int = 0
    review: int = 0
    scheduled: int = 0
    published: int = 0
    series: list = field(default_factory=list)

    def add(self, counts):
        for stage in STAGES:
            setattr(self, stage, getattr(self, stage) + counts.get(stage, 0))

    @property
    def total(self):
        return sum(getattr(self, stage) for stage in STAGES)


@dataclass(frozen=True)
class Withheld:
    """Someone else's unpublished article in a writer's calendar: it holds its part's slot, nothing more."""

    part: int | None
    withheld: bool = True
    display_status: str = "Not published yet"
    publish_date: None = None


class CalendarView:
    """Which articles a user's calendar names, and where each one links to."""

    def __init__(self, user, now):
        self.everything = user is None or workflow.is_editor(user)
        self.now = now
        self.own = set() if self.everything else set(
            Article.objects.filter(workflow.owned_by(user)).values_list("pk", flat=True)
        )

    def shows(self, article):
        return self.everything or article.pk in self.own or (
            article.status == Status.PUBLISHED and article.publish_date <= self.now
        )

    def present(self, article):
        """The article with the address its title links to, or the placeholder."""
        if not self.shows(article):
            return Withheld(article.part)
        if self.everything or article.pk in self.own:
            article.calendar_url = reverse("admin:articles_article_change", args=[article.pk])
        else:
            article.calendar_url = article.get_absolute_url()  # a published article of someone else: its page
        return article

    def own_only(self, queryset):
        return queryset if self.everything else queryset.filter(pk__in=self.own)


@dataclass
class PartRow:
    part: int | None
    planned: PlannedPart | None = None
    articles: list = field(default_factory=list)


def _article_counts(now):
    rows = (
        Article.objects.order_by()
        .values("vertical_id", "series_id")
        .annotate(
            draft=Count("pk", filter=Q(status=Status.DRAFT)),
            review=Count("pk", filter=Q(status=Status.REVIEW)),
            scheduled=Count("pk", filter=Q(status=Status.PUBLISHED, publish_date__gt=now)),
            published=Count("pk", filter=Q(status=Status.PUBLISHED, publish_date__lte=now)),
        )
    )
    return list(rows)


def _planned_counts():
    """Parts announced but with no article in that slot yet, per series."""
    written = Article.objects.filter(series=OuterRef("series"), part=OuterRef("part"))
    rows = (
        PlannedPart.objects.order_by()
        .annotate(written=Exists(written))
        .filter(written=False)
        .values("series_id")
        .annotate(planned=Count("pk"))
    )
    return {row["series_id"]: row["planned"] for row in rows}


def part_rows(series, view):
    """One row per part number, pairing the announced part with the articles written for it."""
    rows = {}
    for planned in series.planned_parts.all():
        rows.setdefault(planned.part, PartRow(planned.part)).planned = planned
    loose = []
    for article in map(view.present, series.articles.all()):
        if article.part is None:
            loose.append(article)
        else:
            rows.setdefault(article.part, PartRow(article.part)).articles.append(article)
    ordered = [rows[number] for number in sorted(rows)]
    if loose:
        ordered.append(PartRow(None, articles=loose))
    return ordered


def editorial_calendar(now=None, *, user=None):
    """The calendar as `user` may see it (None: everything, for commands and tests)."""
    now = now or timezone.now()
    view = CalendarView(user, now)
    articles = Article.objects.only(
        "pk", "title", "slug", "status", "publish_date", "series_id", "part"
    ).order_by("part", "publish_date", "pk")
    series_list = list(
        Series.objects.select_related("vertical").prefetch_related(
            "planned_parts", Prefetch("articles", queryset=articles)
        )
    )
    for series in series_list:
        series.rows = part_rows(series, view)

    by_vertical = {vertical.pk: Readiness(vertical.name) for vertical in Vertical.objects.all()}
    by_series = {series.pk: Readiness(series.title) for series in series_list}
    for series in series_list:
        by_vertical[series.vertical_id].series.append(by_series[series.pk])
    for row in _article_counts(now):
        by_vertical[row["vertical_id"]].add(row)
        if row["series_id"] in by_series:
            by_series[row["series_id"]].add(row)
    planned_counts = _planned_counts()
    for series in series_list:
        planned = planned_counts.get(series.pk, 0)
        by_series[series.pk].planned = planned
        by_vertical[series.vertical_id].planned += planned

    totals = Readiness("All verticals")
    for readiness in by_vertical.values():
        totals.add({stage: getattr(readiness, stage) for stage in STAGES})

    scheduled = view.own_only(
        Article.objects.scheduled().select_related("vertical", "series").prefetch_related("authors")
    ).order_by("publish_date")
    in_review = view.own_only(Article.objects.in_review()).select_related("vertical", "series").order_by("updated_at")
    return {
        "now": now,
        "series_list": series_list,
        "readiness": list(by_vertical.values()),
        "totals": totals,
        "scheduled": [view.present(article) for article in scheduled],
        "in_review": [view.present(article) for article in in_review],
        "everything": view.everything,
        # Editors only: the rows name articles of every writer.
        "attention": attention.counts(attention.needs_attention()) if view.everything else None,
        "stages": STAGES,
    }
