"""Draft, in-review, scheduled and unpublished articles never show on any public surface."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    PlannedPartFactory,
    SeriesFactory,
    VerticalFactory,
)

from .conftest import assert_only_published

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "in_review", "scheduled", "unpublished"]


@pytest.fixture
def world(db, committed):
    """Hidden articles share everything with a published one: vertical, series, tags, author, glossary term."""
    with committed():  # search finds what was committed
        vertical = VerticalFactory(slug="ai", name="AI model post-training")
        series = SeriesFactory(vertical=vertical, slug="stack", title="The stack")
        author = AuthorFactory(slug="ada", name="Ada")
        GlossaryTermFactory(term="GRPO", slug="grpo")
        visible = ArticleFactory(
            title="Visible published piece",
            slug="visible-piece",
            vertical=vertical,
            series=series,
            part=1,
            tags=["rlvr", "grpo"],
            authors=[author],
            body="<h2>GRPO</h2><p>GRPO compares answers in a group.</p>",
        )
        hidden = {}
        for number, state in enumerate(HIDDEN_STATES, start=2):
            hidden[state] = ArticleFactory(
                **{state: True},
                title=f"Secret {state} piece",
                slug=f"secret-{state.replace('_', '-')}",
                standfirst=f"Secret standfirst {state}",
                vertical=vertical,
                series=series,
                part=number,
                tags=["rlvr", "grpo", "hidden-only"] if state == "draft" else ["rlvr", "grpo"],
                authors=[author],
                body="<p>Secret body about GRPO and group relative advantages.</p>",
            )
    return {"vertical": vertical, "series": series, "author": author, "visible": visible, "hidden": hidden}


def public_urls(world):
    return [
        "/",
        world["vertical"].get_absolute_url(),
        world["series"].get_absolute_url(),
        world["visible"].get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "rlvr"}),
        world["author"].get_absolute_url(),
        reverse("articles:glossary"),
        reverse("articles:glossary_term", kwargs={"slug": "grpo"}),
        reverse("articles:resources"),
        reverse("verticals:about"),
        reverse("articles:search") + "?q=GRPO",
        reverse("articles:search") + "?q=piece",
        reverse("articles:search") + "?q=group+relative",
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("verticals:feed", kwargs={"slug": "ai"}),
        reverse("articles:series_feed", kwargs={"slug": "stack"}),
        reverse("articles:tag_feed", kwargs={"slug": "rlvr"}),
        reverse("verticals:sitemap"),
    ]


def test_no_public_surface_shows_unpublished_articles(client, world):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_only_published(response.content)


def test_published_article_is_on_the_surfaces_that_list_it(client, world):
    listing = [u for u in public_urls(world) if "glossary/" not in u and "resources" not in u and "about" not in u]
    for url in listing:
        if "group" in url:
            continue
        content = client.get(url).content.decode()
        assert "visible-piece" in content, url


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_article_page_is_404(client, world, state):
    response = client.get(world["hidden"][state].get_absolute_url())
    assert response.status_code == 404
    assert_only_published(response.content)


def test_series_page_hides_unpublished_parts_even_their_titles(client, world):
    content = client.get(world["series"].get_absolute_url()).content.decode()
    assert "Visible published piece" in content
    assert_only_published(content)


def test_article_page_counts_and_links_only_published_parts(client, world):
    content = client.get(world["visible"].get_absolute_url()).content.decode()
    assert "Part 1 of 1" in content
    assert 'rel="next"' not in content


def test_related_articles_are_published_only(client, world):
    other = ArticleFactory(title="Another published piece", vertical=world["vertical"], tags=["rlvr"])
    content = client.get(world["visible"].get_absolute_url()).content.decode()
    related = content.split('id="related-title"', 1)[1]
    assert other.title in related
    assert_only_published(related)


def test_json_ld_never_names_unpublished_articles(client, world):
    for url in ["/", world["visible"].get_absolute_url(), world["series"].get_absolute_url()]:
        content = client.get(url).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
        assert blocks, url
        for block in blocks:
            json.loads(block)
            assert_only_published(block)


def test_tag_used_only_on_a_draft_does_not_exist_for_readers(client, world):
    response = client.get(reverse("articles:tag", kwargs={"slug": "hidden-only"}))
    assert response.status_code == 404
    feed = client.get(reverse("articles:tag_feed", kwargs={"slug": "hidden-only"}))
    assert_only_published(feed.content)
    assert "hidden-only" not in client.get(reverse("verticals:sitemap")).content.decode()


def test_glossary_term_page_lists_only_published_mentions(client, world):
    content = client.get(reverse("articles:glossary_term", kwargs={"slug": "grpo"})).content.decode()
    assert "Visible published piece" in content
    assert_only_published(content)


def test_glossary_links_in_a_published_article_never_point_at_hidden_pages(client, world):
    content = client.get(world["visible"].get_absolute_url()).content.decode()
    body = content.split('class="prose article__body"', 1)[1].split("</div>", 1)[0]
    assert 'href="/glossary/grpo/"' in body
    for href in re.findall(r'href="([^"]+)"', body):
        assert "secret" not in href


def test_scheduled_article_becomes_visible_when_its_time_comes(client, world, time_machine):
    scheduled = world["hidden"]["scheduled"]
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    time_machine.move_to(scheduled.publish_date, tick=False)
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_every_hidden_state_is_excluded_by_the_one_queryset(world):
    visible_slugs = set(Article.objects.published().values_list("slug", flat=True))
    assert visible_slugs == {"visible-piece"}


def test_planned_part_shows_as_coming_without_content(client, world):
    PlannedPartFactory(series=world["series"], part=9, title="Reward models, revisited")
    content = client.get(world["series"].get_absolute_url()).content.decode()
    assert "Reward models, revisited" in content
    assert re.search(r"coming <time datetime=\"\d{4}-\d{2}-\d{2}\">", content)
    assert "/articles/reward" not in content
