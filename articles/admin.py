"""The editors' tool. Rules live in articles.workflow; this module only asks it and shows the answers.

Writers see only their own articles and may change only their drafts; every view, inline, bulk action and custom
URL asks the workflow's permission functions, so hiding a button is never the only guard.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from posttrain.uploads import validate_image_upload

from . import preview, revisions, workflow
from .models import (
    Article,
    Author,
    Correction,
    GlossaryTerm,
    PlannedPart,
    PreviewLink,
    Reference,
    Resource,
    Series,
    SlugRedirect,
)

Status = Article.Status

ACTION_MESSAGES = {
    "submit": "Submitted for review",
    "publish": "Published",
    "schedule": "Scheduled",
    "unpublish": "Unpublished",
    "request_changes": "Sent back to draft",
}


ACTION_LABELS = {
    "submit": "Submit for review",
    "publish": "Publish now",
    "schedule": "Schedule",
    "unpublish": "Unpublish",
    "request_changes": "Request changes",
}


# --- Forms ----------------------------------------------------------------------------------------------------


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


class CommentForm(forms.Form):
    """The optional note sent with a workflow button."""

    comment = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


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


def checked_image_field(field):
    """Uploads are checked by content (raster images only, size-limited); files already stored are not re-read."""
    if isinstance(field, forms.ImageField):
        field.validators.append(validate_image_upload)
        field.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")
    return field


class SearchMixin:
    """PostgreSQL refuses NUL in text parameters; a search box (or autocomplete) must not turn one into a 500."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


# --- Filters --------------------------------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (live)"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "published":
            return queryset.published()
        if value in (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return Tag.objects.filter(
            taggit_taggeditem_items__content_type__app_label="articles",
            taggit_taggeditem_items__content_type__model="article",
        ).distinct().order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value().replace("\x00", ""))
        return queryset


# --- Inlines --------------------------------------------------------------------------------------------------


class ArticlePartInline(admin.TabularInline):
    """An inline that may change only what the parent article's user may change."""

    extra = 0

    def _parent_editable(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)


class ReferenceInline(ArticlePartInline):
    model = Reference
    fields = ["order", "title", "authors", "year", "url"]


class CorrectionInline(ArticlePartInline):
    model = Correction
    fields = ["date", "note"]


