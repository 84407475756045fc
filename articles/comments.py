"""Comment threads on articles: who takes part, commenting, replying, resolving, and the @mentions they notify.

Whoever may view the article in the admin takes part (workflow.can_view: editors on every article, writers on the
articles they created or are credited on), whatever its status: the discussion goes on in review and after. A
thread is resolved or reopened as a whole; a reply to a resolved thread reopens it. Nothing here deletes a comment:
the discussion stays with the article. None of it is ever shown to readers.
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from . import notifications, workflow
from .models import ArticleComment, Notification

# Django usernames are letters, digits and @.+-_; a mention stops before an "@" and drops a full stop that ends a
# sentence. Not after a word character, so that an e-mail address (ann@example.org) mentions nobody.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
MAX_MENTIONS = 30  # a comment is a note to colleagues, not a mailing list


class CommentError(Exception):
    """Input that cannot become a comment; the message is for the person who wrote it."""


def can_discuss(user, article):
    return workflow.can_view(user, article)


def _require_discuss(user, article):
    if not can_discuss(user, article):
        raise PermissionDenied("Only editors and the article's writers take part in its discussion.")


def clean_body(body):
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise CommentError("Write something first: the comment is empty.")
    if len(body) > ArticleComment._meta.get_field("body").max_length:
        raise CommentError(f"A comment holds at most {ArticleComment._meta.get_field('body').max_length} characters.")
    return body


def mentioned_names(body):
    """The names after an @, each once (whatever its case), in order of first mention."""
    names = {}
    for name in MENTION.findall(body):
        name = name.rstrip(".")
        if name:
            names.setdefault(name.lower(), name)
    return list(names.values())


def post_comment(article, user, body, parent=None):
    """A new thread on `article`, or a reply in `parent`'s thread. Returns (comment, names mentioned in vain)."""
    _require_discuss(user, article)
    body = clean_body(body)
    with transaction.atomic():
        if parent is not None:
            if parent.article_id != article.pk:
                raise PermissionDenied("That comment belongs to another article.")
            thread = parent if parent.parent_id is None else parent.parent
            ArticleComment.objects.filter(pk=thread.pk).update(resolved_at=None, resolved_by=None)
            parent = thread
        comment = ArticleComment.objects.create(article=article, parent=parent, author=user, body=body)
        unheard = _notify_mentions(comment)
    return comment, unheard


def _notify_mentions(comment):
    """Notify each person named who may view the article; return the names of the others (and of nobody)."""
    names = mentioned_names(comment.body)
    if not names:
        return []
    if len(names) > MAX_MENTIONS:
        raise CommentError(f"Mention at most {MAX_MENTIONS} people in one comment.")
    named = Q()
    for name in names:
        named |= Q(username__iexact=name)
    users = get_user_model().objects.filter(named, is_staff=True).exclude(pk=comment.author_id).order_by("pk")
    heard = [user for user in users if notifications.may_hear_of(user, comment.article)]
    notifications.notify(
        heard, Notification.Kind.MENTION, article=comment.article, actor=comment.author, note=comment.body,
        comment=comment,
    )
    heard_names = {user.username.lower() for user in heard}
    author_name = comment.author.username.lower() if comment.author else None
    return [name for name in names if name.lower() not in heard_names and name.lower() != author_name]


def _thread(comment):
    if comment.parent_id is not None:
        raise CommentError("Resolve or reopen the thread from its first comment.")
    return comment


def resolve(comment, user):
    """Mark the thread resolved; False if it already was (two editors at once: the first one counts)."""
    _require_discuss(user, comment.article)
    thread = _thread(comment)
    now = timezone.now()
    changed = ArticleComment.objects.filter(pk=thread.pk, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=user
    )
    thread.refresh_from_db(fields=["resolved_at", "resolved_by"])
    return bool(changed)


def reopen(comment, user):
    _require_discuss(user, comment.article)
    thread = _thread(comment)
    changed = ArticleComment.objects.filter(pk=thread.pk, resolved_at__isnull=False).update(
        resolved_at=None, resolved_by=None
    )
    thread.refresh_from_db(fields=["resolved_at", "resolved_by"])
    return bool(changed)


def threads(article, *, open_only=False):
    """The article's threads, oldest first, each with its replies (`.replies.all()`) and their authors."""
    queryset = article.comments.filter(parent__isnull=True)
    if open_only:
        queryset = queryset.filter(resolved_at__isnull=True)
    replies = ArticleComment.objects.select_related("author").order_by("created_at", "id")
    return queryset.select_related("author", "resolved_by").prefetch_related(Prefetch("replies", queryset=replies))
