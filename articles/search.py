"""Full-text search over published articles: PostgreSQL ranking where we have it, a plain fallback elsewhere.

``search(query, page)`` is the one entry point the view uses; both backends answer it with a page of published
articles, best first, each carrying an ``excerpt`` (safe HTML, matches in ``<mark>``).

On PostgreSQL each article keeps a stored, weighted search vector. ``index_article`` (a post_save receiver,
connected in ``articles.apps``) rebuilds it once the save has committed, so ``Article.save()`` knows nothing of
search, as simonw's blog rebuilds its search document in ``blog/signals.py``.
"""

import hashlib
import html as html_lib
import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from posttrain.cache import bump_generation, cached_by_generation
from posttrain.frontend_cache import request_purge
from posttrain.richtext import html_text

from .content_keys import SEARCH
from .models import Article

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_FALLBACK_WORDS = 8
RESULTS_PER_PAGE = 10
# The fields the stored vector is built from: a save that changes none of them leaves the vector as it is.
SEARCHED_FIELDS = {"title", "standfirst", "body"}
# Markers ts_headline puts around matches; never typed by a reader (control characters are stripped from queries).
_START, _STOP = "\x02", "\x03"


def is_postgres():
    return connection.vendor == "postgresql"


def weighted_vector(body):
    """The stored vector's expression; ``body`` is an expression giving the body's plain text."""
    # Title outranks standfirst, which outranks the body.
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector(body, weight="C", config=SEARCH_CONFIG)
    )


def index_article(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
    """post_save receiver: rebuild the article's search vector once the save has committed (PostgreSQL only)."""
    if raw or not is_postgres():
        return
    if update_fields is not None and not SEARCHED_FIELDS.intersection(update_fields):
        return
    # Robust: the save has committed by then; a vector that fails to build is logged (search misses the article until
    # its next save), never turned into an error page for the editor whose save succeeded.
    pk = instance.pk
    transaction.on_commit(lambda: update_search_vector(pk), using=using, robust=True)


def update_search_vector(pk):
    """Store one article's vector, built from its text as committed."""
    with transaction.atomic():
        # The row lock orders this after any save of the row still in flight, so the last vector written is always
        # that of the newest text, whichever of two editors' commits runs its callback first.
        row = Article.objects.select_for_update().filter(pk=pk).values_list("body", "status").first()
        if row is None:  # deleted since
            return
        body, status = row
        # Angle brackets of decoded text ("the <script> tag") would read as markup to PostgreSQL's parser.
        words = html_text(body).replace("<", " ").replace(">", " ")
        Article.objects.filter(pk=pk).update(search_vector=weighted_vector(Value(words)))
    # Search results are cached per content generation and in shared caches, and the vector changed what they are
    # (a draft's vector changes no result: search lists published articles only).
    bump_generation()
    if status == Article.Status.PUBLISHED:
        request_purge([SEARCH])


def clean_query(raw):
    """What a reader typed, made safe to search for: no control characters (NUL included), bounded length."""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cf") else ch for ch in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def ranked(query):
    """Published articles matching the query, best first. Empty queries match nothing."""
    query = clean_query(query)
    published = Article.objects.published()
    if not query:
        return published.none()
    if is_postgres():
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            published.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-publish_date", "-pk")
        )
    return _fallback_ranked(published, query)


def _words(query):
    words = [word.strip("\"'+-()") for word in query.split()]
    return [word for word in words if word][:MAX_FALLBACK_WORDS]


def _fallback_ranked(published, query):
    """SQLite: every word must appear somewhere; a word in the title counts 4, standfirst 2, body 1."""
    words = _words(query)
    if not words:
        return published.none()
    condition = Q()
    score = Value(0)
    for word in words:
        condition &= Q(title__icontains=word) | Q(standfirst__icontains=word) | Q(body__icontains=word)
        score = (
            score
            + Case(When(title__icontains=word, then=Value(4)), default=Value(0), output_field=IntegerField())
            + Case(When(standfirst__icontains=word, then=Value(2)), default=Value(0), output_field=IntegerField())
            + Case(When(body__icontains=word, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    return published.filter(condition).annotate(rank=score).order_by("-rank", "-publish_date", "-pk")


def search(query, page_number=1, per_page=RESULTS_PER_PAGE):
    """A page of ranked results for the query; every article on it has an ``excerpt``.

    Ranking every match and writing headlines costs tens of milliseconds, so a page of results is cached until
    content changes (the generation moves on with every edit, publish and scheduled publish time).
    """
    query = clean_query(query)
    key = hashlib.sha256(f"{query}\x00{page_number}\x00{per_page}".encode("utf-8", "surrogateescape")).hexdigest()
    number, count, articles = cached_by_generation(
        f"search:{key}", lambda: _search_page(query, page_number, per_page)
    )
    # Only the count and the page size matter to the page (start index, next/previous): no rows are kept.
    return Page(articles, number, Paginator(range(count), per_page))


def _search_page(query, page_number, per_page):
    results = ranked(query).select_related("vertical")
    if is_postgres():
        # Headlines come from the database; the rows need neither the ~10 KB body nor the vector.
        results = results.defer("body", "search_vector")
    paginator = Paginator(results, per_page)
    page = paginator.get_page(page_number)
    articles = list(page.object_list)
    excerpts = _pg_excerpts(articles, query) if is_postgres() else {}
    for article in articles:
        article.excerpt = excerpts.get(article.pk) or _fallback_excerpt(article.standfirst, article.body, query)
    return page.number, paginator.count, articles


def strip_tags_sql(expression):
    """The SQL expression's HTML with every tag replaced by a space (entities are left as they are)."""
    return Func(
        expression, Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )


def _pg_excerpts(articles, query):
    """Headlines for one page of results only: ts_headline is costly, so never for the whole result set."""
    if not articles:
        return {}
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    rows = (
        Article.objects.filter(pk__in=[article.pk for article in articles])
        .annotate(
            headline=SearchHeadline(
                Concat("standfirst", Value(" "), strip_tags_sql(F("body")), output_field=TextField()),
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("pk", "headline", "standfirst", "body")
    )
    # A match only in the title leaves no marker in the headline: excerpt the start of the text instead.
    return {
        pk: (
            _highlight_markers(headline)
            if headline and _START in headline
            else _fallback_excerpt(standfirst, body, query)
        )
        for pk, headline, standfirst, body in rows
    }


def _highlight_markers(text):
    # Escape everything the database returned, then turn our markers (which escape() leaves alone) into <mark>.
    # The database saw the body's HTML with its entities; decode them before escaping once for the page.
    safe = escape(html_lib.unescape(text)).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - built from escaped text and our own markers only


def _fallback_excerpt(standfirst, body, query, width=110):
    """An excerpt around the first word found in the standfirst or body, matches marked."""
    text = f"{standfirst} {html_text(body)}"
    words = _words(query)
    if not words:
        return escape(text[: width * 2])
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.I)
    match = pattern.search(text)
    start = max(0, (match.start() if match else 0) - width)
    end = min(len(text), start + width * 2)
    snippet = text[start:end]
    pieces, last = [], 0
    for found in pattern.finditer(snippet):
        pieces.append(escape(snippet[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(escape(snippet[last:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped above
