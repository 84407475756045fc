"""The admin editors use: the whole loop, the article list, bulk actions and the other editorial models."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleTransition, Series
from tests.adminversions import loaded_version
from tests.articles.adminforms import (
    article_form_data,
    bulk,
    change_url,
    changelist_url,
    messages_of,
    step,
    workflow_url,
)
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory, SeriesFactory, VerticalFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def editor():
    return EditorFactory()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_runs_the_whole_loop_in_the_admin(client, editor):
    """Write, submit, review, request changes, resubmit, schedule, publish now, unpublish — all through the admin."""
    writer = WriterFactory()
    vertical = VerticalFactory()
    client.force_login(writer)

    # Write.
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="DPO in practice", slug="dpo-in-practice", vertical=str(vertical.pk)),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="dpo-in-practice")
    assert (article.status, article.created_by) == (Status.DRAFT, writer)

    # Submit.
    response = step(client, article, "submit", follow=True)
    assert "Submitted for review" in " ".join(messages_of(response))
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW

    # Review: the editor reads it and asks for changes, with a comment the writer then sees.
    client.force_login(editor)
    page = client.get(change_url(article))
    assert b"Request changes" in page.content and b"Publish now" in page.content
    assert client.get(workflow_url(article, "request_changes")).status_code == 200
    assert step(client, article, "request_changes", {"comment": "  "}).status_code == 400
    step(client, article, "request_changes", {"comment": "Cite the DPO paper."})
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT

    client.force_login(writer)
    page = client.get(change_url(article))
    assert b"Cite the DPO paper." in page.content
    client.post(change_url(article), article_form_data(article, body="<p>Now with a citation.</p>"))
    step(client, article, "submit")

    # Schedule.
    client.force_login(editor)
    with time_machine.travel(datetime(2026, 9, 1, 8, 0, tzinfo=UTC), tick=False):
        assert step(client, article, "schedule", {"publish_at": "2026-08-01T09:00"}).status_code == 400
        response = step(client, article, "schedule", {"publish_at": "2026-09-02T09:00"}, follow=True)
        assert "Scheduled" in " ".join(messages_of(response))
        article.refresh_from_db()
        assert article.publish_date == datetime(2026, 9, 2, 9, 0, tzinfo=UTC)
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert b"Scheduled" in client.get(changelist_url()).content

        # Publish now after all, then unpublish.
        step(client, article, "publish")
        assert Article.objects.published().filter(pk=article.pk).exists()
        step(client, article, "unpublish")
        assert not Article.objects.published().filter(pk=article.pk).exists()

    steps = list(article.transitions.order_by("id").values_list("action", "user__username"))
    assert steps == [
        ("submit", writer.username),
        ("request_changes", editor.username),
        ("submit", writer.username),
        ("schedule", editor.username),
        ("publish", editor.username),
        ("unpublish", editor.username),
    ]
    history = client.get(change_url(article))
    assert history.content.count(b'class="transition"') == 6
    assert b"Cite the DPO paper." in history.content


def test_invalid_transition_through_the_admin_says_why(editor_client):
    article = ArticleFactory()

    response = step(editor_client, article, "publish", follow=True)

    assert any("cannot be published" in message for message in messages_of(response))
    assert ArticleTransition.objects.count() == 0


def test_unknown_workflow_step_is_404(editor_client):
    assert editor_client.post(workflow_url(ArticleFactory(draft=True), "teleport")).status_code == 404


def test_schedule_form_rejects_nonsense_with_400(editor_client):
    article = ArticleFactory(in_review=True)

    for value in ("", "tomorrow", "2026-13-45T99:99", "x" * 5000):
        response = step(editor_client, article, "schedule", {"publish_at": value})
        assert response.status_code == 400
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


# --- The article list -------------------------------------------------------------------------------------------


def test_article_list_shows_status_vertical_series_part_and_authors(editor_client):
    series = SeriesFactory(title="The RLHF stack")
    ArticleFactory(
        title="Scheduled piece", scheduled=True, series=series, part=3, vertical=series.vertical,
        authors=[AuthorFactory(name="Ada Writer")],
    )

    response = editor_client.get(changelist_url())

    content = response.content.decode()
    assert "Scheduled piece" in content
    assert "Scheduled" in content
    assert "The RLHF stack · part 3" in content
    assert "Ada Writer" in content


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("draft", {"draft"}),
        ("review", {"review"}),
        ("scheduled", {"scheduled"}),
        ("published", {"live"}),
        ("unpublished", {"unpublished"}),
    ],
)
def test_status_filter_tells_scheduled_from_live(editor_client, value, expected):
    ArticleFactory(title="draft", draft=True)
    ArticleFactory(title="review", in_review=True)
    ArticleFactory(title="scheduled", scheduled=True)
    ArticleFactory(title="live")
    ArticleFactory(title="unpublished", unpublished=True)

    response = editor_client.get(changelist_url(), {"status": value})

    assert {article.title for article in response.context["cl"].result_list} == expected


def test_list_filters_by_vertical_series_tag_and_author(editor_client):
    author = AuthorFactory()
    series = SeriesFactory()
    tagged = ArticleFactory(title="tagged", tags=["grpo"])
    by_author = ArticleFactory(title="by author", authors=[author])
    in_series = ArticleFactory(title="in series", series=series, part=1)

    def titles(**params):
        return {a.title for a in editor_client.get(changelist_url(), params).context["cl"].result_list}

    assert titles(tag="grpo") == {"tagged"}
    assert titles(authors__id__exact=author.pk) == {"by author"}
    assert titles(series__id__exact=series.pk) == {"in series"}
    assert titles(vertical__id__exact=tagged.vertical_id) == {"tagged"}
    assert titles(q="by author") == {"by author"}
    assert by_author and in_series


def test_article_list_query_count_does_not_grow_with_rows(editor_client, django_assert_max_num_queries):
    authors = AuthorFactory.create_batch(2)
    for _ in range(3):
        ArticleFactory(authors=authors, tags=["rlhf"], series=SeriesFactory())
    with django_assert_max_num_queries(30) as few:
        editor_client.get(changelist_url())
    for _ in range(20):
        ArticleFactory(authors=authors, tags=["rlhf"], series=SeriesFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(changelist_url())
    assert len(response.context["cl"].result_list) == 23


def test_add_form_has_prefilled_slug_autocomplete_and_own_author(client):
    writer = WriterFactory()
    author = AuthorFactory(user=writer)
    client.force_login(writer)

    response = client.get(reverse("admin:articles_article_add"))

    content = response.content.decode()
    assert "prepopulated_fields" in content or "data-prepopulated-fields" in content
    assert 'class="admin-autocomplete' in content
    assert response.context["adminform"].form.initial["authors"] == [author.pk]


def test_series_and_author_autocomplete_answer_writers(client):
    client.force_login(WriterFactory())
    SeriesFactory(title="Regulatory frameworks")

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Regul", "app_label": "articles", "model_name": "article", "field_name": "series"},
    )

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Regulatory frameworks"]


# --- Bulk actions -----------------------------------------------------------------------------------------------


def test_bulk_publish_reports_what_it_did_and_what_it_skipped(editor_client):
    review = ArticleFactory(title="Ready", in_review=True)
    live = ArticleFactory(title="Already live")

    response = bulk(editor_client, "publish_selected", [review, live])

    messages = " ".join(messages_of(response))
    assert "Published: 1 article(s): “Ready”" in messages
    assert "Skipped 1 article(s): “Already live” (“Already live” is published: it cannot be published.)" in messages
    assert Article.objects.published().count() == 2


def test_bulk_schedule_asks_for_a_date_on_an_intermediate_page(editor_client):
    first, second = ArticleFactory(in_review=True), ArticleFactory(draft=True)

    page = bulk(editor_client, "schedule_selected", [first, second])
    assert page.status_code == 200
    assert b'type="datetime-local"' in page.content
    assert Article.objects.scheduled().count() == 0

    bad = bulk(editor_client, "schedule_selected", [first, second], apply="1", publish_at="2001-01-01T00:00")
    assert bad.status_code == 400
    assert Article.objects.scheduled().count() == 0

    when = timezone.localtime(timezone.now() + timedelta(days=5)).replace(second=0, microsecond=0)
    at = when.strftime("%Y-%m-%dT%H:%M")
    done = bulk(editor_client, "schedule_selected", [first, second], apply="1", publish_at=at)
    assert "Scheduled: 2 article(s)" in " ".join(messages_of(done))
    assert set(Article.objects.scheduled().values_list("publish_date", flat=True)) == {when}


def test_bulk_unpublish_and_submit(editor_client):
    live, draft = ArticleFactory(), ArticleFactory(draft=True)

    bulk(editor_client, "unpublish_selected", [live, draft])
    bulk(editor_client, "submit_selected", [draft])

    assert Article.objects.get(pk=live.pk).status == Status.UNPUBLISHED
    assert Article.objects.get(pk=draft.pk).status == Status.REVIEW


# --- Preview links and the other editorial models ---------------------------------------------------------------


def test_change_form_offers_preview_and_share_and_revoke(editor_client):
    article = ArticleFactory(draft=True)

    response = editor_client.post(reverse("admin:articles_article_share", args=[article.pk]), follow=True)

    link = article.preview_links.get()
    assert "/preview/" in " ".join(messages_of(response))
    page = editor_client.get(change_url(article)).content.decode()
    assert reverse("preview:article", args=[article.pk]) in page
    assert "Active" in page
    editor_client.post(reverse("admin:articles_article_revoke_share", args=[article.pk, link.pk]))
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert editor_client.get(reverse("admin:articles_article_share", args=[article.pk])).status_code == 405


def test_site_settings_is_a_singleton_edited_in_place(editor_client):
    response = editor_client.get(reverse("admin:verticals_sitesettings_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:verticals_sitesettings_change", args=[1])

    page = editor_client.get(response["Location"])
    assert page.status_code == 200
    assert b"social_links-TOTAL_FORMS" in page.content
    assert editor_client.get(reverse("admin:verticals_sitesettings_add")).status_code == 403
    delete = reverse("admin:verticals_sitesettings_delete", args=[1])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403


def test_series_admin_edits_planned_parts_inline(editor_client):
    series = SeriesFactory()
    data = {
        "title": series.title, "slug": series.slug, "vertical": series.vertical_id, "summary": "S",
        "intro": "<p>I</p>", "status": "planned", "planned_start": "", "order": "0",
        "planned_parts-TOTAL_FORMS": "1", "planned_parts-INITIAL_FORMS": "0",
        "planned_parts-MIN_NUM_FORMS": "0", "planned_parts-MAX_NUM_FORMS": "1000",
        "planned_parts-0-part": "1", "planned_parts-0-title": "From RLHF to RLVR", "planned_parts-0-planned_date": "",
        "loaded_version": loaded_version(series),
    }

    response = editor_client.post(reverse("admin:articles_series_change", args=[series.pk]), data)

    assert response.status_code == 302
    assert Series.objects.get(pk=series.pk).planned_parts.get().title == "From RLHF to RLVR"


@pytest.mark.parametrize(
    "name",
    [
        "verticals_vertical", "articles_author", "articles_series", "articles_resource", "articles_glossaryterm",
        "articles_previewlink", "articles_slugredirect",
    ],
)
def test_editorial_model_lists_open_for_editors(editor_client, name):
    assert editor_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_admin_index_links_the_editorial_calendar(editor_client):
    response = editor_client.get(reverse("admin:index"))

    assert reverse("admin:articles_article_calendar").encode() in response.content


def test_tag_field_suggests_existing_tags(editor_client):
    ArticleFactory(tags=["GRPO", "DPO", "Kirkpatrick levels"])
    url = reverse("admin:articles_article_tag_suggestions")

    form = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'data-tag-suggest-url="{url}"' in form
    assert "articles/admin/tag-suggest.js" in form

    assert editor_client.get(url, {"q": "po"}).json() == {"results": ["DPO", "GRPO"]}
    assert editor_client.get(url, {"q": "kirk"}).json() == {"results": ["Kirkpatrick levels"]}
    assert editor_client.get(url, {"q": "x"}).json() == {"results": []}
    assert editor_client.get(url, {"q": "%" * 5000}).status_code == 200


def test_tag_suggestions_need_admin_access(client):
    url = reverse("admin:articles_article_tag_suggestions")

    assert client.get(url, {"q": "po"}).status_code == 302


def test_article_list_puts_undated_work_first_then_newest(editor_client):
    ArticleFactory(title="old", publish_date=timezone.now() - timedelta(days=9))
    ArticleFactory(title="new", publish_date=timezone.now() - timedelta(days=1))
    ArticleFactory(title="draft", draft=True)

    response = editor_client.get(changelist_url())

    assert [a.title for a in response.context["cl"].result_list] == ["draft", "new", "old"]


def test_taken_series_part_is_a_form_error_not_a_crash(editor_client):
    series = SeriesFactory()
    ArticleFactory(series=series, part=1, vertical=series.vertical)
    article = ArticleFactory(draft=True, vertical=series.vertical)

    response = editor_client.post(change_url(article), article_form_data(article, series=str(series.pk), part="1"))

    assert response.status_code == 200
    assert response.context["errors"]
    assert Article.objects.get(pk=article.pk).series_id is None


def test_part_without_series_is_a_form_error(editor_client):
    article = ArticleFactory(draft=True)

    response = editor_client.post(change_url(article), article_form_data(article, part="2"))

    assert response.status_code == 200
    assert "A part number needs a series." in response.content.decode()


def test_a_step_that_is_not_open_sends_the_editor_back_with_a_reason(editor_client):
    article = ArticleFactory(draft=True, title="Fresh draft")

    response = editor_client.get(workflow_url(article, "request_changes"), follow=True)

    assert response.redirect_chain[-1][0] == change_url(article)
    assert "“Fresh draft” is draft: that step is not open now." in messages_of(response)


def _image(name="hero.png", image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 40, 40)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_hero_is_chosen_from_the_image_library(editor_client):
    from tests.images.helpers import ImageFactory

    article = ArticleFactory(draft=True)
    image = ImageFactory(size=(60, 40))

    accepted = editor_client.post(change_url(article), article_form_data(article, hero=str(image.pk)))

    assert accepted.status_code == 302
    assert Article.objects.get(pk=article.pk).hero == image


def test_author_photo_upload_is_checked_by_content(editor_client):
    author = AuthorFactory()
    data = {"name": author.name, "slug": author.slug, "bio": "", "user": "", "loaded_version": loaded_version(author)}

    response = editor_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {**data, "photo": SimpleUploadedFile("me.jpg", b"<html><script>alert(1)</script></html>")},
    )

    assert response.status_code == 200
    assert response.context["errors"]


def test_view_on_site_only_for_published_articles(editor_client):
    draft, live = ArticleFactory(draft=True), ArticleFactory()

    assert b"View on site" not in editor_client.get(change_url(draft)).content
    assert b"View on site" in editor_client.get(change_url(live)).content


@pytest.mark.parametrize("action", ["submit", "publish", "unpublish"])
def test_workflow_button_comment_with_a_nul_byte_is_a_400_not_a_crash(editor_client, action):
    article = ArticleFactory(draft=True) if action != "unpublish" else ArticleFactory()
    before = Article.objects.values_list("status", flat=True).get(pk=article.pk)

    response = step(editor_client, article, action, {"comment": "bad\x00byte"})

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    assert Article.objects.values_list("status", flat=True).get(pk=article.pk) == before
