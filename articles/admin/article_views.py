"""ArticleAdmin's own pages, beside its declarative class (as djangoproject.com keeps fundraising/admin_views.py).

Each view is a plain function of the ArticleAdmin and the request; the moves themselves, their forms and their
wording come from articles.workflow, the revisions from articles.revisions.
"""

from functools import partial, wraps

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.models import Version
from taggit.models import Tag

from articles import preview, revisions, workflow
from articles.calendar import editorial_calendar
from articles.models import PreviewLink
from posttrain.admin_concurrency import ROW_VERSION_PREFIX, VERSION_FIELD


def urls(model_admin):
    def view(function):
        return model_admin.admin_site.admin_view(partial(function, model_admin))

    return [
        path("calendar/", view(calendar_view), name="articles_article_calendar"),
        path("tag-suggestions/", view(tag_suggestions_view), name="articles_article_tag_suggestions"),
        path("<path:object_id>/workflow/<slug:action>/", view(workflow_view), name="articles_article_workflow"),
        path("<path:object_id>/preview-links/", view(create_preview_link_view), name="articles_article_share"),
        path(
            "<path:object_id>/preview-links/<int:link_id>/revoke/",
            view(revoke_preview_link_view),
            name="articles_article_revoke_share",
        ),
        path("<path:object_id>/revisions/", view(compare_view), name="articles_article_compare"),
        path(
            "<path:object_id>/revisions/<int:version_id>/restore/",
            view(restore_view),
            name="articles_article_restore",
        ),
    ]


