"""Which pages a change of our content affects, and what each page names: the content keys of shared caches.

posttrain/frontend_cache.py explains the vocabulary (``article-12``, ``list-home``, ``site``). A page names the
objects it shows in full and the listing it is; a change names every page it can alter, as the row was before the
change and after it. Two rules keep the pairs honest:

- an article page names its vertical and tags, because its related reads are chosen by shared tags, then vertical:
  any article that could enter or leave that list purges one of them;
- a listing names itself (``list-home``), not its items, and every change that can alter it names it.

Drafts and articles in review no reader has seen purge nothing. A scheduled article purges
as it is scheduled: cached pages were given lifetimes that did not know its publication time.
"""

from django.contrib.contenttypes.models import ContentType

from posttrain.frontend_cache import instance_key, list_key

from . import image_usage
from .models import Article

HOME, FEEDS, SITEMAP, SEARCH = list_key("home"), list_key("feeds"), list_key("sitemap"), list_key("search")
GLOSSARY, MENTIONS, RESOURCES = list_key("glossary"), list_key("mentions"), list_key("resources")
# Every listing of articles that has no object of its own: an article change must reach all of them.
ARTICLE_LISTINGS = (HOME, FEEDS, SITEMAP, SEARCH, MENTIONS)


def _key(model_name, pk):
    return f"{model_name}-{pk}" if pk is not None else None


def article_page(article, authors, tags):
    """What an article page names (and its preview, were it cached): the article, its series, vertical, authors and
    tags, and the glossary its body links to. Made with the page's other derived parts (articles/derived.py)."""
    return [
        instance_key(article), _key("series", article.series_id), _key("vertical", article.vertical_id),
        *(instance_key(author) for author in authors), *(instance_key(tag) for tag in tags), GLOSSARY,
    ]


# --- What a change affects -------------------------------------------------------------------------------------


def article_changed(article):
    if article.status in (Article.Status.DRAFT, Article.Status.REVIEW):
        # Not visible now; if it was before this save, its keys as it was are purged (posttrain.cache). An
        # unpublished article was seen once: the workflow's moves send no pre_save, so it names its keys itself.
        return []
    keys = [instance_key(article), _key("series", article.series_id), _key("vertical", article.vertical_id)]
    if article.pk is not None:
        keys += [instance_key(author) for author in article.authors.all()]
        keys += [_key("tag", pk) for pk in article.tags.values_list("pk", flat=True)]
    return [key for key in (*keys, *ARTICLE_LISTINGS) if key]


def series_changed(series):
    return [instance_key(series), _key("vertical", series.vertical_id), HOME, FEEDS, SITEMAP]


def planned_part_changed(part):
    return [_key("series", part.series_id)]


def author_changed(author):
    # Its name is on each of its articles' pages: they name the author.
    return [instance_key(author)]


def tag_changed(tag):
    return [instance_key(tag), FEEDS, SITEMAP]


def tagged_item_changed(item):
    # A tag added to or removed from a row: the tag's pages, and the row's own page.
    model_name = ContentType.objects.get_for_id(item.content_type_id).model  # cached: no query per tag
    return [_key("tag", item.tag_id), _key(model_name, item.object_id)]


def article_part_changed(part):
    """A reference or correction: shown on its article's page only."""
    return [_key("article", part.article_id)]


def resource_changed(resource):
    return [RESOURCES, _key("vertical", resource.vertical_id)]


def glossary_term_changed(term):
    # The glossary, the term's page, its vertical's page, and every article page (they link terms): GLOSSARY.
    return [instance_key(term), GLOSSARY, SITEMAP, _key("vertical", term.vertical_id)]


def image_changed(image):
    """A library image (its text, focal point or file): the pages of the articles showing it, as hero or figure."""
    keys = []
    for article in image_usage.articles_using(image).prefetch_related("authors", "tags"):
        keys += article_changed(article)
    return list(dict.fromkeys(keys))


def rendition_changed(rendition):
    # A new size lets the pages of the image's articles offer it (until then they show the original).
    return image_changed(rendition.image)


def slug_redirect_changed(redirect):
    # Redirects and 404s are never kept by a shared cache, so a held or released slug affects no cached page.
    return []


KEYS_BY_MODEL = {
    "Article": article_changed,
    "Series": series_changed,
    "PlannedPart": planned_part_changed,
    "Author": author_changed,
    "Reference": article_part_changed,
    "Correction": article_part_changed,
    "Resource": resource_changed,
    "GlossaryTerm": glossary_term_changed,
    "SlugRedirect": slug_redirect_changed,
    "Image": image_changed,
    "Rendition": rendition_changed,
}
