"""The reader site's article pages: article, series, tag, author, glossary, resources, search.

Every list of articles starts from ``Article.objects.published()``. Views are thin functions: they fetch what the page
shows in a fixed number of queries and hand it to the template; the derived parts of an article page live in
reading.py, the helpers every app's pages share (absolute URLs, pagination, JSON-LD) in posttrain.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from taggit.models import Tag

from posttrain import jsonld
from posttrain.cache import cache_public_page, cached_by_generation
from posttrain.frontend_cache import shows
from posttrain.web import absolute_url, cached_page_of, page_of, redirect_or_404

from . import content_keys, derived, reading
from . import search as search_backend
from .models import Article, Author, GlossaryTerm, Resource, Series
from .slugs import find_redirect


# --- Article --------------------------------------------------------------------------------------------------
def render_article(request, article, *, preview=False, open_threads=()):
    """The article page exactly as readers see it. Editorial previews call this with preview=True; the staff preview
    also passes the open comment threads, shown above the article (never to readers)."""
    # Editors (previewing, or signed in on the live site) see the page derived afresh, never a shared copy.
    fresh = preview or request.user.is_authenticated
    parts = derived.derive_page(article) if fresh else derived.published_page(article)
    context = {"article": article, **parts, "preview": preview, "open_threads": open_threads}
    # The keys shared caches purge it by (posttrain/frontend_cache.py); a preview is private, so no cache keeps it.
    response = shows(render(request, "articles/article_detail.html", context), *parts["content_keys"])
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
    return response


def article_queryset():
    # The body is read only when the page's derived parts are made (articles/derived.py), once per generation, with
    # the authors, tags, references and the hero's renditions; the search vector only by search, in SQL.
    return Article.objects.published().select_related("vertical", "series", "hero").defer("body", "search_vector")


@require_safe
@cache_public_page
def article_detail(request, slug):
    def find():
        return article_queryset().filter(slug=slug).first()

    # Editors signed in on the live site get the row as it is now, never a shared copy.
    article = find() if request.user.is_authenticated else derived.published_article(slug, find)
    if article is None:
        return redirect_or_404(find_redirect(Article, slug), Article.objects.published())
    return render_article(request, article)


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
        "series": series,
        "parts": derived.series_parts(series),
        "crumbs": crumbs,
        "jsonld": [jsonld.breadcrumbs(crumbs)],
    }
    return shows(render(request, "articles/series_detail.html", context), series)


# --- Tag and author --------------------------------------------------------------------------------------------
@require_safe
@cache_public_page
def tag_detail(request, slug):
    tag = cached_by_generation(f"tag:{slug}", lambda: Tag.objects.filter(slug=slug).first())
    if tag is None:
        raise Http404("No such tag.")
    listing = Article.objects.published().filter(tags__slug=tag.slug).for_listing()
    page = cached_page_of(f"tag-{tag.pk}", listing, request)
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
        derived.glossary_terms(),
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