def article_or_404(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    return article


def _posted_to_article(view):
    """The article first (404 for one the user may not see, as on every URL of it), then 405 for anything but POST."""

    @wraps(view)
    def checked(model_admin, request, object_id, **kwargs):
        article = article_or_404(model_admin, request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(model_admin, request, article, **kwargs)

    return checked


def change_url(article):
    return reverse("admin:articles_article_change", args=[quote(article.pk)])


def compare_url(article):
    return reverse("admin:articles_article_compare", args=[quote(article.pk)])


def render(model_admin, request, template, context, status=200):
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta, **context}
    return TemplateResponse(request, template, context, status=status)


def change_form_context(model_admin, request, article):
    """What the article's change form shows around the form: workflow buttons, transitions, preview links."""
    links = article.preview_links.select_related("created_by")
    return {
        "workflow_actions": [workflow.ACTIONS[name] for name in workflow.available_actions(request.user, article)],
        "transitions": article.transitions.select_related("user"),
        "preview_links": [(link, preview.preview_url(link)) for link in links],
        "can_share": preview.can_share(request.user, article),
        "staff_preview_url": reverse("preview:article", kwargs={"pk": article.pk}),
        "compare_url": compare_url(article),
        "display_status": article.display_status,
        "loaded_version": model_admin.row_version(article),  # sent with each workflow button
    }


# --- Workflow buttons ---------------------------------------------------------------------------------------------


def workflow_view(model_admin, request, object_id, action):
    article = article_or_404(model_admin, request, object_id)
    step = workflow.ACTIONS.get(action)
    if step is None:
        raise Http404("No such workflow step.")
    if request.method == "GET" and step.own_page:
        if action not in workflow.available_actions(request.user, article):
            if not workflow.is_editor(request.user):
                raise PermissionDenied
            messages.error(request, f"“{article}” is {article.display_status.lower()}: that step is not open now.")
            return redirect(change_url(article))
        # The version of the change page the editor came from, so that a change since then is caught too.
        loaded = request.GET.get(VERSION_FIELD) or model_admin.row_version(article)
        return _render_workflow_form(model_admin, request, article, step, step.form(), loaded)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not workflow.may_take(request.user, action, article):
        raise PermissionDenied
    form = step.form(request.POST)
    with transaction.atomic():
        current = type(article)._base_manager.select_for_update().get(pk=article.pk)
        current_version = model_admin.row_version(current)
        refused = model_admin.refusal(request, current, request.POST.get(VERSION_FIELD), current_version, what="done")
        if refused:
            return _refuse_step(model_admin, request, current, step, form, refused, current_version)
        if not form.is_valid():
            return _render_workflow_form(model_admin, request, article, step, form, current_version, status=400)
        try:
            step.function(article, request.user, **form.cleaned_data)
        except workflow.WorkflowError as error:
            if step.own_page:
                form.add_error(None, str(error))
                return _render_workflow_form(model_admin, request, article, step, form, current_version, status=400)
            messages.error(request, str(error))
            return redirect(change_url(article))
    messages.success(request, f"{step.message}: “{article}” is now {article.display_status.lower()}.")
    return redirect(change_url(article))


def _refuse_step(model_admin, request, article, step, form, refused, current_version):
    """A step from a stale page: its own page comes back with the input and the current state; a button goes back."""
    if not step.own_page:
        messages.error(request, refused)
        return redirect(change_url(article))
    form.is_valid()  # show what else is wrong with the input at once
    form.add_error(None, refused)
    return _render_workflow_form(model_admin, request, article, step, form, current_version, status=409)


def _render_workflow_form(model_admin, request, article, step, form, loaded_version, status=200):
    context = {
        "title": f"{step.label}: {article}",
        "original": article,
        "action": step.name,
        "form": form,
        "loaded_version": loaded_version,
        "change_url": change_url(article),
        "submit_label": step.confirm_label,
    }
    return render(model_admin, request, "admin/articles/article/workflow_form.html", context, status=status)


# --- Bulk actions -------------------------------------------------------------------------------------------------


def _bulk(request, queryset, action, **data):
    step = workflow.ACTIONS[action]
    done, skipped = [], []
    for article in queryset:
        try:
            step.function(article, request.user, **data)
        except (workflow.WorkflowError, PermissionDenied) as error:
            skipped.append(f"“{article}” ({error or 'not allowed'})")
        else:
            done.append(f"“{article}”")
    if done:
        messages.success(request, f"{step.message}: {len(done)} article(s): {', '.join(done)}.")
    if skipped:
        messages.warning(request, f"Skipped {len(skipped)} article(s): {'; '.join(skipped)}.")
    if not done and not skipped:
        messages.info(request, "No article was selected.")


@admin.action(description="Submit selected drafts for review", permissions=["change"])
def submit_selected(model_admin, request, queryset):
    _bulk(request, queryset, "submit")


@admin.action(description="Publish selected articles now", permissions=["publish"])
def publish_selected(model_admin, request, queryset):
    _bulk(request, queryset, "publish")


@admin.action(description="Schedule selected articles…", permissions=["publish"])
def schedule_selected(model_admin, request, queryset):
    step = workflow.ACTIONS["schedule"]
    form = step.form(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        _bulk(request, queryset, "schedule", **form.cleaned_data)
        return None
    context = {
        "title": "Schedule articles",
        "form": form,
        "articles": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "select_across": request.POST.get("select_across", "0"),
        # Carried to the second step, where the versions the list was loaded with are checked again.
        "row_versions": [
            (f"{ROW_VERSION_PREFIX}{pk}", version) for pk, version in model_admin.posted_row_versions(request).items()
        ],
    }
    template = "admin/articles/article/schedule_selected.html"
    return render(model_admin, request, template, context, status=400 if form.is_bound else 200)


@admin.action(description="Unpublish selected articles", permissions=["publish"])
def unpublish_selected(model_admin, request, queryset):
    _bulk(request, queryset, "unpublish")


# --- Preview links ------------------------------------------------------------------------------------------------


@_posted_to_article
def create_preview_link_view(model_admin, request, article):
    link = preview.create_preview_link(article, request.user)
    url = request.build_absolute_uri(preview.preview_url(link))
    messages.success(
        request,
        format_html('Preview link, valid until {}: <a href="{}">{}</a>', f"{link.expires_at:%Y-%m-%d %H:%M}", url, url),
    )
    return redirect(change_url(article))


@_posted_to_article
def revoke_preview_link_view(model_admin, request, article, link_id):
    link = get_object_or_404(PreviewLink, pk=link_id, article=article)
    preview.revoke_preview_link(link, request.user)
    messages.success(request, "The preview link is revoked: it no longer shows the article.")
    return redirect(change_url(article))


# --- Revisions ----------------------------------------------------------------------------------------------------


def compare_view(model_admin, request, object_id):
    article = article_or_404(model_admin, request, object_id)
    return _compare(model_admin, request, article, request.GET.get("from"), request.GET.get("to"))


def _compare(model_admin, request, article, old_id, new_id, *, error="", status=200):
    versions = list(revisions.versions_for(article))
    by_id = {version.pk: version for version in versions}
    context = {"title": f"Compare revisions: {article}", "original": article, "versions": versions, "error": error}
    template = "admin/articles/article/compare.html"
    try:
        old_id, new_id = int(old_id or 0), int(new_id or 0)
    except ValueError:
        return render(model_admin, request, template, {**context, "error": "Pick two revisions from the list."}, 400)
    if not old_id and not new_id and len(versions) >= 2:
        new_id, old_id = versions[0].pk, versions[1].pk
    if (old_id or new_id) and (old_id not in by_id or new_id not in by_id):
        raise Http404("No such revision of this article.")
    diffs = revisions.compare(by_id[old_id], by_id[new_id]) if old_id and new_id else None
    context.update(
        old=by_id.get(old_id),
        new=by_id.get(new_id),
        diffs=diffs,
        changed_count=sum(diff.changed for diff in diffs or []),
        can_restore=model_admin.has_change_permission(request, article),
        change_url=change_url(article),
    )
    return render(model_admin, request, template, context, status)


def _version_of(article, version_id):
    return get_object_or_404(Version.objects.get_for_object(article), pk=version_id)


def revision_view(model_admin, request, object_id, version_id):
    """django-reversion's "revert" page: the comparison with the current revision, where Restore is."""
    article = article_or_404(model_admin, request, object_id)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    if request.method == "POST":
        return restore_view(model_admin, request, object_id, version_id=version_id)
    version = _version_of(article, version_id)
    newest = revisions.versions_for(article).first()
    return redirect(f"{compare_url(article)}?from={version.pk}&to={newest.pk}")


@_posted_to_article
def restore_view(model_admin, request, article, version_id):
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    version = _version_of(article, version_id)
    try:
        revisions.restore(article, version, request.user)
    except revisions.RestoreError as error:
        newest = revisions.versions_for(article).first()
        return _compare(model_admin, request, article, version.pk, newest.pk, error=str(error), status=409)
    messages.success(request, f"Restored the revision of {version.revision.date_created:%Y-%m-%d %H:%M}.")
    return redirect(change_url(article))


def recover_view(model_admin, request, version_id):
    """django-reversion's page for a deleted article: bring it back, alone, as a draft."""
    if not workflow.is_editor(request.user):
        raise PermissionDenied
    version = get_object_or_404(Version.objects.get_for_model(model_admin.model), pk=version_id)
    error, status = "", 200
    if request.method == "POST":
        try:
            article = revisions.recover(version, request.user)
        except revisions.RestoreError as refused:
            error, status = str(refused), 409
        else:
            messages.success(request, f"Recovered “{article}” as a draft.")
            return redirect(change_url(article))
    context = {"title": f"Recover {version.object_repr}", "version": version, "error": error}
    return render(model_admin, request, "admin/articles/article/recover_confirm.html", context, status)


# --- Tag suggestions and the editorial calendar -------------------------------------------------------------------


def tag_suggestions_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    term = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    names = []
    if len(term) >= 2:
        names = list(Tag.objects.filter(name__icontains=term).order_by("name").values_list("name", flat=True)[:10])
    return JsonResponse({"results": names})


def calendar_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {"title": "Editorial calendar", **editorial_calendar(user=request.user)}
    return render(model_admin, request, "admin/articles/calendar.html", context)
