"""Every content change purges exactly the content keys of the pages it can alter, once, after it commits.

The purges go to a recording server standing in for Fastly's API; the tests read the keys it received.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article, Correction
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    PlannedPartFactory,
    ResourceFactory,
    SeriesFactory,
    UserFactory,
    VerticalFactory,
)
from verticals.models import SiteSettings

pytestmark = pytest.mark.django_db

FASTLY_PURGE = "/service/svc/purge"
LISTINGS = {"list-home", "list-feeds", "list-sitemap", "list-search", "list-mentions"}


@pytest.fixture
def world(frontend_caches):
    vertical, other_vertical = VerticalFactory(), VerticalFactory()
    series = SeriesFactory(vertical=vertical)
    author = AuthorFactory()
    article = ArticleFactory(vertical=vertical, series=series, part=1, authors=[author], tags=["strength"])
    SiteSettings.load()
    frontend_caches("fastly://svc")
    return {"vertical": vertical, "other_vertical": other_vertical, "series": series, "author": author,
            "article": article, "tag": article.tags.get()}


@pytest.fixture
def purged(recorder, django_capture_on_commit_callbacks):
    """purged(change) -> the set of keys purged once `change()` committed (and the number of purge requests)."""

    def run(change):
        recorder.clear()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            result = change()
            assert recorder.received() == [], "purged before the commit"
        run.result = result
        requests = run.requests = recorder.received(FASTLY_PURGE)
        return {key for request in requests for key in request.headers["surrogate-key"].split()}, len(requests)

    return run


def article_keys(world, **extra):
    return {
        f"article-{world['article'].pk}", f"series-{world['series'].pk}", f"vertical-{world['vertical'].pk}",
        f"author-{world['author'].pk}", f"tag-{world['tag'].pk}", *LISTINGS, *extra.get("plus", ()),
    }


def test_an_edited_article_purges_its_page_series_vertical_authors_tags_and_listings_in_one_request(world, purged):
    article = world["article"]

    def edit():
        article.title = "Edited"
        article.save()

    keys, _ = purged(edit)
    assert keys == article_keys(world)
    assert set(purged.requests[0].headers["surrogate-key"].split()) == keys
    # On PostgreSQL the search vector is rebuilt after the commit, and search results purged once more after it.
    assert [request.headers["surrogate-key"] for request in purged.requests[1:]] in ([], ["list-search"])
    assert "site" not in keys


def test_an_article_moved_to_another_vertical_and_out_of_its_series_purges_the_old_and_the_new(world, purged):
    article = world["article"]

    def move():
        article.vertical = world["other_vertical"]
        article.series = None
        article.part = None
        article.save()

    keys, _ = purged(move)
    assert keys == article_keys(world, plus={f"vertical-{world['other_vertical'].pk}"})


def test_publish_unpublish_and_schedule_through_the_workflow_purge_the_article_keys(world, purged):
    editor = UserFactory(username="purging-editor", is_superuser=True)
    article = world["article"]
    assert purged(lambda: workflow.unpublish(article, editor))[0] == article_keys(world)
    draft = ArticleFactory(in_review=True, vertical=world["vertical"])
    keys, _ = purged(lambda: workflow.publish(draft, editor))
    assert keys == {f"article-{draft.pk}", f"vertical-{world['vertical'].pk}", *LISTINGS}


def test_a_slug_change_purges_the_page_under_its_old_address(world, purged):
    article = world["article"]

    def rename():
        article.slug = "a-new-address"
        article.save()

    assert f"article-{article.pk}" in purged(rename)[0]


def test_saving_a_draft_nobody_can_see_purges_nothing(world, purged, recorder):
    draft = ArticleFactory(draft=True, vertical=world["vertical"])

    def edit():
        draft.title = "Still a draft"
        draft.save()

    assert purged(edit) == (set(), 0)


def test_deleting_a_published_article_purges_what_showed_it(world, purged):
    assert purged(lambda: Article.objects.filter(pk=world["article"].pk).delete())[0] == article_keys(world)


def test_tags_and_authors_added_or_removed_purge_their_pages_and_the_article(world, purged):
    article = world["article"]
    purged(AuthorFactory)
    new_author = purged.result

    keys, _ = purged(lambda: article.authors.add(new_author))
    assert {f"author-{new_author.pk}", f"article-{article.pk}"} <= keys
    keys, _ = purged(lambda: article.authors.remove(world["author"]))
    assert {f"author-{world['author'].pk}", f"article-{article.pk}"} <= keys
    keys, _ = purged(lambda: article.tags.remove("strength"))
    assert {f"tag-{world['tag'].pk}", f"article-{article.pk}"} <= keys
    keys, _ = purged(lambda: article.tags.add("mobility"))
    assert f"article-{article.pk}" in keys and any(key.startswith("tag-") and key != f"tag-{world['tag'].pk}"
                                                   for key in keys)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda w: setattr(w["author"], "name", "Renamed") or w["author"].save(),
         lambda w: {f"author-{w['author'].pk}"}),
        (lambda w: setattr(w["series"], "title", "Renamed") or w["series"].save(),
         lambda w: {f"series-{w['series'].pk}", f"vertical-{w['vertical'].pk}", "list-home", "list-feeds",
                    "list-sitemap"}),
        (lambda w: PlannedPartFactory(series=w["series"], part=5), lambda w: {f"series-{w['series'].pk}"}),
        (lambda w: Correction.objects.create(article=w["article"], note="We got a date wrong."),
         lambda w: {f"article-{w['article'].pk}"}),
        (lambda w: ResourceFactory(vertical=w["vertical"]),
         lambda w: {"list-resources", f"vertical-{w['vertical'].pk}"}),
        (lambda w: GlossaryTermFactory(vertical=w["vertical"], term="Deload", slug="deload"),
         lambda w: {"list-glossary", "list-sitemap", f"vertical-{w['vertical'].pk}"}),
        (lambda w: SiteSettings.objects.update_or_create(pk=1, defaults={"headline": "New"}), lambda w: {"site"}),
        (lambda w: setattr(w["vertical"], "name", "Renamed") or w["vertical"].save(), lambda w: {"site"}),
    ],
)
def test_each_kind_of_content_purges_the_pages_that_show_it(world, purged, change, expected):
    keys, _ = purged(lambda: change(world))
    want = expected(world)
    if "list-glossary" in want:  # the new term's own key is known only after the change
        want |= {key for key in keys if key.startswith("glossaryterm-")}
    assert keys == want


def test_a_save_succeeds_when_the_cache_refuses_the_purge(world, recorder, django_capture_on_commit_callbacks, caplog):
    recorder.answer(FASTLY_PURGE, status=500)
    article = world["article"]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Saved anyway"
        article.save()
    assert Article.objects.get(pk=article.pk).title == "Saved anyway"
    assert recorder.received(FASTLY_PURGE)
    assert "Could not purge" in caplog.text or "Gave up purging" in caplog.text


def test_without_a_configured_cache_a_save_looks_up_no_keys(settings):
    settings.FRONTEND_CACHE_URLS = []
    article = ArticleFactory(authors=[AuthorFactory()], tags=["quiet"])
    article.title = "Quiet"
    with CaptureQueriesContext(connection) as queries:
        article.save()
        article.authors.add(AuthorFactory())
    looked_up = " ".join(query["sql"] for query in queries.captured_queries)
    # Neither the row as it was (a full SELECT of it) nor its tags or authors are read for keys nobody needs.
    assert 'SELECT "articles_article"."id"' not in looked_up
    assert "taggit_" not in looked_up and 'SELECT "articles_author"' not in looked_up
