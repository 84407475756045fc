"""Every admin save is a revision; editors compare two field by field and restore one."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from reversion.models import Version

from articles import revisions
from articles.models import Article
from tests.articles.adminforms import article_form_data, change_url
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory

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
    from articles import workflow

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
