"""Who may create and revoke shareable preview links: editors on any article, writers only on their own drafts —
held by create_preview_link / revoke_preview_link themselves, so every admin URL and action is held to it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import preview, workflow
from articles.models import PreviewLink
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOT_A_DRAFT = ["in_review", "scheduled", "published", "unpublished"]


def traits(state):
    return {} if state == "published" else {state: True}


def share_url(article):
    return reverse("admin:articles_article_share", args=[article.pk])


def revoke_url(link):
    return reverse("admin:articles_article_revoke_share", args=[link.article_id, link.pk])


@pytest.mark.parametrize("state", NOT_A_DRAFT)
def test_writer_cannot_create_a_preview_link_on_their_own_article_once_it_is_not_a_draft(client, state):
    writer = WriterFactory()
    article = ArticleFactory(created_by=writer, **traits(state))
    client.force_login(writer)

    assert client.post(share_url(article)).status_code == 403
    assert not PreviewLink.objects.exists()
    with pytest.raises(PermissionDenied):
        preview.create_preview_link(article, writer)
    assert not PreviewLink.objects.exists()


@pytest.mark.parametrize("state", NOT_A_DRAFT)
def test_writer_cannot_revoke_an_editors_link_on_their_own_article(client, state):
    writer = WriterFactory()
    article = ArticleFactory(created_by=writer, **traits(state))
    link = preview.create_preview_link(article, EditorFactory())
    client.force_login(writer)

    assert client.post(revoke_url(link)).status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None and link.is_active()
    with pytest.raises(PermissionDenied):
        preview.revoke_preview_link(link, writer)
    link.refresh_from_db()
    assert link.revoked_at is None
    assert client.get(preview.preview_url(link)).status_code == 200


def test_writer_creates_and_revokes_links_on_their_own_draft(client):
    writer = WriterFactory()
    draft = ArticleFactory(draft=True, created_by=writer)
    client.force_login(writer)

    assert client.post(share_url(draft)).status_code == 302
    link = PreviewLink.objects.get(article=draft)
    assert link.created_by == writer
    assert client.post(revoke_url(link)).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_the_writers_draft_submitted_in_another_tab_is_no_longer_theirs_to_share(db):
    writer = WriterFactory()
    draft = ArticleFactory(draft=True, created_by=writer)
    stale = type(draft).objects.get(pk=draft.pk)
    workflow.submit_for_review(draft, writer)
    with pytest.raises(PermissionDenied):
        preview.create_preview_link(stale, writer)


def test_writer_cannot_share_someone_elses_draft(client):
    draft = ArticleFactory(draft=True, created_by=WriterFactory())
    writer = WriterFactory()
    client.force_login(writer)
    assert client.post(share_url(draft)).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        preview.create_preview_link(draft, writer)
    assert not PreviewLink.objects.exists()


@pytest.mark.parametrize("state", ["draft", *NOT_A_DRAFT])
def test_editor_creates_and_revokes_links_on_any_article(client, state):
    article = ArticleFactory(created_by=WriterFactory(), **traits(state))
    client.force_login(EditorFactory())
    assert client.post(share_url(article)).status_code == 302
    link = PreviewLink.objects.get(article=article)
    assert client.post(revoke_url(link)).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_writer_page_of_their_scheduled_article_offers_no_share_or_revoke_button(client):
    writer = WriterFactory()
    article = ArticleFactory(created_by=writer, scheduled=True)
    preview.create_preview_link(article, EditorFactory())
    client.force_login(writer)
    content = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Create a preview link" not in content
    assert ">Revoke</button>" not in content
    assert "Only editors create or revoke preview links" in content


def test_nobody_signed_out_or_unknown_creates_a_link(db):
    from django.contrib.auth.models import AnonymousUser

    draft = ArticleFactory(draft=True)
    for user in (None, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            preview.create_preview_link(draft, user)
    assert not PreviewLink.objects.exists()
