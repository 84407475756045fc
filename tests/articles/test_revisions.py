"""Every admin save is a revision; editors compare two field by field and restore one."""

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from reversion.models import Version

from articles import revisions, workflow
from articles.demo import loader
from articles.models import Article, ArticleTransition, Reference
from tests.articles.adminforms import article_form_data, change_url
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory, ReferenceFactory, SeriesFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def editor():
    return EditorFactory()


@pytest.fixture
def edited(client, editor):
    """An article saved twice in the admin: body and references changed in the second save."""
    client.force_login(editor)
    article = ArticleFactory(
        draft=True, title="Preference tuning", body="<p>Old body about RLHF.</p><p>Shared paragraph.</p>"
    )
    data = article_form_data(
        article,
        **{
            "references-TOTAL_FORMS": "1", "references-0-title": "Ouyang et al.", "references-0-order": "1",
            "references-0-year": "2022", "references-0-url": "https://arxiv.org/abs/2203.02155",
        },
    )
    assert client.post(change_url(article), data).status_code == 302
    reference = article.references.get()
    data = article_form_data(
        article,
        title="Preference tuning, revised",
        body="<p>New body about DPO.</p><p>Shared paragraph.</p>",
        **{
            "references-TOTAL_FORMS": "1", "references-INITIAL_FORMS": "1", "references-0-id": str(reference.pk),
            "references-0-article": str(article.pk), "references-0-title": "Rafailov et al.",
            "references-0-order": "1", "references-0-year": "2023", "references-0-url": "https://arxiv.org/abs/2305.18290",
        },
    )
    assert client.post(change_url(article), data).status_code == 302
    return article


def test_every_admin_save_is_a_revision_with_its_user(edited, editor):
    versions = list(revisions.versions_for(edited))

    assert len(versions) == 2
    assert {version.revision.user for version in versions} == {editor}


def test_compare_page_shows_a_field_by_field_diff(client, edited):
    response = client.get(reverse("admin:articles_article_compare", args=[edited.pk]))

    assert response.status_code == 200
    changed = {diff.name for diff in response.context["diffs"] if diff.changed}
    assert changed == {"title", "body", "references"}
    body = next(diff for diff in response.context["diffs"] if diff.name == "body")
    assert ("replace", "<p>Old body about RLHF.</p>", "<p>New body about DPO.</p>") in body.rows
    assert ("equal", "<p>Shared paragraph.</p>", "<p>Shared paragraph.</p>") in body.rows
    content = response.content.decode()
    assert "Ouyang et al. (2022)" in content and "Rafailov et al. (2023)" in content
    # The HTML of the body is shown as text, never interpreted.
    assert "&lt;p&gt;New body about DPO.&lt;/p&gt;" in content


def test_compare_picks_the_revisions_asked_for(client, edited):
    newest, oldest = revisions.versions_for(edited)

    response = client.get(
        reverse("admin:articles_article_compare", args=[edited.pk]), {"from": newest.pk, "to": newest.pk}
    )

    assert response.context["changed_count"] == 0
    assert b"These two revisions are the same." in response.content


@pytest.mark.parametrize("params", [{"from": "x", "to": "1"}, {"from": "999999", "to": "999998"}])
def test_compare_with_bad_revision_ids_is_4xx(client, edited, params):
    response = client.get(reverse("admin:articles_article_compare", args=[edited.pk]), params)

    assert response.status_code in (400, 404)


def test_compare_refuses_a_revision_of_another_article(client, edited):
    other = ArticleFactory(draft=True)
    client.post(change_url(other), article_form_data(other))
    foreign = Version.objects.get_for_object(other).first()
    own = revisions.versions_for(edited).first()

    response = client.get(
        reverse("admin:articles_article_compare", args=[edited.pk]), {"from": foreign.pk, "to": own.pk}
    )

    assert response.status_code == 404


def test_restore_brings_back_the_old_body_and_references(client, edited):
    oldest = revisions.versions_for(edited).last()

    response = client.post(reverse("admin:articles_article_restore", args=[edited.pk, oldest.pk]))

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.body == "<p>Old body about RLHF.</p><p>Shared paragraph.</p>"
    assert edited.title == "Preference tuning"
    assert list(edited.references.values_list("title", flat=True)) == ["Ouyang et al."]
    assert edited.word_count == 6
    newest = revisions.versions_for(edited).first()
    assert "Restored" in newest.revision.get_comment()


def test_restore_keeps_the_current_workflow_state(client, edited, editor):
    oldest = revisions.versions_for(edited).last()
    workflow.publish(edited, editor)
    edited.refresh_from_db()
    published_at = edited.publish_date

    revisions.restore(edited, oldest, editor)

    edited.refresh_from_db()
    assert (edited.status, edited.publish_date) == (Status.PUBLISHED, published_at)
    assert edited.body.startswith("<p>Old body")


def test_restore_needs_post(client, edited):
    oldest = revisions.versions_for(edited).last()

    assert client.get(reverse("admin:articles_article_restore", args=[edited.pk, oldest.pk])).status_code == 405


