"""Previews: staff see any article they may see in the admin; share links work, expire and can be revoked."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles import preview
from articles.models import PreviewLink
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="Secret draft on GRPO", body="<p>Group relative policy optimisation.</p>")


def shared_url(link):
    return preview.preview_url(link)


def test_staff_preview_shows_a_draft_as_readers_would_see_it_with_noindex(client, draft):
    client.force_login(EditorFactory())

    response = client.get(reverse("preview:article", args=[draft.pk]))

    assert response.status_code == 200
    assert b"Secret draft on GRPO" in response.content
    assert b"Group relative policy optimisation." in response.content
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_staff_preview_needs_a_login(client, draft):
    response = client.get(reverse("preview:article", args=[draft.pk]))

    assert response.status_code == 302
    assert b"Secret draft" not in response.content


def test_writer_previews_own_draft_but_not_someone_elses(client, draft):
    writer = WriterFactory()
    own = ArticleFactory(draft=True, created_by=writer, title="My own draft")
    client.force_login(writer)

    assert client.get(reverse("preview:article", args=[own.pk])).status_code == 200
    response = client.get(reverse("preview:article", args=[draft.pk]))
    assert response.status_code == 404
    assert b"Secret draft" not in response.content


def test_share_link_shows_the_draft_to_anyone_with_noindex(client, draft):
    link = preview.create_preview_link(draft, EditorFactory())

    response = client.get(shared_url(link))

    assert response.status_code == 200
    assert b"Secret draft on GRPO" in response.content
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_share_link_expires_after_seven_days(client, draft, settings):
    assert timedelta(days=7) == settings.PREVIEW_LINK_MAX_AGE
    with time_machine.travel("2026-09-01 10:00Z", tick=False):
        link = preview.create_preview_link(draft, EditorFactory())
        url = shared_url(link)
    with time_machine.travel("2026-09-08 09:59Z", tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel("2026-09-08 10:01Z", tick=False):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Secret draft" not in response.content


def test_share_link_row_expiry_counts_even_if_the_signature_is_still_fresh(client, draft):
    link = preview.create_preview_link(draft, EditorFactory())
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(shared_url(link)).status_code == 404


def test_revoked_share_link_stops_working(client, draft):
    link = preview.create_preview_link(draft, EditorFactory())
    url = shared_url(link)
    assert client.get(url).status_code == 200

    preview.revoke_preview_link(link, EditorFactory())

    response = client.get(url)
    assert response.status_code == 404
    assert b"Secret draft" not in response.content


def test_revoked_from_the_preview_link_admin(client, draft):
    link = preview.create_preview_link(draft, EditorFactory())
    client.force_login(EditorFactory())

    client.post(
        reverse("admin:articles_previewlink_changelist"),
        {"action": "revoke_selected", "_selected_action": [str(link.pk)], "index": "0"},
    )

    client.logout()
    assert client.get(shared_url(link)).status_code == 404


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "MQ:1tXyz:forged-signature",
        signing.dumps(1, salt="another-salt"),
        signing.dumps("1", salt=preview.TOKEN_SALT),
        signing.dumps({"pk": 1}, salt=preview.TOKEN_SALT),
        "x" * 3000,
        "%00",
    ],
)
def test_invalid_tokens_are_404_and_never_the_article(client, draft, token):
    preview.create_preview_link(draft, EditorFactory())

    response = client.get(f"/preview/{token}/")

    assert response.status_code == 404
    assert b"Secret draft" not in response.content


def test_token_of_a_deleted_link_is_404(client, draft):
    link = preview.create_preview_link(draft, EditorFactory())
    url = shared_url(link)
    link.delete()

    assert client.get(url).status_code == 404


def test_share_link_only_answers_get(client, draft):
    link = preview.create_preview_link(draft, EditorFactory())

    assert client.post(shared_url(link)).status_code == 405
