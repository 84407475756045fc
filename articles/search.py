"""Full-text search over published articles: PostgreSQL ranking where we have it, a plain fallback elsewhere."""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.utils.html import strip_tags

SEARCH_CONFIG = "english"


def is_postgres():
    return connection.vendor == "postgresql"


def weighted_vector(body_text):
    # Title outranks standfirst, which outranks the body.
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector(Value(body_text), weight="C", config=SEARCH_CONFIG)
    )


def update_search_vector(article):
    """Keep the stored vector current; called from Article.save()."""
    if not is_postgres():
        return
    from .models import Article

    Article.objects.filter(pk=article.pk).update(search_vector=weighted_vector(strip_tags(article.body or "")))
