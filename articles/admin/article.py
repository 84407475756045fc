"""ArticleAdmin: what the article list and form show, and who may see and change what.

Its own pages (workflow steps, bulk actions, preview links, revisions, tag suggestions, the calendar) are in
article_views.py; this class only routes to them.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from articles import workflow
from articles.models import Article, Author, Correction, Reference
from posttrain.admin_concurrency import ConcurrentEditMixin
from posttrain.admin_search import SearchMixin

from . import article_views as views
from . import attention_views, comment_views
from .filters import StatusFilter, TagFilter
from .forms import ReferenceFormSet, checked_image_field


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
    formset = ReferenceFormSet
    fields = ["order", "key", "kind", "title", "authors", "year", "url", "doi", "arxiv_id", "arxiv_version", "isbn"]


class CorrectionInline(ArticlePartInline):
    model = Correction
    fields = ["date", "note"]


@admin.register(Article)
class ArticleAdmin(ConcurrentEditMixin, SearchMixin, VersionAdmin):
    list_display = [
        "title", "status_label", "vertical", "series_and_part", "author_names", "publish_date", "updated_at"
    ]
    list_filter = [StatusFilter, "vertical", "series", TagFilter, "authors"]
    list_select_related = ["vertical", "series"]
    search_fields = ["title", "standfirst", "slug", "authors__name"]
    date_hierarchy = "publish_date"
    # Work in progress (no date yet) first, then the newest dates, the same on every database.
    ordering = [F("publish_date").desc(nulls_first=True), "-created_at"]
    autocomplete_fields = ["series", "authors", "hero"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceInline, CorrectionInline]
    actions = [views.submit_selected, views.publish_selected, views.schedule_selected, views.unpublish_selected]
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"  # revisions, then the discussion
    history_latest_first = True
    version_exclude = ["search_vector", "word_count"]  # derived from the words after each save
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Placement", {"fields": ["vertical", "series", "part", "authors", "tags"]}),
        ("Hero image", {"fields": ["hero"]}),
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
        js = ["articles/admin/tag-suggest.js", "articles/admin/library-figure.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = checked_image_field(super().formfield_for_dbfield(db_field, request, **kwargs))
        if db_field.name == "tags" and field is not None:
            field.widget.attrs["data-tag-suggest-url"] = reverse("admin:articles_article_tag_suggestions")
            field.help_text = "A comma-separated list of tags; existing tags are suggested as you type."
        if db_field.name == "body" and field is not None:
            field.widget.attrs["data-image-library-url"] = reverse("admin:articles_image_choices")
        return field

    def get_urls(self):
        return views.urls(self) + comment_views.urls(self) + attention_views.urls(self) + super().get_urls()

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

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def get_view_on_site_url(self, obj=None):
        # Readers see only published articles; for the rest there is Preview.
        if obj is None or not obj.is_published():
            return None
        return super().get_view_on_site_url(obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Someone else's article is simply not there for a writer: 404, not a redirect that hints otherwise.
        raise Http404("No such article.")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status_label", "publish_date", "created_by", "created_at", "updated_at"]
        if not workflow.is_editor(request.user):
            readonly += workflow.EDITOR_ONLY_FIELDS
        return readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.is_editor(request.user):
            # Writers delete drafts one by one, from the draft's own page.
            actions.pop("delete_selected", None)
        return actions

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author and "authors" not in initial:
            initial["authors"] = [author.pk]
        return initial

    def save_model(self, request, obj, form, change):
        if change:
            workflow.keep_workflow_state(obj)
        else:
            obj.created_by = request.user
            obj.status = Article.Status.DRAFT
        super().save_model(request, obj, form, change)

    # Edits from a stale page (ConcurrentEditMixin) ---------------------------------------------------------

    def change_records(self, obj):
        # Workflow steps are recorded as transitions, not in the admin log or as revisions.
        last_step = obj.transitions.select_related("user").first()
        return [*super().change_records(obj), *([(last_step.at, last_step.user)] if last_step else [])]

    def conflict_links(self, request, obj):
        return format_html('<a href="{}">Compare the revisions</a> to see what changed.', views.compare_url(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(views.change_form_context(self, request, obj))
            context.update(comment_views.change_form_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # django-reversion's own pages, held to the same rules as ours -------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), **comment_views.history_context(self, request, object_id)}
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return views.revision_view(self, request, object_id, version_id)

    def recoverlist_view(self, request, extra_context=None):
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        return views.recover_view(self, request, version_id)
