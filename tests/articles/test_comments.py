"""Comment threads on articles: who takes part, replies and resolving, mentions, and never a word to readers."""

import pytest
from django.core import mail
from django.urls import reverse

from articles import comments, preview
from articles.models import ArticleComment, Notification, NotificationPreference
from tests.articles.factories import EditorFactory, WriterFactory
from tests.articles.inline_tasks import inline_tasks  # noqa: F401  (a fixture)
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("inline_tasks")]

SECRET = "Zebrafinch-internal-remark"


@pytest.fixture
def writer():
    return WriterFactory(username="wanda")


@pytest.fixture
def editor():
    return EditorFactory(username="eddie")


@pytest.fixture
def draft(writer):
    return ArticleFactory(draft=True, created_by=writer, title="Her draft")


def comment_url(article):
    return reverse("admin:articles_article_comment", args=[article.pk])


def thread_url(article, comment_id, step="resolve"):
    return reverse("admin:articles_article_comment_thread", args=[article.pk, comment_id, step])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_writer_and_editor_discuss_a_draft_on_its_change_form(client, writer, editor, draft):
    client.force_login(writer)
    response = client.post(comment_url(draft), {"body": "Is the second section too long?"})
    thread = ArticleComment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{thread.pk}")

    client.force_login(editor)
    client.post(comment_url(draft), {"body": "A little. Cut the table.", "parent": thread.pk})
    page = client.get(change_url(draft)).content.decode()
    assert "Is the second section too long?" in page and "A little. Cut the table." in page
    assert "1 open thread" in page

    client.force_login(writer)
    client.post(thread_url(draft, thread.pk))
    thread.refresh_from_db()
    assert (thread.is_resolved, thread.resolved_by) == (True, writer)
    page = client.get(change_url(draft)).content.decode()
    assert "0 open threads" in page and "1 resolved thread" in page  # kept, folded away


def test_reply_to_a_reply_joins_the_thread_and_reopens_it(writer, editor, draft):
    thread, _ = comments.post_comment(draft, writer, "First")
    reply, _ = comments.post_comment(draft, editor, "Second", parent=thread)
    comments.resolve(thread, editor)

    late, _ = comments.post_comment(draft, writer, "Third", parent=reply)

    thread.refresh_from_db()
    assert late.parent == thread and not thread.is_resolved
    assert [c.body for c in thread.replies.all()] == ["Second", "Third"]


def test_two_editors_resolving_at_once_the_first_counts(editor, draft):
    second_editor = EditorFactory()
    thread, _ = comments.post_comment(draft, editor, "Check the dates")
    stale = ArticleComment.objects.get(pk=thread.pk)

    assert comments.resolve(thread, editor) is True
    assert comments.resolve(stale, second_editor) is False
    thread.refresh_from_db()
    assert thread.resolved_by == editor


def test_comments_stay_when_the_article_moves_on(writer, editor, draft):
    from articles import workflow

    comments.post_comment(draft, writer, "Before review")
    workflow.submit_for_review(draft, writer)
    comments.post_comment(draft, writer, "Writer still talks during review")
    workflow.publish(draft, editor)
    assert list(draft.comments.values_list("body", flat=True)) == ["Before review", "Writer still talks during review"]


def test_mention_notifies_who_may_view_and_reports_the_others(
    client, writer, editor, draft, django_capture_on_commit_callbacks
):
    WriterFactory(username="otto")  # another writer: may not view this draft
    UserFactory(username="reader", is_staff=False)
    client.force_login(writer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            comment_url(draft), {"body": "@Eddie could you look? cc @otto @reader @nobody @wanda @eddie."},
            follow=True,
        )

    assert sorted(address for message in mail.outbox for address in message.to) == ["eddie@example.org"]
    assert "wanda mentioned you in a comment on “Her draft”" in mail.outbox[0].body
    assert "could you look?" in mail.outbox[0].body
    warning = [str(m) for m in response.context["messages"] if "Not notified" in str(m)]
    assert warning == [
        "Not notified (no such staff member, or they may not view this article): @otto, @reader, @nobody."
    ]
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["eddie"]


def test_an_email_address_mentions_nobody():
    assert comments.mentioned_names("write to ann@example.org, then @bob. And @carol_2! @Bob") == ["bob", "carol_2"]


def test_a_comment_naming_too_many_people_is_refused_and_not_stored(editor, draft):
    body = " ".join(f"@user{n}" for n in range(comments.MAX_MENTIONS + 1))
    with pytest.raises(comments.CommentError):
        comments.post_comment(draft, editor, body)
    assert not ArticleComment.objects.exists()


# --- Attacks ------------------------------------------------------------------------------------------------------


