"""The discussion on an article's change form: post a comment or a reply, resolve or reopen a thread.

Every URL first finds the article as its other pages do (404 for one the user may not see), then the comment on
that article (404 for another article's or a made-up id); the rules are in articles.comments.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path

from articles import comments
from articles.models import ArticleComment

from .article_views import article_or_404, change_url


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", max_length=ArticleComment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by the editors and the article's writers. Mention someone with @username to tell them.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


def urls(model_admin):
    def view(function):
        return model_admin.admin_site.admin_view(partial(function, model_admin))

    return [
        path("<path:object_id>/comments/", view(post_comment_view), name="articles_article_comment"),
        path(
            "<path:object_id>/comments/<int:comment_id>/<slug:step>/",
            view(thread_step_view),
            name="articles_article_comment_thread",
        ),
    ]


def comments_url(article, comment=None):
    return change_url(article) + (f"#comment-{comment.pk}" if comment else "#comments")


def change_form_context(request, article):
    threads = list(comments.threads(article))
    return {
        "open_threads": [thread for thread in threads if not thread.is_resolved],
        "resolved_threads": [thread for thread in threads if thread.is_resolved],
        "can_discuss": comments.can_discuss(request.user, article),
        "comment_form": CommentForm(),
    }


def history_context(model_admin, request, object_id):
    """Every thread, resolved or not, for the article's History page: the discussion is part of its record."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None or not model_admin.has_view_permission(request, article):
        return {}  # the history view itself answers for an article the user may not see
    return {"discussion": list(comments.threads(article))}


def post_comment_view(model_admin, request, object_id):
    article = article_or_404(model_admin, request, object_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not comments.can_discuss(request.user, article):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The comment was not saved: " + " ".join(
            error for errors in form.errors.values() for error in errors
        ))
        return redirect(comments_url(article))
    parent = None
    if form.cleaned_data["parent"]:
        parent = get_object_or_404(ArticleComment, pk=form.cleaned_data["parent"], article=article)
    try:
        comment, unheard = comments.post_comment(article, request.user, form.cleaned_data["body"], parent=parent)
    except comments.CommentError as error:
        messages.error(request, f"The comment was not saved: {error}")
        return redirect(comments_url(article))
    messages.success(request, "Your reply is posted." if parent else "Your comment is posted.")
    if unheard:
        messages.warning(
            request,
            "Not notified (no such staff member, or they may not view this article): "
            + ", ".join(f"@{name}" for name in unheard) + ".",
        )
    return redirect(comments_url(article, comment))


def thread_step_view(model_admin, request, object_id, comment_id, step):
    article = article_or_404(model_admin, request, object_id)
    if step not in ("resolve", "reopen"):
        raise Http404("No such step.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    thread = get_object_or_404(ArticleComment, pk=comment_id, article=article, parent__isnull=True)
    if step == "resolve":
        done = comments.resolve(thread, request.user)
        who = thread.resolved_by or "someone"
        messages.success(request, "The thread is resolved." if done else f"The thread was already resolved by {who}.")
    else:
        done = comments.reopen(thread, request.user)
        messages.success(request, "The thread is open again." if done else "The thread was already open.")
    return redirect(comments_url(article, thread))