def test_writer_cannot_restore_someone_elses_article(edited):
    oldest = revisions.versions_for(edited).last()

    with pytest.raises(PermissionDenied):
        revisions.restore(edited, oldest, WriterFactory())

    edited.refresh_from_db()
    assert edited.title == "Preference tuning, revised"


def test_writer_restores_own_draft(client):
    writer = WriterFactory()
    client.force_login(writer)
    article = ArticleFactory(draft=True, created_by=writer, body="<p>first</p>", authors=[AuthorFactory(user=writer)])
    client.post(change_url(article), article_form_data(article))
    client.post(change_url(article), article_form_data(article, body="<p>second</p>"))
    oldest = revisions.versions_for(article).last()

    client.post(reverse("admin:articles_article_restore", args=[article.pk, oldest.pk]))

    assert Article.objects.get(pk=article.pk).body == "<p>first</p>"


def test_writer_restoring_a_revision_keeps_the_editors_last_reviewed_date(client):
    writer = WriterFactory()
    client.force_login(writer)
    article = ArticleFactory(draft=True, created_by=writer, body="<p>first</p>", last_reviewed=None)
    with reversion.create_revision():
        article.save()
    oldest = revisions.versions_for(article).get()
    reviewed = timezone.localdate()
    Article.objects.filter(pk=article.pk).update(last_reviewed=reviewed, body="<p>second</p>")

    client.post(reverse("admin:articles_article_restore", args=[article.pk, oldest.pk]))

    article.refresh_from_db()
    assert (article.body, article.last_reviewed) == ("<p>first</p>", reviewed)


def test_reversions_own_history_page_lists_the_revisions(client, edited):
    response = client.get(reverse("admin:articles_article_history", args=[edited.pk]))

    assert response.status_code == 200
    assert len(response.context["action_list"]) == 2


def _reconstruct(rows, side):
    index = 1 if side == "old" else 2
    return [row[index] for row in rows if row[0] == "equal" or row[index] != ""]


_line = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() and "\n" not in s and "\r" not in s)


@settings(max_examples=200, deadline=None)
@given(old=st.lists(_line, max_size=12), new=st.lists(_line, max_size=12))
def test_diff_rows_keep_every_line_of_both_sides(old, new):
    rows = revisions._diff_rows(old, new)

    assert _reconstruct(rows, "old") == old
    assert _reconstruct(rows, "new") == new
    assert all(kind in {"equal", "delete", "insert", "replace"} for kind, _, _ in rows)


# --- A restore changes one article, whatever its revision holds -------------------------------------------------


@pytest.fixture
def shared_revision():
    """One revision holding two articles with their references, as the demo loader used to record them."""
    writer = WriterFactory()
    mine = ArticleFactory(draft=True, created_by=writer, title="Mine, first", body="<p>Mine, first.</p>")
    theirs = ArticleFactory(title="Theirs, first", created_by=EditorFactory())
    ReferenceFactory(article=mine, title="My first source")
    ReferenceFactory(article=theirs, title="Their first source")
    with reversion.create_revision():
        reversion.add_to_revision(mine)
        reversion.add_to_revision(theirs)
    version = Version.objects.get_for_object(mine).get()
    assert version.revision.version_set.filter(object_id=str(theirs.pk)).exists()
    return writer, mine, theirs, version


def _restore_urls(article, version):
    return {
        "restore": reverse("admin:articles_article_restore", args=[article.pk, version.pk]),
        "reversion": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
    }


@pytest.mark.parametrize("route", ["restore", "reversion"])
def test_restoring_one_articles_revision_leaves_the_other_article_of_that_revision_alone(
    client, shared_revision, route
):
    writer, mine, theirs, version = shared_revision
    editor = EditorFactory()
    # After the revision: the editor edits and unpublishes their article; the writer rewrites the draft.
    Article.objects.filter(pk=theirs.pk).update(title="Theirs, edited")
    theirs.references.update(title="Their edited source")
    workflow.unpublish(theirs, editor, comment="Legal asked")
    Article.objects.filter(pk=mine.pk).update(title="Mine, second", body="<p>Mine, second.</p>")
    mine.references.update(title="My second source")
    transitions = ArticleTransition.objects.count()
    client.force_login(writer)

    response = client.post(_restore_urls(mine, version)[route], article_form_data(mine))

    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.body) == ("Mine, first", "<p>Mine, first.</p>")
    assert list(mine.references.values_list("title", flat=True)) == ["My first source"]
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("Theirs, edited", Status.UNPUBLISHED)
    assert list(theirs.references.values_list("title", flat=True)) == ["Their edited source"]
    assert ArticleTransition.objects.count() == transitions


def test_restore_never_brings_back_the_status_or_publish_date_a_revision_holds(client, shared_revision):
    _, _, theirs, _ = shared_revision
    editor = EditorFactory()
    published_version = Version.objects.get_for_object(theirs).get()
    workflow.unpublish(theirs, editor, comment="Outdated")
    theirs.refresh_from_db()
    before = (theirs.status, theirs.publish_date)
    client.force_login(editor)

    client.post(reverse("admin:articles_article_restore", args=[theirs.pk, published_version.pk]))

    theirs.refresh_from_db()
    assert (theirs.status, theirs.publish_date) == before
    assert not Article.objects.published().filter(pk=theirs.pk).exists()


