"""The "Needs attention" queue in the admin: editors only. The rows come from articles.attention."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse

from articles import attention, workflow

from .article_views import render


def urls(model_admin):
    def view(function):
        return model_admin.admin_site.admin_view(partial(function, model_admin))

    return [
        path("needs-attention/", view(queue_view), name="articles_article_attention"),
        path("needs-attention/handled/", view(handled_view), name="articles_article_attention_handled"),
    ]


def _editors_only(request):
    if not workflow.is_editor(request.user):
        raise PermissionDenied


def queue_view(model_admin, request):
    _editors_only(request)
    items = attention.needs_attention()
    rows = [
        (item, attention.KIND_LABELS[item.kind], reverse("admin:articles_article_change", args=[item.article.pk]))
        for item in items
    ]
    context = {
        "title": "Needs attention",
        "rows": rows,
        "counts": [(attention.KIND_LABELS[kind], n) for kind, n in attention.counts(items).items()],
        "review_months": settings.EDITORIAL_REVIEW_MONTHS,
    }
    return render(model_admin, request, "admin/articles/needs_attention.html", context)


def handled_view(model_admin, request):
    _editors_only(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    key = request.POST.get("key", "")[:120]
    if attention.mark_handled(key, request.user):
        messages.success(request, "Marked as handled. The row comes back if what it reports changes.")
    else:
        messages.warning(request, "That row is no longer in the queue: someone handled it, or it changed.")
    return redirect("admin:articles_article_attention")