def test_writer_cannot_comment_on_or_resolve_another_writers_article(client, editor, draft):
    thread, _ = comments.post_comment(draft, editor, "Editors only see this")
    intruder = WriterFactory()
    own = ArticleFactory(draft=True, created_by=intruder)
    client.force_login(intruder)

    assert client.post(comment_url(draft), {"body": "sneaky"}).status_code == 404
    assert client.post(thread_url(draft, thread.pk)).status_code == 404
    # The other article's thread through the intruder's own article: not on this article, so not found.
    assert client.post(thread_url(own, thread.pk)).status_code == 404
    assert client.post(comment_url(own), {"body": "reply across", "parent": thread.pk}).status_code == 404
    assert client.get(change_url(own)).content.decode().count("Editors only see this") == 0
    assert ArticleComment.objects.count() == 1
    thread.refresh_from_db()
    assert not thread.is_resolved


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/999999/comments/",
        "/admin/articles/article/abc/comments/",
        "/admin/articles/article/%00/comments/",
        "/admin/articles/article/{pk}/comments/999999/resolve/",
        "/admin/articles/article/{pk}/comments/99999999999999999999999/reopen/",
        "/admin/articles/article/99999999999999999999999/comments/",
        "/admin/articles/article/{pk}/comments/1/delete/",
    ],
)
def test_forged_ids_answer_404(client, editor, draft, path):
    client.force_login(editor)
    assert client.post(path.format(pk=draft.pk), {"body": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"body": "   "}, "This field is required"),
        ({"body": "x" * 5001}, "at most 5000 characters"),
        ({"body": "ok", "parent": "abc"}, "Enter a whole number"),
        ({"body": "ok", "parent": "-3"}, "greater than or equal to 1"),
        ({"body": "\x00\x00"}, "Null characters are not allowed"),
    ],
)
def test_bad_comments_get_a_message_and_store_nothing(client, editor, draft, data, error):
    client.force_login(editor)
    response = client.post(comment_url(draft), data, follow=True)
    assert response.status_code == 200
    assert any(error in str(m) for m in response.context["messages"]), list(response.context["messages"])
    assert not ArticleComment.objects.exists()


def test_a_reply_to_a_made_up_or_huge_parent_id_is_404(client, editor, draft):
    client.force_login(editor)
    for parent in ("999999", "99999999999999999999999"):
        assert client.post(comment_url(draft), {"body": "x", "parent": parent}).status_code == 404
    assert not ArticleComment.objects.exists()


def test_get_on_the_comment_urls_is_405(client, editor, draft):
    thread, _ = comments.post_comment(draft, editor, "x")
    client.force_login(editor)
    assert client.get(comment_url(draft)).status_code == 405
    assert client.get(thread_url(draft, thread.pk)).status_code == 405


def test_a_writer_taken_off_the_byline_can_no_longer_take_part(client, draft):
    coauthor = WriterFactory()
    profile = AuthorFactory(user=coauthor)
    draft.authors.add(profile)
    thread, _ = comments.post_comment(draft, coauthor, "I was here")
    draft.authors.remove(profile)
    client.force_login(coauthor)
    assert client.post(thread_url(draft, thread.pk)).status_code == 404


# --- Never public -------------------------------------------------------------------------------------------------


def test_open_comments_show_on_the_staff_preview_but_not_resolved_ones(client, writer, draft):
    open_thread, _ = comments.post_comment(draft, writer, f"{SECRET} open")
    done, _ = comments.post_comment(draft, writer, "Resolved remark")
    comments.resolve(done, writer)
    client.force_login(writer)

    page = client.get(reverse("preview:article", args=[draft.pk])).content.decode()

    assert f"{SECRET} open" in page and "Open comments (1)" in page
    assert "Resolved remark" not in page


def test_shared_preview_links_never_show_comments(client, editor, draft):
    comments.post_comment(draft, editor, SECRET)
    link = preview.create_preview_link(draft, editor)
    page = client.get(preview.preview_url(link)).content.decode()
    assert "Her draft" in page and SECRET not in page


def test_comments_never_reach_public_pages_feeds_search_or_sitemap(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Public piece", slug="public-piece", tags=["rlhf"])
    comments.post_comment(article, editor, f"{SECRET} about the public piece")

    urls = [
        article.get_absolute_url(),
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("articles:tag_feed", args=["rlhf"]),
        reverse("articles:search") + "?q=public",
        reverse("verticals:sitemap"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    assert "Public piece" in client.get(reverse("articles:search") + "?q=public").content.decode()
    # The comment's words do not find the article.
    found = client.get(reverse("articles:search") + "?q=Zebrafinch").content.decode()
    assert article.get_absolute_url() not in found


def test_the_whole_discussion_is_on_the_articles_history_page(client, writer, editor, draft):
    thread, _ = comments.post_comment(draft, writer, "Kept for the record")
    comments.post_comment(draft, editor, "Agreed", parent=thread)
    comments.resolve(thread, editor)
    client.force_login(writer)

    page = client.get(reverse("admin:articles_article_history", args=[draft.pk])).content.decode()

    assert "Kept for the record" in page and "Agreed" in page and "resolved by eddie" in page
    intruder = WriterFactory()
    client.force_login(intruder)
    response = client.get(reverse("admin:articles_article_history", args=[draft.pk]))
    assert response.status_code in (302, 403, 404) and b"Kept for the record" not in response.content


def test_writer_takes_part_after_submitting_while_the_form_is_read_only(client, writer, draft):
    from articles import workflow

    workflow.submit_for_review(draft, writer)
    client.force_login(writer)
    client.post(comment_url(draft), {"body": "Any news?"})
    page = client.get(change_url(draft)).content.decode()
    assert "Any news?" in page and 'name="body"' in page


def test_markup_in_a_comment_is_shown_as_text_everywhere(client, writer, draft):
    comments.post_comment(draft, writer, '<script>alert("x")</script> & <b>bold</b>')
    client.force_login(writer)
    for url in (change_url(draft), reverse("preview:article", args=[draft.pk])):
        page = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
        assert '<script>alert("x")' not in page


def test_a_mention_of_someone_who_chose_no_email_sends_nothing(
    writer, editor, draft, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=editor, delivery=NotificationPreference.Delivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        _, unheard = comments.post_comment(draft, writer, "@eddie please look")
    assert unheard == [] and mail.outbox == [] and not Notification.objects.exists()