def test_reversions_revision_page_shows_the_comparison_and_changes_nothing(client, shared_revision):
    writer, mine, theirs, version = shared_revision
    Article.objects.filter(pk=theirs.pk).update(title="Theirs, edited")
    with reversion.create_revision():
        mine.title = "Mine, second"
        mine.save()
    client.force_login(writer)

    response = client.get(reverse("admin:articles_article_revision", args=[mine.pk, version.pk]), follow=True)

    assert response.status_code == 200
    assert (response.context["old"], response.context["new"]) == (version, revisions.versions_for(mine).first())
    title = next(diff for diff in response.context["diffs"] if diff.name == "title")
    assert ("replace", "Mine, first", "Mine, second") in title.rows
    assert Article.objects.get(pk=mine.pk).title == "Mine, second"
    assert Article.objects.get(pk=theirs.pk).title == "Theirs, edited"


def test_recovering_a_deleted_article_brings_back_only_that_article_as_a_draft(client, shared_revision):
    _, mine, theirs, _ = shared_revision
    theirs_version = Version.objects.get_for_object(theirs).get()
    Article.objects.filter(pk=mine.pk).update(title="Mine, second")
    theirs_pk = theirs.pk
    theirs.delete()
    client.force_login(EditorFactory())

    assert client.get(reverse("admin:articles_article_recover", args=[theirs_version.pk])).status_code == 200
    response = client.post(reverse("admin:articles_article_recover", args=[theirs_version.pk]))

    assert response.status_code == 302
    recovered = Article.objects.get(pk=theirs_pk)
    assert (recovered.title, recovered.status, recovered.publish_date) == ("Theirs, first", Status.DRAFT, None)
    assert list(recovered.references.values_list("title", flat=True)) == ["Their first source"]
    assert Article.objects.get(pk=mine.pk).title == "Mine, second"


def test_reversions_revision_url_refuses_a_revision_of_another_model_with_the_same_id(client):
    client.force_login(EditorFactory())
    reference = ReferenceFactory(title="A source")
    with reversion.create_revision():
        reversion.add_to_revision(reference)
    foreign = Version.objects.get_for_object(reference).get()
    article = Article.objects.filter(pk=reference.pk).first() or ArticleFactory(id=reference.pk, draft=True)
    url = reverse("admin:articles_article_revision", args=[article.pk, foreign.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


# --- A revision that no longer fits is refused with a message, not a 500 ------------------------------------------


def test_restoring_a_revision_whose_slug_is_now_taken_says_so_and_changes_nothing(client, edited, editor):
    oldest = revisions.versions_for(edited).last()
    Article.objects.filter(pk=edited.pk).update(slug="renamed")
    ArticleFactory(slug=oldest.field_dict["slug"], title="The new owner of the slug")

    response = client.post(reverse("admin:articles_article_restore", args=[edited.pk, oldest.pk]))

    assert response.status_code == 409
    assert "now belongs to “The new owner of the slug”" in response.content.decode()
    edited.refresh_from_db()
    assert (edited.slug, edited.title) == ("renamed", "Preference tuning, revised")
    assert len(revisions.versions_for(edited)) == 2


@pytest.fixture
def part_one(client, editor):
    """Part one of a series, with its one revision; an editor is signed in."""
    client.force_login(editor)
    series = SeriesFactory()
    article = ArticleFactory(draft=True, title="Part one", series=series, part=1, vertical=series.vertical)
    with reversion.create_revision():
        article.save()
    return article, Version.objects.get_for_object(article).get()


def test_restoring_a_revision_whose_series_was_deleted_says_so_and_changes_nothing(client, part_one):
    article, version = part_one
    Article.objects.filter(pk=article.pk).update(series=None, part=None, title="Standalone now")
    article.series.delete()

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, version.pk]))

    assert response.status_code == 409
    assert "the series it belonged to has been deleted" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.series_id) == ("Standalone now", None)


def test_restoring_a_revision_whose_series_part_is_now_taken_says_so_and_changes_nothing(client, part_one):
    article, version = part_one
    Article.objects.filter(pk=article.pk).update(part=2)
    ArticleFactory(title="The new part one", series=article.series, part=1, vertical=article.vertical)

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, version.pk]))

    assert response.status_code == 409
    assert "part 1 of its series is now “The new part one”" in response.content.decode()
    assert Article.objects.get(pk=article.pk).part == 2


def test_demo_content_records_one_revision_per_article():
    loader.load()

    article_type = ContentType.objects.get_for_model(Article)
    for article in Article.objects.all():
        version = Version.objects.get_for_object(article).get()
        articles_in_revision = version.revision.version_set.filter(content_type=article_type)
        assert list(articles_in_revision.values_list("object_id", flat=True)) == [str(article.pk)]
        references = version.revision.version_set.filter(content_type=ContentType.objects.get_for_model(Reference))
        assert references.count() == article.references.count()
