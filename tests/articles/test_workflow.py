from datetime import UTC, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleTransition
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def writer():
    return WriterFactory()


@pytest.fixture
def editor():
    return EditorFactory()


@pytest.fixture
def draft(writer):
    return ArticleFactory(draft=True, created_by=writer)


def test_writer_submits_own_draft_and_the_move_is_recorded(writer, draft):
    transition = workflow.submit_for_review(draft, writer, comment="Ready")

    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert (transition.user, transition.from_status, transition.to_status, transition.action, transition.comment) == (
        writer, Status.DRAFT, Status.REVIEW, "submit", "Ready"
    )
    assert list(draft.transitions.all()) == [transition]


def test_writer_credited_as_author_may_submit(writer):
    article = ArticleFactory(draft=True, authors=[AuthorFactory(user=writer)])

    workflow.submit_for_review(article, writer)

    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_writer_cannot_submit_someone_elses_draft(writer):
    article = ArticleFactory(draft=True, created_by=WriterFactory())

    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(article, writer)

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert not ArticleTransition.objects.exists()


@pytest.mark.parametrize(
    "move",
    [
        lambda a, u: workflow.publish(a, u),
        lambda a, u: workflow.schedule(a, u, timezone.now() + timedelta(days=1)),
        lambda a, u: workflow.unpublish(a, u),
        lambda a, u: workflow.request_changes(a, u, "Fix it"),
    ],
    ids=["publish", "schedule", "unpublish", "request_changes"],
)
def test_writer_cannot_publish_schedule_unpublish_or_request_changes(writer, move):
    for state in ("draft", "in_review", "unpublished"):
        article = ArticleFactory(created_by=writer, **{state: True})
        with pytest.raises(PermissionDenied):
            move(article, writer)
    live = ArticleFactory(created_by=writer)
    with pytest.raises(PermissionDenied):
        move(live, writer)
    assert not ArticleTransition.objects.exists()
    assert Article.objects.published().count() == 1


def test_editor_publishes_now(editor):
    article = ArticleFactory(in_review=True)

    with time_machine.travel("2026-09-01 09:00Z", tick=False):
        workflow.publish(article, editor)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.publish_date == timezone.datetime(2026, 9, 1, 9, tzinfo=UTC)
    assert article.transitions.get().action == "publish"


