"""The editorial workflow: who may move an article from one status to another, and the moves themselves.

Every move is a plain function called alike by the admin, management commands and tests. Each one checks the
user's permission, checks that the move makes sense from the article's current status, changes the row with a
conditional UPDATE (so two editors clicking at once cannot both win) and records an ArticleTransition.

    draft --submit--> review --publish--> published (scheduled while the date is ahead) --unpublish--> unpublished
      ^                 |                     |                                                          |
      +-request changes-+---------------------+------------------ request changes -----------------------+
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import Signal
from django.utils import timezone

from .image_usage import alt_text_problems
from .models import Article, ArticleTransition

PUBLISH_PERMISSION = "articles.publish_article"

# Changed only by the moves below: never by a form, never by restoring a revision.
WORKFLOW_FIELDS = ("status", "publish_date", "created_by_id")

# Writers may not change these, in a form or by restoring a revision.
EDITOR_ONLY_FIELDS = ("last_reviewed",)

Status = Article.Status


# Sent inside the move's transaction once the step is recorded, with `transition`: articles.notifications tells
# the people concerned (after commit). The one hook on the moves, whichever caller made them.
article_moved = Signal()


class WorkflowError(Exception):
    """A move that does not make sense from the article's current status; the message is for the editor."""


# --- Who may do what ------------------------------------------------------------------------------------------