# --- Articles -------------------------------------------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(SearchMixin, VersionAdmin):
    list_display = [
        "title", "status_label", "vertical", "series_and_part", "author_names", "publish_date", "updated_at"
    ]
    list_filter = [StatusFilter, "vertical", "series", TagFilter, "authors"]
    list_select_related = ["vertical", "series"]
    search_fields = ["title", "standfirst", "slug", "authors__name"]
    date_hierarchy = "publish_date"
    # Work in progress (no date yet) first, then the newest dates, the same on every database.
    ordering = [F("publish_date").desc(nulls_first=True), "-created_at"]
    autocomplete_fields = ["series", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceInline, CorrectionInline]
    actions = ["submit_selected", "publish_selected", "schedule_selected", "unpublish_selected"]
    change_list_template = "admin/articles/article/change_list.html"
    history_latest_first = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Placement", {"fields": ["vertical", "series", "part", "authors", "tags"]}),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_credit"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
        (
            "Publishing",
            {
                "fields": ["status_label", "publish_date", "last_reviewed", "created_by", "created_at", "updated_at"],
                "description": "Status and publication date change only through the workflow buttons above.",
            },
        ),
    ]

    class Media:
        js = ["articles/admin/tag-suggest.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = checked_image_field(super().formfield_for_dbfield(db_field, request, **kwargs))
        if db_field.name == "tags" and field is not None:
            field.widget.attrs["data-tag-suggest-url"] = reverse("admin:articles_article_tag_suggestions")
            field.help_text = "A comma-separated list of tags; existing tags are suggested as you type."
        return field

    # Columns ------------------------------------------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return obj.display_status

    @admin.display(description="series", ordering="series__title")
    def series_and_part(self, obj):
        if not obj.series_id:
            return "—"
        return f"{obj.series} · part {obj.part}" if obj.part else str(obj.series)

    @admin.display(description="authors")
    def author_names(self, obj):
        return ", ".join(author.name for author in obj.authors.all()) or "—"

    # Who sees and changes what ------------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("authors")
        if workflow.is_editor(request.user):
            return queryset
        own = Article.objects.filter(workflow.owned_by(request.user)).values("pk")
        return queryset.filter(pk__in=own)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return workflow.can_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return workflow.can_delete(request.user, obj)

    def get_view_on_site_url(self, obj=None):
        # Readers see only published articles; for the rest there is Preview.
        if obj is None or not obj.is_published():
            return None
        return super().get_view_on_site_url(obj)

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Someone else's article is simply not there for a writer: 404, not a redirect that hints otherwise.
        raise Http404("No such article.")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status_label", "publish_date", "created_by", "created_at", "updated_at"]
        if not workflow.is_editor(request.user):
            readonly.append("last_reviewed")
        return readonly

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author and "authors" not in initial:
            initial["authors"] = [author.pk]
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.status = Status.DRAFT
        else:
            # The workflow owns these: whatever a form posts, keep what the database held before this request
            # (a revert has already written the old revision's row back by now).
            keep = getattr(request, "_keep_workflow_fields", None) or Article.objects.filter(pk=obj.pk).values(
                *revisions.WORKFLOW_FIELDS
            ).get()
            for name, value in keep.items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.is_editor(request.user):
            # Writers delete drafts one by one, from the draft's own page.
            actions.pop("delete_selected", None)
        return actions

    # Change form context ------------------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if article is not None:
            context.update(self._workflow_context(request, article))
        return super().change_view(request, object_id, form_url, context)

    def _workflow_context(self, request, article):
        links = article.preview_links.select_related("created_by")
        return {
            "workflow_actions": workflow.available_actions(request.user, article),
            "transitions": article.transitions.select_related("user"),
            "preview_links": [(link, preview.preview_url(link)) for link in links],
            "can_share": preview.can_share(request.user, article),
            "staff_preview_url": reverse("preview:article", kwargs={"pk": article.pk}),
            "compare_url": reverse("admin:articles_article_compare", args=[quote(article.pk)]),
            "display_status": article.display_status,
        }

    # URLs ---------------------------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path("tag-suggestions/", view(self.tag_suggestions_view), name="articles_article_tag_suggestions"),
            path(
                "<path:object_id>/workflow/<slug:action>/",
                view(self.workflow_view),
                name="articles_article_workflow",
            ),
            path("<path:object_id>/preview-links/", view(self.create_preview_link_view), name="articles_article_share"),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_preview_link_view),
                name="articles_article_revoke_share",
            ),
            path("<path:object_id>/revisions/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
        ] + super().get_urls()

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _change_url(self, article):
        return reverse("admin:articles_article_change", args=[quote(article.pk)])

    def _render(self, request, template, context, status=200):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        return TemplateResponse(request, template, context, status=status)

    # Workflow buttons ---------------------------------------------------------------------------------------

    def workflow_view(self, request, object_id, action):
        article = self._article_or_404(request, object_id)
        if action not in ACTION_MESSAGES:
            raise Http404("No such workflow step.")
        form_class = {"schedule": ScheduleForm, "request_changes": RequestChangesForm}.get(action)
        if request.method == "GET" and form_class:
            if action not in workflow.available_actions(request.user, article):
                if not workflow.is_editor(request.user):
                    raise PermissionDenied
                messages.error(request, f"“{article}” is {article.display_status.lower()}: that step is not open now.")
                return redirect(self._change_url(article))
            return self._render_workflow_form(request, article, action, form_class())
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])

        form = (form_class or CommentForm)(request.POST)
        if not form.is_valid():
            return self._render_workflow_form(request, article, action, form, status=400)
        data = form.cleaned_data
        try:
            if action == "submit":
                workflow.submit_for_review(article, request.user, comment=data["comment"])
            elif action == "publish":
                workflow.publish(article, request.user, comment=data["comment"])
            elif action == "schedule":
                workflow.schedule(article, request.user, data["publish_at"], comment=data["comment"])
            elif action == "unpublish":
                workflow.unpublish(article, request.user, comment=data["comment"])
            else:
                workflow.request_changes(article, request.user, data["comment"])
        except workflow.WorkflowError as error:
            if form_class is not None:
                form.add_error(None, str(error))
                return self._render_workflow_form(request, article, action, form, status=400)
            messages.error(request, str(error))
            return redirect(self._change_url(article))
        messages.success(request, f"{ACTION_MESSAGES[action]}: “{article}” is now {article.display_status.lower()}.")
        return redirect(self._change_url(article))

    def _render_workflow_form(self, request, article, action, form, status=200):
        return self._render(
            request,
            "admin/articles/article/workflow_form.html",
            {
                "title": f"{ACTION_LABELS[action]}: {article}",
                "original": article,
                "action": action,
                "form": form,
                "change_url": self._change_url(article),
                "submit_label": "Send back to draft" if action == "request_changes" else ACTION_LABELS[action],
            },
            status=status,
        )

    # Bulk actions -------------------------------------------------------------------------------------------

    def _bulk(self, request, queryset, action, move):
        done, skipped = [], []
        for article in queryset:
            try:
                move(article)
            except (workflow.WorkflowError, PermissionDenied) as error:
                skipped.append(f"“{article}” ({error or 'not allowed'})")
            else:
                done.append(f"“{article}”")
        if done:
            messages.success(request, f"{ACTION_MESSAGES[action]}: {len(done)} article(s): {', '.join(done)}.")
        if skipped:
            messages.warning(request, f"Skipped {len(skipped)} article(s): {'; '.join(skipped)}.")
        if not done and not skipped:
            messages.info(request, "No article was selected.")

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit", lambda a: workflow.submit_for_review(a, request.user))

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish", lambda a: workflow.publish(a, request.user))

    @admin.action(description="Schedule selected articles…", permissions=["publish"])
    def schedule_selected(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            when = form.cleaned_data["publish_at"]
            self._bulk(request, queryset, "schedule", lambda a: workflow.schedule(a, request.user, when))
            return None
        return self._render(
            request,
            "admin/articles/article/schedule_selected.html",
            {
                "title": "Schedule articles",
                "form": form,
                "articles": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "select_across": request.POST.get("select_across", "0"),
            },
            status=400 if form.is_bound else 200,
        )

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "unpublish", lambda a: workflow.unpublish(a, request.user))

    # Preview links ------------------------------------------------------------------------------------------

    def create_preview_link_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        link = preview.create_preview_link(article, request.user)
        url = request.build_absolute_uri(preview.preview_url(link))
        messages.success(
            request,
            format_html(
                'Preview link, valid until {}: <a href="{}">{}</a>', f"{link.expires_at:%Y-%m-%d %H:%M}", url, url
            ),
        )
        return redirect(self._change_url(article))

    def revoke_preview_link_view(self, request, object_id, link_id):
        article = self._article_or_404(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        link = get_object_or_404(PreviewLink, pk=link_id, article=article)
        preview.revoke_preview_link(link, request.user)
        messages.success(request, "The preview link is revoked: it no longer shows the article.")
        return redirect(self._change_url(article))

    # Revisions ----------------------------------------------------------------------------------------------

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = list(revisions.versions_for(article))
        by_id = {version.pk: version for version in versions}
        try:
            old_id = int(request.GET.get("from") or 0)
            new_id = int(request.GET.get("to") or 0)
        except ValueError:
            return self._render(
                request, "admin/articles/article/compare.html",
                {"title": f"Compare revisions: {article}", "original": article, "versions": versions,
                 "error": "Pick two revisions from the list."},
                status=400,
            )
        if not old_id and not new_id and len(versions) >= 2:
            new_id, old_id = versions[0].pk, versions[1].pk
        if (old_id or new_id) and (old_id not in by_id or new_id not in by_id):
            raise Http404("No such revision of this article.")
        diffs = revisions.compare(by_id[old_id], by_id[new_id]) if old_id and new_id else None
        return self._render(
            request,
            "admin/articles/article/compare.html",
            {
                "title": f"Compare revisions: {article}",
                "original": article,
                "versions": versions,
                "old": by_id.get(old_id),
                "new": by_id.get(new_id),
                "diffs": diffs,
                "changed_count": sum(diff.changed for diff in diffs or []),
                "can_restore": self.has_change_permission(request, article),
                "change_url": self._change_url(article),
            },
        )

    def restore_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        revisions.restore(article, version, request.user)
        messages.success(request, f"Restored the revision of {version.revision.date_created:%Y-%m-%d %H:%M}.")
        return redirect(self._change_url(article))

    # django-reversion's own views, held to the same rules ---------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        # Reverting writes the old row back; the workflow fields must stay what they are now.
        request._keep_workflow_fields = {name: getattr(article, name) for name in revisions.WORKFLOW_FIELDS}
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        keep = getattr(request, "_keep_workflow_fields", None)
        if obj is not None and keep:
            for name, value in keep.items():
                setattr(obj, name, value)
        return obj

    def recoverlist_view(self, request, extra_context=None):
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # A recovered article comes back in its old status: only editors may do that.
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def tag_suggestions_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").replace("\x00", "").strip()[:100]
        names = []
        if len(term) >= 2:
            names = list(Tag.objects.filter(name__icontains=term).order_by("name").values_list("name", flat=True)[:10])
        return JsonResponse({"results": names})

    # Editorial calendar -------------------------------------------------------------------------------------

    def calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        from .calendar import editorial_calendar

        return self._render(
            request,
            "admin/articles/calendar.html",
            {"title": "Editorial calendar", **editorial_calendar(user=request.user)},
        )


# --- Everything around articles -------------------------------------------------------------------------------


@admin.register(Author)
class AuthorAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return checked_image_field(super().formfield_for_dbfield(db_field, request, **kwargs))


class PlannedPartInline(admin.TabularInline):
    model = PlannedPart
    extra = 0
    fields = ["part", "title", "planned_date"]


@admin.register(Series)
class SeriesAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["title", "vertical", "status", "planned_start", "order", "article_count"]
    list_filter = ["vertical", "status"]
    list_editable = ["order"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PlannedPartInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("vertical").annotate(_articles=Count("articles"))

    @admin.display(description="articles", ordering="_articles")
    def article_count(self, obj):
        return obj._articles


@admin.register(Resource)
class ResourceAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "vertical", "order"]
    list_filter = ["kind", "vertical"]
    list_editable = ["order"]
    list_select_related = ["vertical"]
    search_fields = ["title", "note", "url"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["term", "expansion", "vertical", "updated_at"]
    list_filter = ["vertical"]
    list_select_related = ["vertical"]
    search_fields = ["term", "expansion", "short_definition"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(PreviewLink)
class PreviewLinkAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["article", "created_by", "created_at", "expires_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title"]
    readonly_fields = ["article", "created_by", "created_at", "expires_at", "revoked_at", "link"]
    fields = readonly_fields
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False  # created from the article's page, where the link is shown once

    @admin.display(description="state")
    def state(self, obj):
        if obj.revoked_at:
            return "Revoked"
        return "Active" if obj.is_active() else "Expired"

    @admin.display(description="link")
    def link(self, obj):
        url = preview.preview_url(obj)
        return format_html('<a href="{}">{}</a>', url, url) if obj.is_active() else "—"

    @admin.action(description="Revoke selected preview links", permissions=["change"])
    def revoke_selected(self, request, queryset):
        links = list(queryset.filter(revoked_at__isnull=True))
        for link in links:
            preview.revoke_preview_link(link, request.user)
        messages.success(request, f"Revoked {len(links)} preview link(s).")


@admin.register(SlugRedirect)
class SlugRedirectAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["old_slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["old_slug"]


# taggit registers its own Tag admin; keep it, with the same NUL-safe search as ours.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(SearchMixin, TaggitTagAdmin):
    pass
