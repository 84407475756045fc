"""The reader site's article pages: article, series, tag, author, glossary, resources, search.

Every list of articles starts from ``Article.objects.published()``. Views are thin functions: they fetch what the page
shows in a fixed number of queries and hand it to the template; the derived parts of an article page live in
reading.py, the helpers every app's pages share (absolute URLs, pagination, JSON-LD) in posttrain.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from taggit.models import Tag

from posttrain import jsonld
from posttrain.cache import cache_public_page, cached_by_generation
from posttrain.frontend_cache import shows
from posttrain.web import absolute_url, page_of, redirect_or_404

from . import citations, content_keys, reading
from . import search as search_backend
from .images import markup as image_markup
from .models import Article, Author, GlossaryTerm, Resource, Series
from .slugs import find_redirect


def series_parts(series):
    """The parts of a series, shared by its page and every article in it; cached until content changes."""
    return cached_by_generation(f"series-parts:{series.pk}", lambda: reading.series_parts(series))


# --- Article --------------------------------------------------------------------------------------------------
def article_jsonld(article):
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
        for author in article.authors.all()
    ]
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.meta_description,
        "mainEntityOfPage": absolute_url(article.get_absolute_url()),
        "url": absolute_url(article.get_absolute_url()),
        "author": authors or [jsonld.publisher()],
        "publisher": jsonld.publisher(),
        "articleSection": article.vertical.name,
        "keywords": [tag.name for tag in article.tags.all()],
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


def render_article(request, article, *, preview=False, open_threads=()):
    """The article page exactly as readers see it. Editorial previews call this with preview=True; the staff preview
    also passes the open comment threads, shown above the article (never to readers)."""
    body, toc = reading.add_heading_anchors(article.body)
    body, references = citations.number_citations(body, article.references.all())
    body = reading.link_glossary_terms(body, cached_by_generation("glossary-terms", reading.glossary_terms_for_linking))
    # Derived once per content generation, like the glossary links: a figure's markup changes only with content.
    body = cached_by_generation(f"figures:{article.pk}", lambda: image_markup.render_figures(body))
    crumbs = article_crumbs(article)
    context = {
        "article": article,
        "body": body,
        "toc": reading.nest_toc(toc),
        "toc_size": len(toc),
        "byline": byline(list(article.authors.all())),
        "dates": article_dates(article),
        "hero": image_markup.picture(article.hero, priority=True),
        "social_card": image_markup.social_card(article.hero),
        "tags": list(article.tags.all()),
        "references": references,
        "corrections": list(article.corrections.all()),
        "position": reading.series_position(article, series_parts(article.series)) if article.series_id else None,
        "related": cached_by_generation(f"related:{article.pk}", lambda: reading.related_articles(article)),
        "crumbs": crumbs,
        "jsonld": [article_jsonld(article), jsonld.breadcrumbs(crumbs)],
        "preview": preview,
        "open_threads": open_threads,
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
    return response


def article_queryset():
    return (
        Article.objects.published()
        .select_related("vertical", "series", "hero")
        .prefetch_related("authors", "tags", "references", "corrections", "hero__renditions")
        .defer("search_vector")  # only search reads it, in SQL; the page would carry it over the wire for nothing
    )


@require_safe
@cache_public_page
def article_detail(request, slug):
    article = article_queryset().filter(slug=slug).first()
    if article is None:
        return redirect_or_404(find_redirect(Article, slug), Article.objects.published())
    return shows(render_article(request, article), *content_keys.article_page(article))


# --- Series ----------------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def series_detail(request, slug):
    series = Series.objects.select_related("vertical").filter(slug=slug).first()
    if series is None:
        return redirect_or_404(find_redirect(Series, slug))
    crumbs = [
        ("Home", reverse("verticals:home")),
        (series.vertical.name, series.vertical.get_absolute_url()),
        (series.title, series.get_absolute_url()),
    ]
    context = {
        "series": series, "parts": series_parts(series), "crumbs": crumbs, "jsonld": [jsonld.breadcrumbs(crumbs)],
    }
    return shows(render(request, "articles/series_detail.html", context), series)


# --- Tag and author --------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = page_of(Article.objects.published().filter(tags__slug=tag.slug).for_listing(), request)
    if not page.items:
        # A tag used only on unpublished articles does not exist for readers.
        raise Http404("No published articles with this tag.")
    return shows(render(request, "articles/tag_detail.html", {"tag": tag, "page": page}), tag)


@require_safe
@cache_public_page
def author_detail(request, slug):
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        return redirect_or_404(find_redirect(Author, slug))
    page = page_of(Article.objects.published().filter(authors=author).for_listing(), request)
    return shows(render(request, "articles/author_detail.html", {"author": author, "page": page}), author)


# --- Glossary and resources ------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def glossary(request):
    terms = list(GlossaryTerm.objects.select_related("vertical"))
    letters = {}
    for term in terms:
        letter = term.term[:1].upper()
        letters.setdefault(letter if letter.isalpha() else "#", []).append(term)
    return shows(render(request, "articles/glossary.html", {"letters": sorted(letters.items())}), content_keys.GLOSSARY)


@require_safe
@cache_public_page
def glossary_term(request, slug):
    term = GlossaryTerm.objects.select_related("vertical").filter(slug=slug).first()
    if term is None:
        return redirect_or_404(find_redirect(GlossaryTerm, slug))
    explanation = reading.link_glossary_terms(
        term.explanation,
        cached_by_generation("glossary-terms", reading.glossary_terms_for_linking),
        skip_url=term.get_absolute_url(),
    )
    mentions = list(
        Article.objects.published()
        .filter(body__contains=term.term)
        .select_related("vertical")
        .defer("body", "search_vector")
        .order_by("-publish_date")[:10]
    )
    crumbs = [
        ("Home", reverse("verticals:home")),
        ("Glossary", reverse("articles:glossary")),
        (term.term, term.get_absolute_url()),
    ]
    definition = {
        "@context": jsonld.CONTEXT,
        "@type": "DefinedTerm",
        "name": term.term,
        "description": term.short_definition,
        "url": absolute_url(term.get_absolute_url()),
        "inDefinedTermSet": absolute_url(reverse("articles:glossary")),
    }
    context = {
        "term": term,
        "explanation": explanation,
        "mentions": mentions,
        "crumbs": crumbs,
        "jsonld": [definition, jsonld.breadcrumbs(crumbs)],
    }
    return shows(
        render(request, "articles/glossary_term.html", context), term, content_keys.GLOSSARY, content_keys.MENTIONS
    )


@require_safe
@cache_public_page
def resources(request):
    context = {"resources": Resource.objects.select_related("vertical")}
    return shows(render(request, "articles/resources.html", context), content_keys.RESOURCES)


# --- Search ----------------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def search(request):
    raw = request.GET.get("q", "")
    query = search_backend.clean_query(raw)
    page = search_backend.search(query, request.GET.get("page", 1)) if query else None
    context = {
        "query": query,
        "shortened": len(raw) > search_backend.MAX_QUERY_LENGTH,
        "page": page,
        "max_length": search_backend.MAX_QUERY_LENGTH,
    }
    return shows(render(request, "articles/search.html", context), content_keys.SEARCH)