def test_scheduled_article_is_invisible_before_its_time_and_visible_after(editor):
    article = ArticleFactory(in_review=True)
    with time_machine.travel("2026-09-01 09:00Z", tick=False):
        workflow.schedule(article, editor, timezone.datetime(2026, 9, 3, 7, 30, tzinfo=UTC))
        assert article.is_scheduled()
        assert article not in Article.objects.published()
        assert article in Article.objects.scheduled()

    with time_machine.travel("2026-09-03 07:29:59Z", tick=False):
        assert not Article.objects.published().filter(pk=article.pk).exists()

    with time_machine.travel("2026-09-03 07:30Z", tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        article.refresh_from_db()
        assert article.is_published()
        assert article.display_status == "Published"


def test_schedule_needs_a_future_time(editor):
    article = ArticleFactory(in_review=True)

    with pytest.raises(workflow.WorkflowError, match="future"):
        workflow.schedule(article, editor, timezone.now() - timedelta(minutes=1))
    with pytest.raises(workflow.WorkflowError):
        workflow.schedule(article, editor, None)

    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_a_live_article_cannot_be_published_again(editor):
    article = ArticleFactory()

    with pytest.raises(workflow.WorkflowError, match="published"):
        workflow.publish(article, editor)


def test_scheduled_article_can_be_published_now_or_rescheduled(editor):
    article = ArticleFactory(scheduled=True)
    later = timezone.now() + timedelta(days=10)

    workflow.schedule(article, editor, later)
    assert Article.objects.get(pk=article.pk).publish_date == later

    workflow.publish(article, editor)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_request_changes_needs_a_comment_and_returns_the_article_to_draft(editor):
    article = ArticleFactory(in_review=True)

    with pytest.raises(workflow.WorkflowError, match="comment"):
        workflow.request_changes(article, editor, "   ")
    workflow.request_changes(article, editor, "The DPO section needs a source.")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    transition = article.transitions.get()
    assert (transition.action, transition.comment) == ("request_changes", "The DPO section needs a source.")


def test_request_changes_on_a_scheduled_article_clears_its_date(editor):
    article = ArticleFactory(scheduled=True)

    workflow.request_changes(article, editor, "Hold it")

    article.refresh_from_db()
    assert (article.status, article.publish_date) == (Status.DRAFT, None)


def test_unpublish_takes_the_article_off_the_site(editor):
    article = ArticleFactory()

    workflow.unpublish(article, editor, comment="Outdated")

    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED


def test_invalid_moves_are_refused_with_a_clear_message(editor, writer):
    review = ArticleFactory(in_review=True, created_by=writer)
    with pytest.raises(workflow.WorkflowError, match="in review"):
        workflow.submit_for_review(review, writer)
    with pytest.raises(workflow.WorkflowError):
        workflow.unpublish(ArticleFactory(draft=True), editor)
    with pytest.raises(workflow.WorkflowError):
        workflow.request_changes(ArticleFactory(draft=True), editor, "No")


def test_a_stale_copy_does_not_win_a_race(editor):
    """Two editors act on the same article: the second one's copy is stale and the move must not apply twice."""
    article = ArticleFactory(in_review=True)
    stale = Article.objects.get(pk=article.pk)

    workflow.publish(article, editor)
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(stale, editor)

    assert ArticleTransition.objects.filter(article=article).count() == 1


def test_conditional_update_refuses_when_the_row_changed_under_us(editor, monkeypatch):
    article = ArticleFactory()
    original_refresh = Article.refresh_from_db

    def refresh_then_someone_else_unpublishes(self, *args, **kwargs):
        original_refresh(self, *args, **kwargs)
        Article.objects.filter(pk=self.pk).update(status=Status.UNPUBLISHED)

    monkeypatch.setattr(Article, "refresh_from_db", refresh_then_someone_else_unpublishes)
    with pytest.raises(workflow.WorkflowError, match="someone else"):
        workflow.unpublish(article, editor)
    assert not ArticleTransition.objects.exists()


def test_inactive_editor_cannot_publish(editor):
    editor.is_active = False
    editor.save()

    with pytest.raises(PermissionDenied):
        workflow.publish(ArticleFactory(in_review=True), editor)


def test_available_actions_follow_role_and_status(writer, editor, draft):
    assert workflow.available_actions(writer, draft) == ["submit"]
    assert workflow.available_actions(writer, ArticleFactory(in_review=True, created_by=writer)) == []
    assert workflow.available_actions(editor, ArticleFactory(in_review=True)) == [
        "publish", "schedule", "request_changes"
    ]
    assert workflow.available_actions(editor, ArticleFactory()) == ["unpublish"]
    assert workflow.available_actions(editor, ArticleFactory(scheduled=True)) == [
        "publish", "schedule", "request_changes", "unpublish"
    ]


def test_every_move_of_the_whole_loop_is_recorded_in_order(writer, editor, draft):
    workflow.submit_for_review(draft, writer)
    workflow.request_changes(draft, editor, "Tighten the intro")
    workflow.submit_for_review(draft, writer)
    workflow.schedule(draft, editor, timezone.now() + timedelta(days=2))
    workflow.publish(draft, editor)
    workflow.unpublish(draft, editor)

    actions = list(draft.transitions.order_by("at", "id").values_list("action", "from_status", "to_status"))
    assert actions == [
        ("submit", "draft", "review"),
        ("request_changes", "review", "draft"),
        ("submit", "draft", "review"),
        ("schedule", "review", "published"),
        ("publish", "published", "published"),
        ("unpublish", "published", "unpublished"),
    ]
