"""The "Needs attention" queue: what in published articles an editor should look at again.

Three kinds of row: a reference whose address is dead or has moved (source_health), an article whose last review is
older than EDITORIAL_REVIEW_MONTHS, and a reference to an arXiv version older than one cited elsewhere on the site.
Marking a row handled records who did it; the row stays away until what it reports changes (the address's status or
target, the article's review date, the newer version), and then it comes back.
"""

import calendar
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone

from .source_health import SourceLink
from .source_health import articles_model as _model


class HandledAttention(models.Model):
    key = models.CharField(max_length=120, unique=True)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="handled_attention")
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    handled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-handled_at"]
        verbose_name_plural = "handled attention rows"

    def __str__(self):
        return f"{self.key} handled {self.handled_at:%Y-%m-%d}"


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # "link", "review" or "arxiv"
    key: str
    article: object
    summary: str
    reference: object = None
    detail: str = ""
    url: str = ""


KIND_LABELS = {"link": "Dead or moved source", "review": "Review overdue", "arxiv": "Newer arXiv version"}


def months_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_due_before(today=None):
    return months_before(today or timezone.localdate(), settings.EDITORIAL_REVIEW_MONTHS)


def _key(*parts):
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:24]
    return f"{parts[0]}:{parts[1]}:{digest}"


def _link_items(published):
    Reference = _model("Reference")
    links = {link.url: link for link in SourceLink.objects.filter(status__in=["dead", "moved"])}
    references = Reference.objects.filter(article__in=published, url__in=list(links)).select_related("article")
    for reference in references:
        link = links[reference.url]
        if link.status == SourceLink.Status.DEAD:
            since = timezone.localtime(link.failing_since).date() if link.failing_since else ""
            summary = f"Dead: “{reference.title}” has not answered since {since} ({link.http_status or link.error})."
        else:
            summary = f"Moved: “{reference.title}” now answers at {link.final_url}."
        yield AttentionItem(
            "link", _key("link", reference.pk, link.status, link.url, link.final_url), reference.article, summary,
            reference, url=reference.url,
        )


def _review_items(published, today):
    due_before = review_due_before(today)
    overdue = published.filter(models.Q(last_reviewed__lt=due_before) | models.Q(last_reviewed__isnull=True))
    for article in overdue.order_by("last_reviewed", "pk"):
        when = f"last reviewed {article.last_reviewed:%-d %B %Y}" if article.last_reviewed else "never reviewed"
        yield AttentionItem(
            "review", _key("review", article.pk, article.last_reviewed), article,
            f"Review overdue: {when} (every {settings.EDITORIAL_REVIEW_MONTHS} months).",
        )


def _arxiv_items(published):
    Reference = _model("Reference")
    cited = Reference.objects.filter(article__in=published, arxiv_version__isnull=False)
    newest = dict(cited.order_by().values("arxiv_id").annotate(v=Max("arxiv_version")).values_list("arxiv_id", "v"))
    for reference in cited.select_related("article").order_by("arxiv_id", "pk"):
        latest = newest[reference.arxiv_id]
        if reference.arxiv_version < latest:
            yield AttentionItem(
                "arxiv", _key("arxiv", reference.pk, reference.arxiv_version, latest), reference.article,
                f"Cites arXiv:{reference.arxiv} while another article cites v{latest}.", reference,
            )


def needs_attention(today=None):
    """Every unhandled row, links first, then reviews, then arXiv versions."""
    Article = _model("Article")
    published = Article.objects.published()
    items = [*_link_items(published), *_review_items(published, today), *_arxiv_items(published)]
    handled = set(HandledAttention.objects.filter(key__in=[item.key for item in items]).values_list("key", flat=True))
    return [item for item in items if item.key not in handled]


def counts(items):
    """{kind: number of rows} for every kind, in queue order."""
    return {kind: sum(item.kind == kind for item in items) for kind in KIND_LABELS}


def mark_handled(key, user):
    """Mark the row with this key handled; False if no such row is in the queue (already handled, or stale)."""
    item = next((item for item in needs_attention() if item.key == key), None)
    if item is None:
        return False
    HandledAttention.objects.get_or_create(key=key, defaults={"article": item.article, "handled_by": user})
    return True
