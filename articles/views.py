"""The reader site's article pages: article, series, tag, author, glossary, resources, search.

Every list of articles starts from ``Article.objects.published()``. Views are thin: they fetch what the page shows in
a fixed number of queries and hand it to the template; the derived parts of an article page live in reading.py.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from taggit.models import Tag

from posttrain.cache import cache_public_page, cached_by_generation

from . import reading
from . import search as search_backend
from .models import Article, Author, GlossaryTerm, Resource, Series
from .slugs import find_redirect

PER_PAGE = 20


# --- Helpers shared with verticals.views --------------------------------------------------------------------------
@dataclass
class SimplePage:
    """One page of a list without a COUNT query: we fetch one row more than we show to know if there is a next."""

    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def page_of(queryset, request, per_page=PER_PAGE):
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    number = min(max(number, 1), 10_000)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    return SimplePage(items=rows[:per_page], number=number, has_next=len(rows) > per_page)


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def redirect_or_404(model, slug, visible=None):
    """301 to the current address of a renamed page, if readers may see it; else 404."""
    target = find_redirect(model, slug)
    if target is not None and (visible is None or visible.filter(pk=target.pk).exists()):
        return HttpResponsePermanentRedirect(target.get_absolute_url())
    raise Http404(f"No {model._meta.verbose_name} here.")


def breadcrumb_jsonld(crumbs):
    """crumbs: [(name, path)] from the home page down to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def publisher_jsonld():
    return {
        "@type": "Organization",
        "name": "PostTrain",
        "url": absolute(reverse("verticals:home")),
        "logo": {"@type": "ImageObject", "url": absolute(static("img/social-card.png"))},
    }


def series_parts(series):
    """The parts of a series, shared by its page and every article in it; cached until content changes."""
    return cached_by_generation(f"series-parts:{series.pk}", lambda: reading.series_parts(series))


# --- Article --------------------------------------------------------------------------------------------------
def article_jsonld(article):
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
        for author in article.authors.all()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.meta_description,
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "url": absolute(article.get_absolute_url()),
        "author": authors or [publisher_jsonld()],
        "publisher": publisher_jsonld(),
        "articleSection": article.vertical.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": article.word_count,
    }
    if article.publish_date:
        data["datePublished"] = article.publish_date.isoformat()
        data["dateModified"] = max(article.updated_at, article.publish_date).isoformat()
    data["image"] = [absolute(article.hero_image.url if article.hero_image else static("img/social-card.png"))]
    if article.series_id:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": article.series.title,
                            "url": absolute(article.series.get_absolute_url())}
    return data


def article_crumbs(article):
    crumbs = [("Home", reverse("verticals:home")), (article.vertical.name, article.vertical.get_absolute_url())]
    if article.series_id:
        crumbs.append((article.series.title, article.series.get_absolute_url()))
    crumbs.append((article.title, article.get_absolute_url()))
    return crumbs


def render_article(request, article, *, preview=False):
    """The article page exactly as readers see it. Editorial previews call this with preview=True."""
    body, toc = reading.add_heading_anchors(article.body)
    body = reading.link_glossary_terms(body, cached_by_generation("glossary-terms", reading.glossary_terms_for_linking))
    crumbs = article_crumbs(article)
    context = {
        "article": article,
        "body": body,
        "toc": reading.nest_toc(toc),
        "toc_size": len(toc),
        "authors": list(article.authors.all()),
        "tags": list(article.tags.all()),
        "references": list(article.references.all()),
        "corrections": list(article.corrections.all()),
        "position": reading.series_position(article, series_parts(article.series)) if article.series_id else None,
        "related": cached_by_generation(f"related:{article.pk}", lambda: reading.related_articles(article)),
        "crumbs": crumbs,
        "jsonld": [article_jsonld(article), breadcrumb_jsonld(crumbs)],
        "preview": preview,
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
        .select_related("vertical", "series")
        .prefetch_related("authors", "tags", "references", "corrections")
        .defer("search_vector")  # only search reads it, in SQL; the page would carry it over the wire for nothing
    )


@require_safe
@cache_public_page
def article_detail(request, slug):
    article = article_queryset().filter(slug=slug).first()
    if article is None:
        return redirect_or_404(Article, slug, Article.objects.published())
    return render_article(request, article)


# --- Series ----------------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def series_detail(request, slug):
    series = Series.objects.select_related("vertical").filter(slug=slug).first()
    if series is None:
        return redirect_or_404(Series, slug)
    crumbs = [
        ("Home", reverse("verticals:home")),
        (series.vertical.name, series.vertical.get_absolute_url()),
        (series.title, series.get_absolute_url()),
    ]
    return render(
        request,
        "articles/series_detail.html",
        {
            "series": series,
            "parts": series_parts(series),
            "crumbs": crumbs,
            "jsonld": [breadcrumb_jsonld(crumbs)],
        },
    )


# --- Tag and author --------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = page_of(Article.objects.published().filter(tags__slug=tag.slug).for_listing(), request)
    if not page.items:
        # A tag used only on unpublished articles does not exist for readers.
        raise Http404("No published articles with this tag.")
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})


@require_safe
@cache_public_page
def author_detail(request, slug):
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        return redirect_or_404(Author, slug)
    page = page_of(Article.objects.published().filter(authors=author).for_listing(), request)
    return render(request, "articles/author_detail.html", {"author": author, "page": page})


# --- Glossary and resources ------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def glossary(request):
    terms = list(GlossaryTerm.objects.select_related("vertical"))
    letters = {}
    for term in terms:
        letter = term.term[:1].upper()
        letters.setdefault(letter if letter.isalpha() else "#", []).append(term)
    return render(request, "articles/glossary.html", {"letters": sorted(letters.items())})


@require_safe
@cache_public_page
def glossary_term(request, slug):
    term = GlossaryTerm.objects.select_related("vertical").filter(slug=slug).first()
    if term is None:
        return redirect_or_404(GlossaryTerm, slug)
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
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": term.term,
        "description": term.short_definition,
        "url": absolute(term.get_absolute_url()),
        "inDefinedTermSet": absolute(reverse("articles:glossary")),
    }
    return render(
        request,
        "articles/glossary_term.html",
        {
            "term": term,
            "explanation": explanation,
            "mentions": mentions,
            "crumbs": crumbs,
            "jsonld": [definition, breadcrumb_jsonld(crumbs)],
        },
    )


@require_safe
@cache_public_page
def resources(request):
    return render(request, "articles/resources.html", {"resources": Resource.objects.select_related("vertical")})


# --- Search ----------------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def search(request):
    raw = request.GET.get("q", "")
    query = search_backend.clean_query(raw)
    page = search_backend.search(query, request.GET.get("page", 1)) if query else None
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "shortened": len(raw) > search_backend.MAX_QUERY_LENGTH,
            "page": page,
            "max_length": search_backend.MAX_QUERY_LENGTH,
        },
    )
