"""Everything an article page derives from content, worked out once per content generation instead of per request.

The heading anchors and table of contents, the glossary links, the figures' responsive markup
(articles/images/markup.py), the hero picture and social card, the byline, the dates, the tags, the numbered
references and citation marks (citations.py), the corrections, the series position, the related reads, the
breadcrumbs and the JSON-LD all follow from rows that only change when an editor saves something. Saving any content
row moves the content generation on (posttrain.cache), so the reader page keeps one ready-made set per article and
generation, shared by every web process, and the view's only work per request is finding the article and rendering
the template. The reading time comes from the word count that ``Article.save()`` stores. The editorial preview derives
everything afresh (``derive_page``).
"""

from django.templatetags.static import static
from django.urls import reverse

from posttrain import jsonld
from posttrain.cache import cached_by_generation
from posttrain.web import absolute_url

from . import citations, content_keys, reading
from .images import markup as image_markup


def series_parts(series):
    """The parts of a series, shared by its page and every article in it; cached until content changes."""
    return cached_by_generation(f"series-parts:{series.pk}", lambda: reading.series_parts(series))


def glossary_terms():
    return cached_by_generation("glossary-terms", reading.glossary_terms_for_linking)


def article_jsonld(article, authors, tags):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.meta_description,
        "mainEntityOfPage": absolute_url(article.get_absolute_url()),
        "url": absolute_url(article.get_absolute_url()),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
            for author in authors
        ]
        or [jsonld.publisher()],
        "publisher": jsonld.publisher(),
        "articleSection": article.vertical.name,
        "keywords": [tag.name for tag in tags],
        "wordCount": article.word_count,
    }
    if article.publish_date:
        data["datePublished"] = article.publish_date.isoformat()
        data["dateModified"] = max(article.updated_at, article.publish_date).isoformat()
    data["image"] = image_markup.jsonld_images(article.hero, absolute_url) or [absolute_url(static(jsonld.SOCIAL_CARD))]
    if article.series_id:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": article.series.title,
            "url": absolute_url(article.series.get_absolute_url()),
        }
    return data


def article_crumbs(article):
    crumbs = [("Home", reverse("verticals:home")), (article.vertical.name, article.vertical.get_absolute_url())]
    if article.series_id:
        crumbs.append((article.series.title, article.series.get_absolute_url()))
    crumbs.append((article.title, article.get_absolute_url()))
    return crumbs


def byline(authors):
    """[(separator, name, url)] that read "A, B and C": the separator goes before each name."""
    last = len(authors) - 1
    return [
        ("" if i == 0 else " and " if i == last else ", ", author.name, author.get_absolute_url())
        for i, author in enumerate(authors)
    ]


def article_dates(article):
    """[(label, date)] for the page's dates: published; updated, if edited on a later day; last reviewed."""
    dates = []
    if article.publish_date:
        dates.append(("Published", article.publish_date))
        if article.updated_at.date() > article.publish_date.date():
            dates.append(("Updated", article.updated_at))
    if article.last_reviewed:
        dates.append(("Last reviewed", article.last_reviewed))
    return dates


def derive_page(article):
    """The article page's derived parts, computed now: a dict the template reads beside ``article``."""
    body, toc = reading.add_heading_anchors(article.body)
    body, references = citations.number_citations(body, article.references.all())
    body = reading.link_glossary_terms(body, glossary_terms())
    body = image_markup.render_figures(body)
    authors, tags = list(article.authors.all()), list(article.tags.all())
    crumbs = article_crumbs(article)
    return {
        "body": body,
        "toc": reading.nest_toc(toc),
        "toc_size": len(toc),
        "byline": byline(authors),
        "dates": article_dates(article),
        "hero": image_markup.picture(article.hero, priority=True),
        "social_card": image_markup.social_card(article.hero),
        "tags": tags,
        "references": references,
        "corrections": list(article.corrections.all()),
        "position": reading.series_position(article, series_parts(article.series)) if article.series_id else None,
        "related": cached_by_generation(f"related:{article.pk}", lambda: reading.related_articles(article)),
        "crumbs": crumbs,
        "jsonld": [article_jsonld(article, authors, tags), jsonld.breadcrumbs(crumbs)],
        "content_keys": content_keys.article_page(article, authors, tags),
    }


def published_page(article):
    """The derived parts of a published article's page, made once per content generation and shared."""
    return cached_by_generation(f"article-page:{article.pk}", lambda: derive_page(article))


def published_article(slug, find):
    """The published article at `slug` (``find()`` looks it up), kept for the content generation; None if none."""
    return cached_by_generation(f"article:{slug}", find)
