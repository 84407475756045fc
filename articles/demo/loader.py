"""Write the demo content to the database, creating only what is missing.

Every row is looked up by its natural key (a slug, a URL, a series and part number) and created with the demo
values only when it is absent. Rows that exist are never updated, so an editor's changes survive a second run and
a second run writes nothing. Dates are computed from the moment of the load, so a fresh site always has some
articles already out, some scheduled and some still in the pipeline.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import reversion
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import (
    Article,
    ArticleTransition,
    Author,
    Correction,
    GlossaryTerm,
    PlannedPart,
    Resource,
    Series,
)
from verticals.models import SiteSettings, SocialLink, Vertical

from . import ai_enterprise, ai_regulation, ai_stack, beyond_ai, glossary, images, resources, site, sources

ARTICLES = [*ai_stack.ARTICLES, *ai_enterprise.ARTICLES, *ai_regulation.ARTICLES, *beyond_ai.ARTICLES]

# What SiteSettings.load() writes when the home page is visited before any settings exist: not an editor's choice.
PLACEHOLDER_HEADLINE = "PostTrain"

DEMO_COMMENT = "demo content"

# Demo articles go out at a civil hour rather than at whatever second the command happened to run.
PUBLISH_HOUR = 7


@dataclass
class Summary:
    created: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)
    # A breakdown of what was created, per kind: articles by demo state, settings by field filled in.
    details: dict = field(default_factory=lambda: defaultdict(Counter))

    def count(self, kind, created, n=1):
        (self.created if created else self.present)[kind] += n

    @property
    def total_created(self):
        return sum(self.created.values())

    @property
    def changed_anything(self):
        return bool(self.total_created or self.details["site settings"])

    def lines(self):
        lines = []
        for kind in dict.fromkeys([*self.created, *self.present]):
            detail = ", ".join(f"{n} {what}" for what, n in self.details[kind].items())
            detail = f" ({detail})" if detail else ""
            lines.append(f"{kind}: {self.created[kind]} created{detail}, {self.present[kind]} already present")
        return lines


def load(now=None):
    """Create whatever demo content is missing, in one transaction, and say what was created."""
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        _load_all(now, summary)
    return summary


def _load_all(now, summary):
    verticals = _load_verticals(summary)
    _load_site_settings(now, summary)
    authors = _load_authors(summary)
    series = _load_series(now, verticals, summary)
    _load_glossary(verticals, summary)
    _load_resources(verticals, summary)
    pictures = images.load_images(summary)
    _load_articles(now, verticals, series, authors, pictures, summary)
    sources.record_link_states(now, ARTICLES)


def _load_verticals(summary):
    verticals = {}
    for order, data in enumerate(site.VERTICALS, start=1):
        vertical, created = Vertical.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "short_description": data["short_description"],
                "intro": data["intro"],
                "order": order,
            },
        )
        summary.count("verticals", created)
        verticals[data["slug"]] = vertical
    return verticals


def _load_site_settings(now, summary):
    """Create the settings row, or fill in only what is still empty in one that exists."""
    demo = {
        "launch_date": timezone.localdate(now) + timedelta(days=site.LAUNCH_IN_DAYS),
        "headline": site.HEADLINE,
        "pitch": site.PITCH,
        "contact_email": site.CONTACT_EMAIL,
        "postal_address": site.POSTAL_ADDRESS,
        "about": site.ABOUT,
    }
    settings, created = SiteSettings.objects.get_or_create(pk=1, defaults=demo)
    if not created:
        blanks = [name for name in demo if getattr(settings, name) in (None, "")]
        if settings.headline == PLACEHOLDER_HEADLINE:
            blanks.append("headline")
        for name in blanks:
            setattr(settings, name, demo[name])
        if blanks:
            settings.save(update_fields=[*blanks, "updated_at"])
            summary.details["site settings"].update(f"{name} filled in" for name in blanks)
    summary.count("site settings", created)

    # Social links are a set the editors curate: add ours only to a site that has none at all.
    if not settings.social_links.exists():
        SocialLink.objects.bulk_create(
            SocialLink(site_settings=settings, label=label, url=url, order=order)
            for order, (label, url) in enumerate(site.SOCIAL_LINKS, start=1)
        )
        summary.count("social links", True, len(site.SOCIAL_LINKS))
    else:
        summary.count("social links", False, settings.social_links.count())


def _load_authors(summary):
    authors = {}
    for data in site.AUTHORS:
        author, created = Author.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
        )
        summary.count("authors", created)
        authors[data["slug"]] = author
    return authors


def _day(now, days):
    return timezone.localdate(now) + timedelta(days=days)


def _load_series(now, verticals, summary):
    all_series = {}
    for order, data in enumerate(site.SERIES, start=1):
        series, created = Series.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "vertical": verticals[data["vertical"]],
                "summary": data["summary"],
                "intro": data["intro"],
                "status": data["status"],
                "planned_start": _day(now, data["start_in_days"]),
                "order": order,
            },
        )
        summary.count("series", created)
        all_series[data["slug"]] = series

    # Parts announced before they are written, and the parts whose articles are not out yet: readers see
    # "coming <date>" for each, and the editorial calendar lists them.
    announced = [(data["slug"], part, title, days) for data in site.SERIES for part, title, days in data["upcoming"]]
    announced += [
        (a["series"], a["part"], a["title"], a["days"])
        for a in ARTICLES
        if a.get("series") and a["state"] != "published"
    ]
    for series_slug, part, title, days in announced:
        _, created = PlannedPart.objects.get_or_create(
            series=all_series[series_slug],
            part=part,
            defaults={"title": title, "planned_date": _day(now, days)},
        )
        summary.count("planned parts", created)
    return all_series


def _load_glossary(verticals, summary):
    for data in glossary.TERMS:
        # The term is unique too: an editor may have added it under another slug, and then it is present.
        term = GlossaryTerm.objects.filter(Q(slug=data["slug"]) | Q(term=data["term"])).first()
        if term is None:
            GlossaryTerm.objects.create(
                term=data["term"],
                slug=data["slug"],
                expansion=data.get("expansion", ""),
                short_definition=data["short_definition"],
                explanation=data["explanation"],
                vertical=verticals[data["vertical"]],
            )
        summary.count("glossary terms", term is None)


def _load_resources(verticals, summary):
    for order, data in enumerate(resources.RESOURCES, start=1):
        _, created = Resource.objects.get_or_create(
            url=data["url"],
            defaults={
                "title": data["title"],
                "kind": data["kind"],
                "vertical": verticals[data["vertical"]],
                "note": data["note"],
                "order": order,
            },
        )
        summary.count("resources", created)


def _load_articles(now, verticals, series, authors, pictures, summary):
    for data in ARTICLES:
        if Article.objects.filter(slug=data["slug"]).exists():
            summary.count("articles", False)
            continue
        article_series = series.get(data.get("series"))
        part = data.get("part")
        if article_series and Article.objects.filter(series=article_series, part=part).exists():
            # An editor already filled this slot with an article of their own; theirs wins.
            summary.count("articles", False)
            summary.details["articles"]["skipped: series part taken"] += 1
            continue

        with _own_revision():
            _load_article(now, data, verticals, article_series, authors, pictures)
        summary.count("articles", True)
        summary.details["articles"][data["state"]] += 1


@contextmanager
def _own_revision():
    """One django-reversion revision per article (when Article is registered), so restoring it touches no other."""
    if not reversion.is_registered(Article):
        yield
        return
    with reversion.create_revision():
        reversion.set_comment("Demo content")
        yield


def _load_article(now, data, verticals, article_series, authors, pictures):
    part = data.get("part")
    status, publish_date, last_reviewed = _publication(now, data)
    figure = pictures.get(images.FIGURES.get(data["slug"]))
    article = Article.objects.create(
        slug=data["slug"],
        title=data["title"],
        standfirst=data["standfirst"],
        # The figure goes after the opening section, where a reader first needs the picture.
        body=images.with_figure(data["body"], figure) if figure else data["body"],
        hero=pictures.get(images.HEROES.get(data["slug"])),
        vertical=verticals[data["vertical"]],
        series=article_series,
        part=part if article_series else None,
        status=status,
        publish_date=publish_date,
        last_reviewed=last_reviewed,
    )
    article.authors.set([authors[slug] for slug in data["authors"]])
    article.tags.add(*data["tags"])
    sources.create_references(article, data["references"])
    Correction.objects.bulk_create(
        Correction(
            article=article,
            date=timezone.localdate(publish_date) + timedelta(days=correction["days_after_publication"]),
            note=correction["note"],
        )
        for correction in data.get("corrections", [])
    )
    _record_history(now, article, data)
    if reversion.is_active():
        # The version saved with the row predates its authors and references; this one has them all.
        reversion.add_to_revision(article)


def _publication(now, data):
    """Status, publish date and last-reviewed date for the article's demo state, relative to now."""
    state, days = data["state"], data["days"]
    if state in ("published", "scheduled"):
        publish_date = (now + timedelta(days=days)).replace(hour=PUBLISH_HOUR, minute=0, second=0, microsecond=0)
        if state == "published" and data.get("review") == "overdue":
            last_reviewed = timezone.localdate(publish_date)  # never gone over since: "Needs attention" lists it
        elif state == "published":
            # Published a while ago; an editor went over the facts again in the last week or so.
            last_reviewed = max(timezone.localdate(publish_date), _day(now, -7))
        else:
            last_reviewed = timezone.localdate(now)
        return Article.Status.PUBLISHED, publish_date, last_reviewed
    status = Article.Status.REVIEW if state == "review" else Article.Status.DRAFT
    return status, None, None


def _record_history(now, article, data):
    """The workflow steps an editor would have taken, so the article's history is not empty."""
    if data["state"] == "draft":
        return
    submitted_at = min(now, article.publish_date or now) - timedelta(days=2)
    ArticleTransition.objects.create(
        article=article,
        user=None,
        at=submitted_at,
        from_status=Article.Status.DRAFT,
        to_status=Article.Status.REVIEW,
        action="submit",
        comment=DEMO_COMMENT,
    )
    if article.status == Article.Status.PUBLISHED:
        ArticleTransition.objects.create(
            article=article,
            user=None,
            at=min(now, article.publish_date),
            from_status=Article.Status.REVIEW,
            to_status=Article.Status.PUBLISHED,
            action="publish",
            comment=DEMO_COMMENT,
            publish_date=article.publish_date,
        )