def is_editor(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def is_owner(user, article):
    """A writer owns an article they created or are credited on."""
    if not user or not user.is_authenticated or article.pk is None:
        return False
    if article.created_by_id == user.pk:
        return True
    return article.authors.filter(user=user).exists()


def owned_by(user):
    """The articles `user` owns, as a Q usable on Article querysets (may repeat rows: use .distinct())."""
    return Q(created_by=user) | Q(authors__user=user)


def can_view(user, article):
    if not user or not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    return user.has_perm("articles.view_article") and is_owner(user, article)


def can_edit(user, article):
    """Editors edit anything; writers only their own drafts."""
    if not user or not user.is_active or not user.is_staff or not user.has_perm("articles.change_article"):
        return False
    if is_editor(user):
        return True
    return article.status == Status.DRAFT and is_owner(user, article)


def can_delete(user, article):
    """Editors delete anything; writers only their own drafts that were never published."""
    if not user or not user.is_active or not user.has_perm("articles.delete_article"):
        return False
    if is_editor(user):
        return True
    return article.status == Status.DRAFT and article.publish_date is None and is_owner(user, article)


def may_take(user, action, article):
    """Whether `user` may try `action` on `article` at all; whether its status allows it is the move's to say."""
    if action == "submit":
        return is_editor(user) or bool(
            user and user.is_active and user.has_perm("articles.change_article") and is_owner(user, article)
        )
    return is_editor(user)


def _require_editor(user, what):
    if not is_editor(user):
        raise PermissionDenied(f"Only editors may {what}.")


# --- The moves ------------------------------------------------------------------------------------------------


def _move(article, user, *, allowed_from, to_status, action, publish_date=..., comment=""):
    """Move `article` (just refreshed by the caller) to `to_status` if the row still holds what we read."""
    from_status = article.status
    if from_status not in allowed_from:
        raise WorkflowError(
            f"“{article}” is {article.display_status.lower()}: it cannot be {ACTIONS[action].verb}."
        )
    new_date = article.publish_date if publish_date is ... else publish_date
    now = timezone.now()
    db = router.db_for_write(Article, instance=article)
    with transaction.atomic(using=db):
        # The conditional UPDATE is the lock: if someone else moved the article since we read it, nothing matches.
        changed = Article.objects.using(db).filter(
            pk=article.pk, status=from_status, publish_date=article.publish_date
        ).update(status=to_status, publish_date=new_date, updated_at=now)
        if not changed:
            raise WorkflowError(f"“{article}” was changed by someone else meanwhile; reload the page and try again.")
        article.status, article.publish_date, article.updated_at = to_status, new_date, now
        # Receivers of post_save (the page cache, for one) must hear of the change as if the row had been saved.
        post_save.send(
            sender=Article, instance=article, created=False, raw=False, using=db,
            update_fields=frozenset({"status", "publish_date", "updated_at"}),
        )
        transition = ArticleTransition.objects.create(
            article=article,
            user=user if user and user.is_authenticated else None,
            at=now,
            from_status=from_status,
            to_status=to_status,
            action=action,
            comment=comment,
            publish_date=new_date,
        )
        article_moved.send(sender=Article, transition=transition)
    return transition


def submit_for_review(article, user, comment=""):
    """A writer hands their draft to the editors."""
    if not may_take(user, "submit", article):
        raise PermissionDenied("You may only submit your own drafts for review.")
    article.refresh_from_db(fields=["status", "publish_date"])
    return _move(article, user, allowed_from={Status.DRAFT}, to_status=Status.REVIEW, action="submit", comment=comment)


def request_changes(article, user, comment):
    """An editor sends an article back to draft, saying what to change."""
    _require_editor(user, "request changes")
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError("Say what should change: the comment is required.")
    article.refresh_from_db(fields=["status", "publish_date"])
    allowed = {Status.REVIEW, Status.UNPUBLISHED}
    if article.is_scheduled():
        allowed.add(Status.PUBLISHED)
    # A scheduled date means nothing once the article is a draft again.
    publish_date = None if article.is_scheduled() else ...
    return _move(
        article,
        user,
        allowed_from=allowed,
        to_status=Status.DRAFT,
        action="request_changes",
        publish_date=publish_date,
        comment=comment,
    )


def publish(article, user, when=None, comment=""):
    """Publish now, or schedule when `when` is in the future: the article then goes live by itself at that time."""
    now = timezone.now()
    if when is None:
        _require_editor(user, "publish")
        when, action = now, "publish"
    else:
        _require_editor(user, "schedule")
        if timezone.is_naive(when):
            raise WorkflowError("The publication time needs a time zone.")
        if when <= now:
            raise WorkflowError("Pick a time in the future to schedule; use Publish to publish now.")
        action = "schedule"
    article.refresh_from_db(fields=["status", "publish_date"])
    allowed = {Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED}
    if article.is_scheduled():
        allowed.add(Status.PUBLISHED)  # publish a scheduled article now, or move its date
    # Read from the row, not the caller's copy: what readers would get is what is stored.
    problems = alt_text_problems(Article.objects.only("body", "hero").get(pk=article.pk))
    if problems:
        raise WorkflowError(f"“{article}” cannot be published yet: {'; '.join(problems)}.")
    return _move(
        article, user, allowed_from=allowed, to_status=Status.PUBLISHED, action=action, publish_date=when,
        comment=comment,
    )


def schedule(article, user, publish_at, comment=""):
    if publish_at is None:
        raise WorkflowError("Pick the date and time to publish at.")
    return publish(article, user, when=publish_at, comment=comment)


def unpublish(article, user, comment=""):
    """Take a published article off the site, or cancel a scheduled one."""
    _require_editor(user, "unpublish")
    article.refresh_from_db(fields=["status", "publish_date"])
    return _move(
        article, user, allowed_from={Status.PUBLISHED}, to_status=Status.UNPUBLISHED, action="unpublish",
        comment=comment,
    )


def available_actions(user, article):
    """The moves `user` may try on `article` now, in the order the admin shows them as buttons."""
    actions = []
    if article.pk is None:
        return actions
    editor = is_editor(user)
    if article.status == Status.DRAFT and (editor or can_edit(user, article)):
        actions.append("submit")
    if not editor:
        return actions
    scheduled = article.is_scheduled()
    if article.status in (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED) or scheduled:
        actions += ["publish", "schedule"]
    if article.status in (Status.REVIEW, Status.UNPUBLISHED) or scheduled:
        actions.append("request_changes")
    if article.status == Status.PUBLISHED:
        actions.append("unpublish")
    return actions


def keep_workflow_state(article):
    """Put back on `article` the workflow fields the database holds, whatever a form or a revision brought.

    The one guard of "status, publish date and creator change only through the moves above": the admin calls it
    before saving a change, and restoring a revision before writing the restored row.
    """
    stored = Article.objects.filter(pk=article.pk).values(*WORKFLOW_FIELDS).get()
    for name, value in stored.items():
        setattr(article, name, value)
    return article


# --- The moves as the admin offers them -----------------------------------------------------------------------


class CommentForm(forms.Form):
    """The optional note sent with a workflow button."""

    comment = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=f"In {settings.TIME_ZONE} time. The article goes live by itself then.",
    )
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError("Pick a time in the future; to publish now, use Publish.")
        return value


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What should change. The writer sees this on the article's page.",
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Say what should change.")
        return comment


@dataclass(frozen=True)
class Action:
    """One move: `function(article, user, **form.cleaned_data)` does it; the rest is how the admin offers it."""

    name: str
    function: Callable
    form: type[forms.Form]
    label: str  # the button
    message: str  # what the admin says once it is done
    verb: str  # "it cannot be <verb>"
    own_page: bool = False  # the form asks for more than a comment, on a page of its own
    submit_label: str = ""  # the button on that page, if not the label

    @property
    def confirm_label(self):
        return self.submit_label or self.label


ACTIONS = {
    action.name: action
    for action in [
        Action("submit", submit_for_review, CommentForm, "Submit for review", "Submitted for review",
               "submitted for review"),
        Action("publish", publish, CommentForm, "Publish now", "Published", "published"),
        Action("schedule", schedule, ScheduleForm, "Schedule", "Scheduled", "scheduled", own_page=True),
        Action("unpublish", unpublish, CommentForm, "Unpublish", "Unpublished", "unpublished"),
        Action("request_changes", request_changes, RequestChangesForm, "Request changes", "Sent back to draft",
               "sent back to its writer", own_page=True, submit_label="Send back to draft"),
    ]
}
