"""Writers write; editors publish. Every admin entrance is checked on the server, not by hiding buttons."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleTransition, PreviewLink, Reference
from tests.articles.adminforms import article_form_data, bulk, change_url, changelist_url, messages_of, workflow_url
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def writer():
    return WriterFactory()


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def own_draft(writer):
    return ArticleFactory(draft=True, created_by=writer, title="My draft", slug="my-draft")


def status_of(article):
    return Article.objects.values_list("status", "publish_date").get(pk=article.pk)


# --- Groups -----------------------------------------------------------------------------------------------------


def test_groups_exist_with_the_right_permissions():
    writers = Group.objects.get(name="Writers")
    editors = Group.objects.get(name="Editors")
    writer_perms = set(writers.permissions.values_list("codename", flat=True))
    editor_perms = set(editors.permissions.values_list("codename", flat=True))

    assert {"add_article", "change_article", "view_article", "view_series", "view_author"} <= writer_perms
    assert "publish_article" not in writer_perms
    assert not {"change_series", "change_sitesettings", "change_vertical", "change_previewlink"} & writer_perms
    assert {
        "publish_article", "change_article", "delete_article", "change_series", "change_author", "change_resource",
        "change_glossaryterm", "change_sitesettings", "change_vertical", "change_plannedpart", "change_previewlink",
    } <= editor_perms


def test_writer_has_no_publish_permission_and_editor_does(writer):
    assert not writer.has_perm("articles.publish_article")
    assert EditorFactory().has_perm("articles.publish_article")


# --- The change form --------------------------------------------------------------------------------------------


def test_writer_edits_own_draft(writer_client, own_draft):
    response = writer_client.post(change_url(own_draft), article_form_data(own_draft, title="Better title"))

    assert response.status_code == 302
    assert Article.objects.get(pk=own_draft.pk).title == "Better title"


def test_writer_cannot_publish_via_change_form_post(writer_client, own_draft):
    tomorrow = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    data = article_form_data(
        own_draft,
        status="published",
        publish_date=tomorrow,
        publish_date_0=tomorrow[:10],
        publish_date_1=tomorrow[11:],
    )

    response = writer_client.post(change_url(own_draft), data)

    assert response.status_code == 302
    assert status_of(own_draft) == (Status.DRAFT, None)
    assert not Article.objects.published().exists()


def test_writer_cannot_set_status_when_adding(writer_client, writer):
    vertical = ArticleFactory().vertical
    data = article_form_data(vertical=str(vertical.pk), status="published", publish_date="2020-01-01 00:00:00")

    response = writer_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    article = Article.objects.get(slug="a-new-article")
    assert (article.status, article.publish_date, article.created_by) == (Status.DRAFT, None, writer)


def test_editor_cannot_change_status_through_the_change_form_either(client):
    client.force_login(EditorFactory())
    article = ArticleFactory(in_review=True)

    client.post(change_url(article), article_form_data(article, status="published"))

    assert status_of(article) == (Status.REVIEW, None)


def test_writer_cannot_edit_someone_elses_draft(writer_client):
    other = ArticleFactory(draft=True, created_by=WriterFactory(), title="Theirs")

    assert writer_client.get(change_url(other)).status_code == 404
    response = writer_client.post(change_url(other), article_form_data(other, title="Mine now"))

    assert response.status_code == 404
    assert Article.objects.get(pk=other.pk).title == "Theirs"


def test_writer_cannot_edit_own_article_once_in_review_or_published(writer_client, writer):
    for state in ("in_review", "scheduled", "unpublished"):
        article = ArticleFactory(created_by=writer, title="Before", **{state: True})
        response = writer_client.post(change_url(article), article_form_data(article, title="After"))
        assert response.status_code == 403
        assert Article.objects.get(pk=article.pk).title == "Before"
    live = ArticleFactory(created_by=writer, title="Before")
    assert writer_client.post(change_url(live), article_form_data(live, title="After")).status_code == 403
    assert Article.objects.get(pk=live.pk).title == "Before"


def test_writer_sees_own_published_article_read_only(writer_client, writer):
    article = ArticleFactory(created_by=writer, title="Read me")

    response = writer_client.get(change_url(article))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert b"Read me" in response.content
    assert b'name="title"' not in response.content


def test_writer_credited_as_author_can_edit_that_draft(writer_client, writer):
    article = ArticleFactory(draft=True, authors=[AuthorFactory(user=writer)], title="Shared")

    writer_client.post(change_url(article), article_form_data(article, title="Shared, edited"))

    assert Article.objects.get(pk=article.pk).title == "Shared, edited"


def test_writer_cannot_add_references_to_own_published_article(writer_client, writer):
    article = ArticleFactory(created_by=writer)
    data = article_form_data(
        article,
        **{"references-TOTAL_FORMS": "1", "references-0-title": "Injected", "references-0-order": "1"},
    )

    assert writer_client.post(change_url(article), data).status_code == 403
    assert not Reference.objects.filter(title="Injected").exists()


def test_writer_list_shows_only_own_articles(writer_client, own_draft):
    ArticleFactory(draft=True, created_by=WriterFactory(), title="Someone else's draft")

    response = writer_client.get(changelist_url())

    assert response.status_code == 200
    titles = [article.title for article in response.context["cl"].result_list]
    assert titles == ["My draft"]


# --- Bulk actions -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "schedule_selected"])
def test_writer_cannot_publish_via_bulk_action(writer_client, writer, own_draft, action):
    live = ArticleFactory(created_by=writer)
    tomorrow = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    bulk(writer_client, action, [own_draft, live], apply="1", publish_at=tomorrow)

    assert status_of(own_draft) == (Status.DRAFT, None)
    assert Article.objects.get(pk=live.pk).status == Status.PUBLISHED
    assert not ArticleTransition.objects.exists()


def test_writer_does_not_see_publishing_actions(writer_client, own_draft):
    response = writer_client.get(changelist_url())

    actions = [name for name, _ in response.context["action_form"].fields["action"].choices if name]
    assert actions == ["submit_selected"]


def test_writer_bulk_submit_only_touches_own_drafts(writer_client, own_draft):
    other = ArticleFactory(draft=True, created_by=WriterFactory())

    response = bulk(writer_client, "submit_selected", [own_draft, other])

    assert status_of(own_draft)[0] == Status.REVIEW
    assert status_of(other)[0] == Status.DRAFT
    assert any("Submitted for review: 1 article" in message for message in messages_of(response))


def test_writer_cannot_bulk_delete_a_published_article(writer_client, writer):
    live = ArticleFactory(created_by=writer)

    bulk(writer_client, "delete_selected", [live], post="yes")

    assert Article.objects.filter(pk=live.pk).exists()


# --- Transition URLs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["publish", "unpublish", "schedule", "request_changes"])
def test_writer_cannot_publish_via_the_transition_urls(writer_client, writer, action):
    article = ArticleFactory(in_review=True, created_by=writer)
    tomorrow = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = writer_client.post(workflow_url(article, action), {"publish_at": tomorrow, "comment": "x"})

    assert response.status_code == 403
    assert status_of(article) == (Status.REVIEW, None)
    assert not ArticleTransition.objects.exists()


def test_writer_cannot_reach_someone_elses_transition_urls(writer_client):
    other = ArticleFactory(draft=True, created_by=WriterFactory())

    response = writer_client.post(workflow_url(other, "submit"))

    assert response.status_code == 404
    assert status_of(other)[0] == Status.DRAFT


def test_transition_urls_refuse_get_for_buttons(writer_client, own_draft):
    assert writer_client.get(workflow_url(own_draft, "submit")).status_code == 405
    assert status_of(own_draft)[0] == Status.DRAFT


def test_transition_urls_need_the_csrf_token(writer, own_draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    assert client.post(workflow_url(own_draft, "submit")).status_code == 403
    assert status_of(own_draft)[0] == Status.DRAFT


def test_anonymous_users_are_sent_to_the_login_page(client, own_draft):
    response = client.post(workflow_url(own_draft, "submit"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert status_of(own_draft)[0] == Status.DRAFT


# --- History, revisions, delete, preview links ------------------------------------------------------------------


def _versioned(article, user, **changes):
    with reversion.create_revision():
        for name, value in changes.items():
            setattr(article, name, value)
        article.save()
        reversion.set_user(user)
    return Version.objects.get_for_object(article).first()


def test_writer_cannot_use_history_or_revert_urls_of_someone_elses_article(writer_client):
    other = ArticleFactory(draft=True, created_by=WriterFactory(), title="Theirs")
    version = _versioned(other, None)
    urls = [
        reverse("admin:articles_article_history", args=[other.pk]),
        reverse("admin:articles_article_revision", args=[other.pk, version.pk]),
        reverse("admin:articles_article_compare", args=[other.pk]),
        reverse("admin:articles_article_restore", args=[other.pk, version.pk]),
        reverse("admin:articles_article_delete", args=[other.pk]),
        reverse("admin:articles_article_share", args=[other.pk]),
    ]
    for url in urls:
        assert writer_client.get(url).status_code in (403, 404, 405), url
        assert writer_client.post(url, {"post": "yes", "title": "Mine"}).status_code in (403, 404), url
    assert Article.objects.get(pk=other.pk).title == "Theirs"
    assert not PreviewLink.objects.exists()


def test_writer_cannot_revert_own_published_article(writer_client, writer):
    article = ArticleFactory(created_by=writer, title="Live title")
    version = _versioned(article, writer)
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])

    assert writer_client.get(url).status_code == 403
    assert writer_client.post(url, article_form_data(article, title="Changed")).status_code == 403
    restore = reverse("admin:articles_article_restore", args=[article.pk, version.pk])
    assert writer_client.post(restore).status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Live title"


def test_reverting_an_old_revision_never_changes_the_workflow_state(client):
    """An editor reverts a published article to a revision saved while it was a draft: it stays published."""
    editor = EditorFactory()
    client.force_login(editor)
    article = ArticleFactory(draft=True, title="Draft title")
    version = _versioned(article, editor)
    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, publish_date=timezone.now())
    article.refresh_from_db()
    _versioned(article, editor, title="Published title")
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])

    response = client.post(url, article_form_data(article, title="Draft title"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Draft title"
    assert article.status == Status.PUBLISHED


def test_recover_deleted_articles_is_for_editors_only(writer_client):
    assert writer_client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
    article = ArticleFactory(created_by=WriterFactory())
    version = _versioned(article, None)
    article.delete()
    assert writer_client.get(reverse("admin:articles_article_recover", args=[version.pk])).status_code == 403
    assert writer_client.post(reverse("admin:articles_article_recover", args=[version.pk])).status_code == 403
    assert not Article.objects.filter(pk=version.object_id).exists()


def test_writer_may_delete_own_unpublished_draft_but_not_a_published_article(writer_client, writer, own_draft):
    live = ArticleFactory(created_by=writer)

    delete = "admin:articles_article_delete"
    assert writer_client.post(reverse(delete, args=[live.pk]), {"post": "yes"}).status_code == 403
    assert writer_client.post(reverse(delete, args=[own_draft.pk]), {"post": "yes"}).status_code == 302
    assert list(Article.objects.values_list("pk", flat=True)) == [live.pk]


def test_writer_cannot_change_series_or_site_settings(writer_client):
    from tests.factories import SeriesFactory

    series = SeriesFactory(title="Original")
    response = writer_client.post(
        reverse("admin:articles_series_change", args=[series.pk]), {"title": "Hijacked"}
    )
    assert response.status_code == 403
    assert writer_client.get(reverse("admin:verticals_sitesettings_changelist")).status_code == 403
    assert writer_client.get(reverse("admin:articles_article_calendar")).status_code == 200


def test_writer_can_share_a_preview_of_own_draft_but_not_revoke_others(writer_client, writer, own_draft):
    response = writer_client.post(reverse("admin:articles_article_share", args=[own_draft.pk]))
    assert response.status_code == 302
    assert PreviewLink.objects.filter(article=own_draft).count() == 1

    other_link = PreviewLink.objects.create(
        article=ArticleFactory(draft=True), expires_at=timezone.now() + timedelta(days=1)
    )
    url = reverse("admin:articles_article_revoke_share", args=[own_draft.pk, other_link.pk])
    assert writer_client.post(url).status_code == 404
    other_link.refresh_from_db()
    assert other_link.revoked_at is None


def test_writer_cannot_view_or_edit_preview_links_in_their_own_admin(writer_client):
    assert writer_client.get(reverse("admin:articles_previewlink_changelist")).status_code == 403


def test_staff_without_editorial_group_sees_nothing(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    article = ArticleFactory(draft=True)

    assert client.get(changelist_url()).status_code == 403
    assert client.get(change_url(article)).status_code in (403, 404)
    assert client.post(workflow_url(article, "publish")).status_code in (403, 404)
    assert status_of(article)[0] == Status.DRAFT
    assert client.get(reverse("preview:article", args=[article.pk])).status_code == 404


def test_editor_can_edit_any_article_including_published(client):
    client.force_login(EditorFactory())
    live = ArticleFactory(created_by=WriterFactory(), title="Live")
    ReferenceFactory(article=live)

    data = article_form_data(
        live,
        title="Live, corrected",
        **{"corrections-TOTAL_FORMS": "1", "corrections-0-date": "2026-09-01", "corrections-0-note": "Fixed a date."},
    )
    data.update({"references-TOTAL_FORMS": "0"})
    response = client.post(change_url(live), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    live.refresh_from_db()
    assert live.title == "Live, corrected"
    assert live.corrections.get().note == "Fixed a date."
    assert live.status == Status.PUBLISHED


def test_writer_list_offers_no_recover_link_and_editor_list_does(writer_client, client):
    recover = reverse("admin:articles_article_recoverlist").encode()
    assert recover not in writer_client.get(changelist_url()).content

    client.force_login(EditorFactory())
    assert recover in client.get(changelist_url()).content


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%00", "-1", "1 OR 1=1"])
def test_nonsense_article_ids_in_admin_urls_are_404(client, object_id):
    client.force_login(EditorFactory())
    base = f"/admin/articles/article/{object_id}"

    for url in (f"{base}/workflow/publish/", f"{base}/revisions/", f"{base}/preview-links/", f"{base}/change/"):
        response = client.post(url) if "workflow" in url or "preview-links" in url else client.get(url)
        assert response.status_code == 404, url
