"""What the article change form posts, for tests that drive the admin like a browser would."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from posttrain.admin_concurrency import ROW_VERSION_PREFIX, VERSION_FIELD
from tests.adminversions import loaded_version, row_version


def article_form_data(article=None, **overrides):
    data = {
        "title": article.title if article else "A new article",
        "slug": article.slug if article else "a-new-article",
        "standfirst": article.standfirst if article else "Why it matters.",
        "body": article.body if article else "<p>Body.</p>",
        "vertical": str(article.vertical_id) if article else "",
        "series": str(article.series_id or "") if article else "",
        "part": str(article.part or "") if article else "",
        "authors": [str(pk) for pk in article.authors.values_list("pk", flat=True)] if article else [],
        "tags": "",
        "hero": str(article.hero_id or "") if article else "",
        "seo_title": "",
        "seo_description": "",
        "last_reviewed": "",
    }
    for prefix in ("references", "corrections"):
        data.update(management_form(prefix))
    if article:
        data[VERSION_FIELD] = loaded_version(article)
    data.update(overrides)
    return data


def management_form(prefix):
    """An inline formset with no rows, as the admin posts it."""
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def changelist_url():
    return reverse("admin:articles_article_changelist")


def workflow_url(article, action):
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


def step(client, article, action, data=None, **kwargs):
    """Press a workflow button (or submit its page) on the article as it is now."""
    return client.post(workflow_url(article, action), {VERSION_FIELD: row_version(article), **(data or {})}, **kwargs)


def bulk(client, action, articles, **extra):
    """Run a list action on the articles as the list shows them now."""
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(a.pk) for a in articles], "index": "0"}
    data.update({f"{ROW_VERSION_PREFIX}{a.pk}": row_version(a) for a in articles})
    return client.post(changelist_url(), {**data, **extra}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
